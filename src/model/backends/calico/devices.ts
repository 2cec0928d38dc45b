/**
 * Calico's devices and their numbers (BACKENDS.md §0, §2.3–2.4): tunl0, vxlan.calico,
 * wireguard.cali, the cali* veths, and the pod MTU Felix derives from them.
 */
import { type Addr, withPrefix } from "../../addr/index.ts";
import { CALICO_WIREGUARD_OVERHEAD, IPIP_OVERHEAD, VXLAN_OVERHEAD } from "../../encapsulation.ts";
import type { Interface } from "../../report.ts";
import { UNDERLAY_DEV, hostAddress, stableMac } from "../common.ts";
import type { HostContext } from "../types.ts";
import type { HostBlocks } from "./allocate.ts";
import type { CalicoConfig } from "./config.ts";
import { isIpipMode, isVxlanMode } from "./pool.ts";

export const TUNL_DEV = "tunl0";
export const VXLAN_VNI = 4096;
export const VXLAN_PORT = 4789;
export const WIREGUARD_PORT = { 4: 51820, 6: 51821 } as const;
export const BGP_PORT = 179;
export const TYPHA_PORT = 5473;
/** Calico's manifests turn Typha on for clusters above 50 nodes. */
export const TYPHA_THRESHOLD = 50;
/** Felix tags the routes it owns (blackholes, same-subnet routes) with protocol 80 (dataplanedefs.DefaultRoutingProto). */
export const FELIX_ROUTE_PROTOCOL = "80";
/** Inside the pod: a fake next hop answered by proxy ARP on the host veth, and the link-local of MAC ee:ee:ee:ee:ee:ee. */
export const POD_GATEWAY4 = "169.254.1.1";
export const POD_GATEWAY6 = "fe80::ecee:eeff:feee:eeee";
export const VETH_MAC = "ee:ee:ee:ee:ee:ee";

export function vxlanDev(family: 4 | 6): string {
  return family === 4 ? "vxlan.calico" : "vxlan-v6.calico";
}

export function wireguardDev(family: 4 | 6): string {
  return family === 4 ? "wireguard.cali" : "wg-v6.cali";
}

/** Felix stores a random VTEP MAC on the node; Topolab derives a stable one. */
export function vtepMac(h: HostContext, family: 4 | 6): string {
  return stableMac(`calico-vtep${family}:${h.host.id}`);
}

/**
 * "cali" + 11 hex characters, within Linux's 15-character limit. Calico takes them from the SHA-1
 * of "<namespace>.<pod>"; Topolab uses two FNV-1a hashes of the container id (cheap in bulk).
 */
const HEX = Array.from("0123456789abcdef", (ch) => ch.charCodeAt(0));

export function caliVethName(containerId: string): string {
  let a = 2166136261;
  let b = 0x9e3779b9;
  for (let i = 0; i < containerId.length; i++) {
    const c = containerId.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 16777619);
  }
  // 44 bits: all of a, then the top 12 bits of b; spelled out by hand, as radix conversion of large numbers is slow.
  return String.fromCharCode(
    99, 97, 108, 105, // "cali"
    HEX[(a >>> 28) & 15] as number, HEX[(a >>> 24) & 15] as number, HEX[(a >>> 20) & 15] as number, HEX[(a >>> 16) & 15] as number,
    HEX[(a >>> 12) & 15] as number, HEX[(a >>> 8) & 15] as number, HEX[(a >>> 4) & 15] as number, HEX[a & 15] as number,
    HEX[(b >>> 28) & 15] as number, HEX[(b >>> 24) & 15] as number, HEX[(b >>> 20) & 15] as number,
  );
}

export interface FamiliesInUse {
  v4: boolean;
  v6: boolean;
}

/** The overheads of the encapsulations Felix enables for the pools in use. */
export function enabledOverheads(config: CalicoConfig, use: FamiliesInUse): number[] {
  const out: number[] = [];
  if (use.v4 && isIpipMode(config.mode)) out.push(IPIP_OVERHEAD);
  if (use.v4 && isVxlanMode(config.mode)) out.push(VXLAN_OVERHEAD[4]);
  if (use.v6 && isVxlanMode(config.mode)) out.push(VXLAN_OVERHEAD[6]);
  if (config.wireguard && use.v4) out.push(CALICO_WIREGUARD_OVERHEAD[4]);
  if (config.wireguard && use.v6) out.push(CALICO_WIREGUARD_OVERHEAD[6]);
  return out;
}

/** determinePodMTU: the smallest MTU among the enabled encapsulations, or the host's MTU when none is. */
export function podMtu(hostMtu: number, overheads: readonly number[]): number {
  return hostMtu - Math.max(0, ...overheads);
}

const withAddress = (a: Addr | undefined) => (a === undefined ? [] : [withPrefix(a, a.family === 4 ? 32 : 128)]);

/** The tunnel and WireGuard devices on one host; addresses come from the host's first block. */
export function tunnelInterfaces(h: HostContext, config: CalicoConfig, v4: HostBlocks | undefined, v6: HostBlocks | undefined, use: FamiliesInUse): Interface[] {
  const ext = h.underlay.mtu;
  const out: Interface[] = [];
  if (use.v4 && isIpipMode(config.mode)) {
    out.push({ name: TUNL_DEV, kind: "ipip", addresses: withAddress(v4?.tunnel), mtu: ext - IPIP_OVERHEAD });
  }
  if (isVxlanMode(config.mode)) {
    for (const family of [4, 6] as const) {
      if (!(family === 4 ? use.v4 : use.v6)) continue;
      const blocks = family === 4 ? v4 : v6;
      const local = hostAddress(h, family);
      out.push({
        name: vxlanDev(family), kind: "vxlan", addresses: withAddress(blocks?.tunnel), mtu: ext - VXLAN_OVERHEAD[family],
        mac: vtepMac(h, family), vni: VXLAN_VNI, port: VXLAN_PORT, parent: UNDERLAY_DEV,
        ...(local === undefined ? {} : { local }),
      });
    }
  }
  if (config.wireguard) {
    for (const family of [4, 6] as const) {
      if (!(family === 4 ? use.v4 : use.v6)) continue;
      const blocks = family === 4 ? v4 : v6;
      out.push({
        name: wireguardDev(family), kind: "wireguard", addresses: withAddress(blocks?.wireguard),
        mtu: ext - CALICO_WIREGUARD_OVERHEAD[family], port: WIREGUARD_PORT[family],
      });
    }
  }
  return out;
}
