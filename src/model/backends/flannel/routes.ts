/**
 * What flanneld programs on each host for one address family (BACKENDS.md §1.3): its tunnel device,
 * and one route (plus, for VXLAN, one neighbour and one FDB entry) per remote host. An entry towards
 * a host is one object shared by every host that sees it the same way, so a 1,000-host cluster costs
 * arrays of references, not a million objects.
 */
import { type Cidr, type Family, formatCidr, formatIp, networkAddress } from "../../addr/index.ts";
import { VXLAN_OVERHEAD } from "../../encapsulation.ts";
import type { Interface, Route, Vtep, VtepTable } from "../../report.ts";
import { UNDERLAY_DEV, hostAddress, stableMac, underlayGateway } from "../common.ts";
import type { ClusterContext, HostContext } from "../types.ts";
import type { FamilyLayout } from "./allocate.ts";
import type { FlannelConfig } from "./config.ts";

export type FlannelMode = FlannelConfig["mode"];

export const VXLAN_DEFAULT_PORT = 8472;
export const UDP_DEFAULT_PORT = 8285;
export const WIREGUARD_PORT: Record<Family, number> = { 4: 51820, 6: 51821 };

/** The UDP port the mode listens on for a family (config.port overrides vxlan, udp and WireGuard's IPv4 ListenPort). */
export function tunnelPort(config: FlannelConfig, family: Family): number | undefined {
  switch (config.mode) {
    case "vxlan": return config.port ?? VXLAN_DEFAULT_PORT;
    case "udp": return config.port ?? UDP_DEFAULT_PORT;
    case "wireguard": return family === 4 ? config.port ?? WIREGUARD_PORT[4] : WIREGUARD_PORT[6];
    default: return undefined;
  }
}

/** flannel's device for the mode and family; host-gw and ipsec have none (ipsec works through xfrm policies). */
export function tunnelDeviceName(config: FlannelConfig, family: Family): string | undefined {
  switch (config.mode) {
    case "vxlan": return family === 4 ? `flannel.${config.vni}` : `flannel-v6.${config.vni}`;
    case "udp": return "flannel0";
    case "wireguard": return family === 4 ? "flannel-wg" : "flannel-wg-v6";
    case "ipip": return "flannel.ipip";
    default: return undefined;
  }
}

/** The host's address of this family on the underlay (flannel's PublicIP / PublicIPv6), if it has one. */
export function publicAddress(h: HostContext, family: Family): string | undefined {
  return hostAddress(h, family);
}

/**
 * flannel-v6.<VNI> encapsulates in IPv6 (its local address is PublicIPv6), and the kernel caps a
 * VXLAN device over IPv6 at its parent's MTU − 70 (VXLAN6_HEADROOM, vxlan_config_apply), whatever
 * flannel asks for: `ip link` shows ext − 70 there while flannel.<VNI> and FLANNEL_MTU are ext − 50
 * (flannel-io/flannel#1781).
 */
export function vxlanV6DeviceMtu(underlayMtu: number): number {
  return underlayMtu - VXLAN_OVERHEAD[6];
}

/** A host's entries towards its peers: a list shared by a group of hosts, minus the host's own entry (at skip). */
export interface PeerView<T> {
  list: readonly T[];
  skip: number;
}

export interface FamilyPlumbing {
  /** Per host (ctx.hosts order). */
  devices: (Interface | undefined)[];
  routes: PeerView<Route>[];
  /** VXLAN's neighbour and FDB entries, once for the cluster (report.ts VtepTable). */
  vteps?: VtepTable;
}

const NONE: PeerView<never> = { list: [], skip: -1 };

/** Pieces of one host's array: its own entries and shared peer lists, with the indexes (in the joined array) of its own entries to drop. */
export interface PeerParts<T> {
  arrays: (readonly T[])[];
  skips: number[];
}

