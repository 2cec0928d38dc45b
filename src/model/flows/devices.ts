/**
 * Which device carries a packet at a tunnel hop, which host device a local container sits behind, and
 * what the encapsulation looks like: read from the interfaces the backends report (kind, master,
 * remote, port), never from the backend's type.
 */
import { type Addr, contains, formatIp, parseIp } from "../addr/index.ts";
import type { FlowHop, Interface } from "../report.ts";
import { type ContainerView, type HostView, deviceOf, hostAddressFor, isTunnel } from "./network-index.ts";
import { networkOf } from "./route-lookup.ts";

/** Encapsulation kinds that name their own protocol; tun and OVS devices carry whatever the cluster uses. */
const PROTOCOL_KINDS: ReadonlySet<Interface["kind"]> = new Set(["vxlan", "ipip", "wireguard", "gre", "geneve"]);

const ENCAPSULATION_NAMES: Record<string, string> = {
  vxlan: "VXLAN", ipip: "IP-in-IP", wireguard: "WireGuard", gre: "GRE", geneve: "Geneve", esp: "IPsec ESP", openvpn: "OpenVPN", udp: "UDP", sleeve: "Weave sleeve",
};

export const encapsulationName = (type: string) => ENCAPSULATION_NAMES[type] ?? type;

/** Protocol tunnels (and TUN devices) wrap packets themselves; bridges and OVS switches hand them to a tunnel port. */
const WRAPPING_KINDS: ReadonlySet<Interface["kind"]> = new Set([...PROTOCOL_KINDS, "tun"]);

/**
 * The device that wraps a packet for a peer: the routed device itself when it is a tunnel, else the
 * switch's tunnel port towards that peer (OVS ports carry `remote`), else its first tunnel port, else
 * any tunnel device of the host (Weave's datapath sits behind a veth pair).
 */
export function tunnelDevice(host: HostView, via: Interface | undefined, peer: HostView): Interface | undefined {
  if (via && WRAPPING_KINDS.has(via.kind)) return via;
  const peerIps = [formatIp(peer.ip), ...(peer.ip6 ? [formatIp(peer.ip6)] : [])];
  const ports = via ? host.report.interfaces.filter((d) => d.master === via.name && isTunnel(d)) : [];
  const pool = ports.length > 0 ? ports : host.report.interfaces.filter((d) => isTunnel(d) && d !== via);
  return pool.find((d) => d.remote !== undefined && peerIps.includes(d.remote)) ?? pool[0] ?? via;
}

/** The host device (bridge, OVS bridge) whose own network holds an address: where a local container sits. */
export function segmentDevice(host: HostView, addr: Addr): Interface | undefined {
  let best: Interface | undefined;
  let bestLen = -1;
  for (const d of host.report.interfaces) {
    if (d.kind === "ethernet") continue;
    for (const a of d.addresses) {
      const c = networkOf(a);
      if (c && c.prefix > bestLen && contains(c, addr)) { best = d; bestLen = c.prefix; }
    }
  }
  return best;
}

/**
 * What a tunnel hop wraps the packet in: the device's own protocol, or the cluster's for TUN and switch
 * ports; between the hosts' addresses of the family the device sends from (its local address: a
 * flannel-v6.1 or vxlan-v6.calico on a dual-stack underlay sends over IPv6).
 */
export function encapsulationFor(host: HostView, next: HostView, dev: Interface): NonNullable<FlowHop["encapsulation"]> {
  const cluster = host.cluster.report;
  const ownProtocol = PROTOCOL_KINDS.has(dev.kind);
  const type = ownProtocol || cluster.encapsulation === "none" ? dev.kind : cluster.encapsulation;
  const fromMtu = host.underlay.mtu - dev.mtu;
  // The cluster's overhead is for its own encapsulation; another device (WireGuard beside IPIP) shows its own by its MTU.
  const overhead = type === cluster.encapsulation && cluster.overhead > 0 ? cluster.overhead : fromMtu > 0 ? fromMtu : cluster.overhead;
  const family = dev.local?.includes(":") ? 6 : dev.local === undefined ? host.ip.family : 4;
  const enc: NonNullable<FlowHop["encapsulation"]> = {
    type, outerSrc: formatIp(hostAddressFor(host, family) ?? host.ip), outerDst: formatIp(hostAddressFor(next, family) ?? next.ip), overhead,
  };
  // A client's tunnel has no listening port of its own: it sends to the peer's (OpenVPN's 1194 on the server).
  const port = dev.port ?? deviceOf(next, dev.name)?.port;
  if (port !== undefined) enc.port = port;
  return enc;
}

/**
 * The container address a published port's DNAT sends to: its own, unless that address sits behind a
 * device in another namespace of the host (Docker overlay's network sandbox), which the host's own
 * table cannot reach; then its address on a host-namespace bridge (docker_gwbridge), where Docker
 * maps the port. Read from the container's kernel routes (their source addresses name its other legs).
 */
export function publishedTargetAddress(host: HostView, target: ContainerView, addr: Addr): Addr {
  if (segmentDevice(host, addr)?.netns === undefined) return addr;
  for (const r of target.report?.routes ?? []) {
    if (r.protocol !== "kernel" || r.prefsrc === undefined) continue;
    const leg = parseIp(r.prefsrc);
    if (!leg.ok || leg.value.family !== addr.family) continue;
    const dev = segmentDevice(host, leg.value);
    if (dev && dev.netns === undefined) return leg.value;
  }
  return addr;
}
