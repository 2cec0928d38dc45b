/**
 * Routes towards other hosts' blocks (BACKENDS.md §2.3), with the VXLAN neighbour and FDB entries.
 * A route towards a block is one object shared by every host that holds it: each host's table is
 * the cluster-wide list with its own blocks sliced out, so nothing here grows as hosts².
 */
import { formatIp } from "../../addr/index.ts";
import type { Route, Vtep, VtepTable } from "../../report.ts";
import { UNDERLAY_DEV, hostAddress, underlayGateway } from "../common.ts";
import type { ClusterContext, HostContext } from "../types.ts";
import type { FamilyAllocation } from "./allocate.ts";
import type { CalicoConfig } from "./config.ts";
import { FELIX_ROUTE_PROTOCOL, TUNL_DEV, vtepMac, vxlanDev } from "./devices.ts";
import { isIpipMode, isVxlanMode } from "./pool.ts";

export interface RemoteRouting {
  /** How many routes host i has towards the other hosts' blocks. */
  count(i: number): number;
  /** Writes them into out from index at (a preallocated table: pushing a thousand routes per host is slow); returns the next index. */
  copyInto(i: number, out: Route[], at: number): number;
  /** VXLAN modes: the VTEPs every host programs (report.ts VtepTable). */
  vteps?: VtepTable;
}

interface View {
  flat: Route[];
  start: number[];
  end: number[];
}

/**
 * A host takes part in routing of a family only with an underlay address of that family (the outer
 * header, the BGP next hop): its `ip`, or its `ip6` on a dual-stack underlay (Calico's IP6 autodetection).
 */
export function nodeAddress(h: HostContext, family: 4 | 6): string | undefined {
  return hostAddress(h, family);
}

export function remoteRouting(ctx: ClusterContext<CalicoConfig>, fam: FamilyAllocation): RemoteRouting {
  const { mode } = ctx.config;
  const family = fam.choice.family;
  const hosts = ctx.hosts;
  const ipip = isIpipMode(mode);
  const vxlan = isVxlanMode(mode);
  // Cross-subnet modes and BGP without encapsulation route differently depending on where the viewer sits.
  const perUnderlay = mode === "none" || mode.endsWith("-cross-subnet");
  const tunnelDev = vxlanDev(family);
  const addresses = hosts.map((h) => nodeAddress(h, family));
  const routable = hosts.map((_, i) => fam.hosts[i] !== undefined && addresses[i] !== undefined);
  const blocksOf = (i: number) => (routable[i] ? fam.hosts[i]?.blockTexts ?? [] : []);

  const encapsulated: Route[][] = hosts.map((_, i) => {
    const vtep = fam.hosts[i]?.tunnel;
    if (ipip) return blocksOf(i).map((dst) => ({ dst, gateway: addresses[i] as string, dev: TUNL_DEV, protocol: "bird", flags: ["onlink"] }));
    if (vxlan && vtep) {
      const gateway = formatIp(vtep);
      return blocksOf(i).map((dst) => ({ dst, gateway, dev: tunnelDev, flags: ["onlink"] }));
    }
    return [];
  });
  // BIRD programs direct routes in IPIP CrossSubnet and BGP modes; Felix (protocol 80) in VXLAN CrossSubnet.
  const direct: Route[][] = perUnderlay
    ? hosts.map((_, i) => blocksOf(i).map((dst) => ({ dst, gateway: addresses[i] as string, dev: UNDERLAY_DEV, protocol: vxlan ? FELIX_ROUTE_PROTOCOL : "bird" })))
    : [];

  const views = new Map<string, View>();
  const viewFor = (viewer: HostContext): View => {
    const key = perUnderlay ? viewer.underlay.underlay.id : "";
    const cached = views.get(key);
    if (cached) return cached;
    const view: View = { flat: [], start: [], end: [] };
    // Without encapsulation BIRD resolves a peer on another subnet recursively: the kernel route goes via this subnet's gateway.
    const gw = underlayGateway(viewer.underlay, family);
    const gateway = gw ? formatIp(gw) : undefined;
    hosts.forEach((peer, x) => {
      view.start.push(view.flat.length);
      let rs = encapsulated[x] ?? [];
      if (perUnderlay && ctx.sameL2(viewer, peer)) rs = direct[x] ?? [];
      else if (mode === "none") rs = gateway === undefined ? [] : blocksOf(x).map((dst) => ({ dst, gateway, dev: UNDERLAY_DEV, protocol: "bird" }));
      for (const r of rs) view.flat.push(r);
      view.end.push(view.flat.length);
    });
    views.set(key, view);
    return view;
  };

  const count = (i: number) => {
    const h = hosts[i];
    if (!h || !routable[i]) return 0;
    const { flat, start, end } = viewFor(h);
    return flat.length - ((end[i] ?? 0) - (start[i] ?? 0));
  };
  const copyInto = (i: number, out: Route[], at: number) => {
    const h = hosts[i];
    if (!h || !routable[i]) return at;
    const { flat, start, end } = viewFor(h);
    const s = start[i] ?? 0;
    let j = at;
    for (let x = 0; x < s; x++) out[j++] = flat[x] as Route;
    for (let x = end[i] ?? 0; x < flat.length; x++) out[j++] = flat[x] as Route;
    return j;
  };

  if (!vxlan) return { count, copyInto };
  // Felix programs the ARP and FDB entries of every remote VTEP, whether or not a route uses it.
  const vteps: Vtep[] = [];
  hosts.forEach((h, i) => {
    const vtep = fam.hosts[i]?.tunnel;
    if (!routable[i] || !vtep) return;
    const lladdr = vtepMac(h, family);
    vteps.push({
      host: h.host.id,
      underlay: h.underlay.underlay.id,
      neighbor: { dst: formatIp(vtep), lladdr, dev: tunnelDev, state: ["PERMANENT"] },
      fdb: { mac: lladdr, dev: tunnelDev, dst: addresses[i] as string, flags: ["self", "permanent"] },
    });
  });
  return { count, copyInto, vteps: { dev: tunnelDev, skip: "own", vteps } };
}

/**
 * Calico without encapsulation across routed underlays: the routers must learn every block (BGP
 * peering with the fabric). Each block is reached via its host, on the host's underlay.
 */
export function fabricRoutes(ctx: ClusterContext<CalicoConfig>, fam: FamilyAllocation): { underlay: string; route: Route & { reason: string } }[] {
  const out: { underlay: string; route: Route & { reason: string } }[] = [];
  const reason = "Calico without encapsulation across subnets: the fabric must route pod blocks (BGP peering with the router)";
  ctx.hosts.forEach((h, i) => {
    const gateway = nodeAddress(h, fam.choice.family);
    if (gateway === undefined) return;
    for (const dst of fam.hosts[i]?.blockTexts ?? []) out.push({ underlay: h.underlay.underlay.id, route: { dst, gateway, reason } });
  });
  return out;
}