export function addView<T>(parts: PeerParts<T>, view: PeerView<T> | undefined): void {
  if (!view || view.list.length === 0) return;
  if (view.skip >= 0) {
    let offset = 0;
    for (const a of parts.arrays) offset += a.length;
    parts.skips.push(offset + view.skip);
  }
  parts.arrays.push(view.list);
}

/** One concat, then a splice per own entry: the cheapest way to give each host its own copy of shared lists. */
export function joinParts<T>(parts: PeerParts<T>): T[] {
  const out = ([] as T[]).concat(...parts.arrays);
  for (let k = parts.skips.length - 1; k >= 0; k--) out.splice(parts.skips[k] as number, 1);
  return out;
}

/** Devices and per-peer entries of one family for every host. */
export function familyPlumbing(ctx: ClusterContext<FlannelConfig>, layout: FamilyLayout, overhead: number): FamilyPlumbing {
  const { config, hosts } = ctx;
  const family = layout.plan.family;
  const subnets = layout.subnets;
  const dev = tunnelDeviceName(config, family);
  const port = tunnelPort(config, family);
  const hostLen = family === 4 ? 32 : 128;
  const macs = config.mode === "vxlan" && dev ? hosts.map((h) => stableMac(h.host.id + dev)) : [];

  const devices = hosts.map((h, i): Interface | undefined => {
    const subnet = subnets[i];
    if (!subnet || !dev) return undefined;
    const local = publicAddress(h, family);
    const device: Interface = {
      name: dev,
      kind: config.mode === "vxlan" ? "vxlan" : config.mode === "udp" ? "tun" : config.mode === "wireguard" ? "wireguard" : "ipip",
      addresses: [`${formatIp(networkAddress(subnet))}/${hostLen}`],
      mtu: config.mode === "vxlan" && family === 6 ? vxlanV6DeviceMtu(h.underlay.mtu) : h.underlay.mtu - overhead,
    };
    const mac = macs[i];
    if (mac) device.mac = mac;
    if (config.mode === "vxlan") device.vni = config.vni;
    if (port !== undefined) device.port = port;
    if ((config.mode === "vxlan" || config.mode === "ipip") && local) { device.local = local; device.parent = UNDERLAY_DEV; }
    return device;
  });

  // udp and wireguard route the whole Network into their device: one route object for every host.
  if (config.mode === "udp" || config.mode === "wireguard") {
    const route: Route = config.mode === "udp"
      ? { dst: formatCidr(layout.plan.network), dev: dev as string }
      : { dst: formatCidr(layout.plan.network), dev: dev as string, scope: "link" };
    const view: PeerView<Route> = { list: [route], skip: -1 };
    return { devices, routes: hosts.map((_, i) => (subnets[i] ? view : NONE)) };
  }

  const underlayOf = hosts.map((h) => h.underlay.underlay.id);
  const pub = hosts.map((h) => publicAddress(h, family));
  const direct = (config.mode === "vxlan" || config.mode === "ipip") && config.directRouting;
  // Entries that depend on whether viewer and peer share an underlay are built once per underlay.
  const viewDependsOnUnderlay = direct || config.mode === "host-gw" || config.mode === "ipsec";
  const groupOf = (i: number): string => (viewDependsOnUnderlay ? (underlayOf[i] as string) : "");

  const directRoutes = lazyPerPeer((i): Route | undefined => {
    const s = subnets[i];
    const via = pub[i];
    return s && via ? { dst: formatCidr(s), gateway: via, dev: UNDERLAY_DEV } : undefined;
  });
  const tunnelRoutes = lazyPerPeer((i): Route | undefined => {
    const s = subnets[i];
    if (!s || !dev) return undefined;
    // vxlan routes via the peer's flannel.1 address (answered by the static neighbour); ipip via the peer itself.
    const via = config.mode === "vxlan" ? formatIp(networkAddress(s)) : pub[i];
    return via ? { dst: formatCidr(s), gateway: via, dev, flags: ["onlink"] } : undefined;
  });
  const isDirect = (group: string, peer: number) => direct && group === underlayOf[peer] && pub[peer] !== undefined;

  let routeFor: (group: string, peer: number) => Route | undefined;
  if (config.mode === "host-gw") {
    // A gateway that is not on-link cannot be installed: peers across a router get no route (NOT_L2_ADJACENT says so).
    routeFor = (group, peer) => (group === underlayOf[peer] ? directRoutes(peer) : undefined);
  } else if (config.mode === "ipsec") {
    const viaGateway = new Map<string, (peer: number) => Route | undefined>();
    routeFor = (group, peer) => {
      if (group === underlayOf[peer]) return directRoutes(peer);
      let make = viaGateway.get(group);
      if (!make) {
        const info = ctx.underlays.get(group);
        const gw = info && underlayGateway(info, family);
        const gateway = gw ? formatIp(gw) : undefined;
        make = lazyPerPeer((i) => {
          const s = subnets[i];
          return s && gateway ? { dst: formatCidr(s), gateway, dev: UNDERLAY_DEV } : undefined;
        });
        viaGateway.set(group, make);
      }
      return make(peer);
    };
  } else {
    routeFor = (group, peer) => (isDirect(group, peer) ? directRoutes(peer) : tunnelRoutes(peer));
  }

  const hasSubnet = (i: number) => subnets[i] !== undefined;
  const plumbing: FamilyPlumbing = { devices, routes: peerViews(hosts.length, groupOf, routeFor, hasSubnet) };
  if (config.mode === "vxlan" && dev) {
    const vteps: Vtep[] = [];
    hosts.forEach((h, i) => {
      const s = subnets[i];
      const mac = macs[i];
      const dst = pub[i];
      if (!s || !mac || !dst) return;
      vteps.push({
        host: h.host.id,
        underlay: underlayOf[i] as string,
        neighbor: { dst: formatIp(networkAddress(s)), lladdr: mac, dev, state: ["PERMANENT"] },
        fdb: { mac, dev, dst, flags: ["self", "permanent"] },
      });
    });
    // With DirectRouting a peer on the host's own underlay is reached by a plain route: no entries for it.
    plumbing.vteps = { dev, skip: direct ? "same-underlay" : "own", vteps };
  }
  return plumbing;
}

