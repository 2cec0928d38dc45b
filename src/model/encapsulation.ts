/**
 * Encapsulation overheads (BACKENDS.md §0): underlay MTU minus the largest inner IP packet.
 * One table, so every backend and the packet tracer agree on the same numbers.
 */
import type { Family } from "./addr/index.ts";

/** Outer IP + UDP 8 + VXLAN 8 + inner Ethernet 14 (cilium mtu.go, calico int_dataplane.go, moby joinleave.go). */
export const VXLAN_OVERHEAD: Record<Family, number> = { 4: 50, 6: 70 };
/** Outer IPv4 header only (calico ipipMTUOverhead, flannel ipip.go). */
export const IPIP_OVERHEAD = 20;
/** Geneve without options: outer IP + UDP 8 + Geneve 8 + inner Ethernet 14 (derived). */
export const GENEVE_OVERHEAD: Record<Family, number> = { 4: 50, 6: 70 };
/** L2 GRE (gretap): IP 20 + GRE 4 (+4 with a key) + inner Ethernet 14 (derived). */
export const GRE_OVERHEAD = 38;
export const GRE_KEY_OVERHEAD = 4;
/** flannel's userspace UDP backend: IP 20 + UDP 8, TUN (no inner Ethernet). */
export const FLANNEL_UDP_OVERHEAD = 28;
/** flannel always reserves 80 for WireGuard, whatever the family (wireguard_network.go). */
export const FLANNEL_WIREGUARD_OVERHEAD = 80;
/** flannel IPsec ESP, +8 with UDP encapsulation (ipsec_network.go). */
export const FLANNEL_IPSEC_OVERHEAD = 77;
export const FLANNEL_IPSEC_UDPENCAP_EXTRA = 8;
/** Calico's WireGuard overhead depends on the family (wireguardMTUOverhead / V6). */
export const CALICO_WIREGUARD_OVERHEAD: Record<Family, number> = { 4: 60, 6: 80 };
/** Docker overlay with --opt encrypted: ESP transport adds 26, then the MTU is rounded down to a multiple of 4 (encryption.go). */
export const DOCKER_ESP_OVERHEAD = 26;
/** Weave fastdp encryption: ESP 34..37 on top of VXLAN; Weave's default MTU 1376 assumes the worst case. */
export const WEAVE_ESP_OVERHEAD = 37;
/** OpenVPN tun over UDP/IPv4 with AEAD: IP 20 + UDP 8 + opcode/peer-id 4 + packet-id 4 + GCM tag 16 (derived, partly UNVERIFIED). */
export const OPENVPN_UDP_OVERHEAD = 52;
/** Over TCP the outer header is 20 bytes of TCP instead of 8 of UDP, plus a 2-byte packet length. */
export const OPENVPN_TCP_OVERHEAD = 66;

/** The smallest MTU IPv6 allows on any link (RFC 8200). */
export const IPV6_MIN_MTU = 1280;