/** Builds each peer's entry at most once, on first use. */
function lazyPerPeer<T>(make: (peer: number) => T | undefined): (peer: number) => T | undefined {
  const cache = new Map<number, T | undefined>();
  return (peer) => {
    if (cache.has(peer)) return cache.get(peer);
    const value = make(peer);
    cache.set(peer, value);
    return value;
  };
}

/**
 * Every host's view of its entries towards the other hosts. Hosts in the same group see the same
 * entry for a peer, so each group's list is built once and each host skips its own entry.
 */
function peerViews<T>(n: number, groupOf: (i: number) => string, entryFor: (group: string, peer: number) => T | undefined, included: (i: number) => boolean): PeerView<T>[] {
  const groups = new Map<string, { list: T[]; position: Int32Array }>();
  const out: PeerView<T>[] = [];
  for (let j = 0; j < n; j++) {
    if (!included(j)) { out.push(NONE); continue; }
    const key = groupOf(j);
    let group = groups.get(key);
    if (!group) {
      const list: T[] = [];
      const position = new Int32Array(n).fill(-1);
      for (let p = 0; p < n; p++) {
        const entry = entryFor(key, p);
        if (entry === undefined) continue;
        position[p] = list.length;
        list.push(entry);
      }
      group = { list, position };
      groups.set(key, group);
    }
    out.push({ list: group.list, skip: group.position[j] ?? -1 });
  }
  return out;
}

/** The bridge's connected route, as the kernel adds it when the gateway address goes on the bridge. */
export function bridgeRoute(bridge: string, subnet: Cidr, gateway: string): Route {
  return subnet.family === 4
    ? { dst: formatCidr(subnet), dev: bridge, protocol: "kernel", scope: "link", prefsrc: gateway }
    : { dst: formatCidr(subnet), dev: bridge, protocol: "kernel", metric: 256 };
}
