/**
 * Containers attached straight to their host's LAN (ipvlan l2, macvlan): each takes an address
 * from its host's underlay subnet, its gateway is the underlay's gateway, its MTU the parent's.
 * Docker's IPAM is local to each host, so hosts sharing a subnet need disjoint ranges
 * (`--ip-range`). Topolab places them after the highest address any host or endpoint holds on
 * that underlay, one host after another in document order, skipping the gateway's and routers'
 * addresses. Every LAN-attached cluster on an underlay is allocated together, so two clusters on
 * one LAN never hand out the same address; the first of them reports the allocation's problems.
 * On a dual-stack underlay (cidr6) a dual or IPv6 cluster's containers take their IPv6 addresses
 * from cidr6 the same way, after the hosts' IPv6 addresses.
 */
import { type Addr, type Cidr, type Family, addressAt, formatCidr, formatIp, offsetOf, parseIp } from "../addr/index.ts";
import type { Cluster, Container, Document, IpFamily } from "../document.ts";
import { type AllocationItem, allocateAddresses, usableRange } from "../ipam.ts";
import type { ContainerReport, Diagnostic, HostReport, Interface, Route } from "../report.ts";
import { planUnderlays } from "../underlay.ts";
import { UNDERLAY_DEV, baseHostReport, stableMac } from "./common.ts";
import { connectedRouteOn, defaultVia, familiesOf, pinnedFor } from "./container-net.ts";
import type { ClusterContext, HostContext, UnderlayInfo } from "./types.ts";

export interface LanDevice {
  kind: "ipvlan" | "macvlan";
  mode: string;
  parent: string;
  /** macvlan gives each container its own MAC; ipvlan slaves share the parent's. */
  ownMac: boolean;
  /** "ipvlan l2", "macvlan": how messages name the driver. */
  label: string;
  /** What to do when the underlay lacks a family the cluster asks for. */
  familyFix: string;
}

export interface LanAttached {
  hosts: HostReport[];
  containers: ContainerReport[];
  /** The underlay subnets the containers live on. */
  pools: string[];
  /** The smallest parent MTU: what a container can count on anywhere in the cluster. */
  mtu: number;
  diagnostics: Diagnostic[];
}

/** The clusters whose containers share their hosts' underlay subnets, allocated together. */
function isLanAttached(c: Cluster): boolean {
  return c.backend.type === "macvlan" || (c.backend.type === "ipvlan" && c.backend.mode === "l2");
}

/** One network of an underlay (its cidr, or a dual-stack underlay's cidr6) and the containers' addresses on it. */
interface SideAllocation {
  net: Cidr;
  addresses: Map<string, Addr>;
  /** The default route every container on this network holds: one object, shared. */
  defaultRoute: Route;
  connected: (src: string) => Route;
  gateway: string;
}

interface UnderlayAllocation {
  info: UnderlayInfo;
  /** The networks this cluster's containers take addresses from, cidr's family first. */
  sides: SideAllocation[];
}

/**
 * The families a cluster's containers get on an underlay: those it asks for that the underlay
 * has (cidr, and cidr6 on a dual-stack underlay); when it has none of them, the underlay's own
 * (familyDiagnostics says so).
 */
function familiesOn(ipFamily: IpFamily, info: UnderlayInfo): Family[] {
  const want = familiesOf(ipFamily);
  const out: Family[] = [];
  if (want.v4 && info.cidr.family === 4) out.push(4);
  if (want.v6 && (info.cidr.family === 6 || info.cidr6 !== undefined)) out.push(6);
  return out.length > 0 ? out : [info.cidr.family];
}

type Plan = ReturnType<typeof planUnderlays>;

export function analyzeLanAttached(ctx: ClusterContext, device: LanDevice): LanAttached {
  const doc = ctx.document;
  const used = new Map<string, UnderlayInfo>();
  for (const h of ctx.hosts) used.set(h.underlay.underlay.id, h.underlay);
  const diagnostics: Diagnostic[] = [];
  const byUnderlay = new Map<string, UnderlayAllocation>();
  const pools: string[] = [];
  if (used.size > 0) {
    // The underlay plan (hosts', routers', endpoints' addresses) is not in the context: replanning
    // only these underlays gives the same addresses the rest of the analysis uses.
    const plan = planUnderlays({ ...doc, underlays: doc.underlays.filter((u) => used.has(u.id)) });
    const lanClusters = new Map(doc.clusters.filter(isLanAttached).map((c) => [c.id, c.ipFamily]));
    const containersByHost = groupByHost(doc);
    for (const info of used.values()) {
      const sides: SideAllocation[] = [];
      for (const family of familiesOn(ctx.cluster.ipFamily, info)) {
        const onCidr = info.cidr.family === family;
        const side = onCidr ? { net: info.cidr, gateway: info.gateway } : { net: info.cidr6 as Cidr, gateway: info.gateway6 as Addr };
        const result = allocateUnderlay(doc, plan, info, side.net, side.gateway, onCidr, lanClusters, containersByHost);
        if (result.owner === ctx.cluster.id) diagnostics.push(...result.diagnostics);
        sides.push({
          net: side.net, addresses: result.addresses, defaultRoute: defaultVia(side.gateway, UNDERLAY_DEV),
          connected: connectedRouteOn(side.net, UNDERLAY_DEV), gateway: formatIp(side.gateway),
        });
        pools.push(formatCidr(side.net));
      }
      byUnderlay.set(info.underlay.id, { info, sides });
    }
  }
  diagnostics.push(...familyDiagnostics(ctx, [...used.values()], device));

  const hosts: HostReport[] = [];
  const containers: ContainerReport[] = [];
  for (const h of ctx.hosts) {
    const alloc = byUnderlay.get(h.underlay.underlay.id);
    const report = baseHostReport(ctx, h);
    if (alloc) report.subnets = hostRanges(h, alloc, containers, ctx.cluster.id, device);
    hosts.push(report);
  }
  const mtu = ctx.hosts.length > 0 ? Math.min(...[...used.values()].map((u) => u.mtu)) : 1500;
  return { hosts, containers, pools, mtu, diagnostics };
}

function groupByHost(doc: Document): Map<string, Container[]> {
  const out = new Map<string, Container[]>();
  for (const c of doc.containers) {
    const list = out.get(c.host);
    if (list) list.push(c);
    else out.set(c.host, [c]);
  }
  return out;
}

/**
 * Allocates one network of an underlay: `net` is its cidr (onCidr) or its cidr6, where the hosts'
 * and routers' IPv6 addresses are the ones held and external clients have none.
 */
function allocateUnderlay(
  doc: Document,
  plan: Plan,
  info: UnderlayInfo,
  net: Cidr,
  gateway: Addr,
  onCidr: boolean,
  lanClusters: ReadonlyMap<string, IpFamily>,
  containersByHost: ReadonlyMap<string, Container[]>,
): { addresses: Map<string, Addr>; diagnostics: Diagnostic[]; owner: string | undefined } {
  const id = info.underlay.id;
  const usable = usableRange(net, 1);
  const taken = new Set<number>([offsetOf(net, gateway)]);
  for (const r of plan.routers) {
    for (const a of r.addresses) {
      const text = a.underlay !== id ? undefined : onCidr ? a.ip : a.ip6;
      const parsed = text === undefined ? undefined : parseIp(text);
      if (parsed?.ok) taken.add(offsetOf(net, parsed.value));
    }
  }
  const hostIps = onCidr ? plan.hostIps : plan.hostIp6s;
  // Hosts and endpoints push the containers' start up; routers and the gateway are only skipped,
  // so a gateway at .254 does not leave the containers without room.
  let highest = -1;
  const hold = (a: Addr | undefined) => {
    if (!a) return;
    const off = offsetOf(net, a);
    taken.add(off);
    if (off > highest) highest = off;
  };
  const items: AllocationItem[] = [];
  let owner: string | undefined;
  for (const h of doc.hosts) {
    if (h.underlay !== id) continue;
    const ip = hostIps.get(h.id);
    hold(ip);
    const ipFamily = lanClusters.get(h.cluster);
    if (!ip || ipFamily === undefined) continue;
    owner ??= h.cluster;
    if (!familiesOn(ipFamily, info).includes(net.family)) continue;
    for (const c of containersByHost.get(h.id) ?? []) items.push({ id: c.id, pinned: pinnedFor(c, net.family), label: `container "${c.name}"` });
  }
  if (onCidr) for (const e of doc.externals) if (e.underlay === id) hold(plan.externalIps.get(e.id));
  const alloc = allocateAddresses(
    { cidr: net, first: Math.max(usable.first, highest + 1), last: usable.last, label: `underlay "${info.underlay.name}" (${formatCidr(net)})`, subjects: [id] },
    items,
    taken,
  );
  return { addresses: alloc.addresses, diagnostics: alloc.diagnostics, owner };
}

/**
 * Builds the host's container reports and returns its subnets: the runs of consecutive addresses
 * its containers hold, as "a–b" ranges (IPv4 first, then IPv6 on a dual-stack underlay). They are
 * not routed prefixes: other hosts reach them through the LAN, so a CIDR here would wrongly suggest a route.
 */
function hostRanges(h: HostContext, alloc: UnderlayAllocation, out: ContainerReport[], cluster: string, device: LanDevice): string[] {
  for (const c of h.containers) out.push(containerReport(c, h, alloc, cluster, device));
  const ranges: string[] = [];
  for (const side of alloc.sides) {
    const offsets: number[] = [];
    for (const c of h.containers) {
      const a = side.addresses.get(c.id);
      if (a) offsets.push(offsetOf(side.net, a));
    }
    offsets.sort((x, y) => x - y);
    for (let i = 0; i < offsets.length; ) {
      let j = i;
      while (j + 1 < offsets.length && (offsets[j + 1] as number) <= (offsets[j] as number) + 1) j++;
      ranges.push(`${formatIp(addressAt(side.net, offsets[i] as number))}–${formatIp(addressAt(side.net, offsets[j] as number))}`);
      i = j + 1;
    }
  }
  return ranges;
}

function containerReport(c: Container, h: HostContext, alloc: UnderlayAllocation, cluster: string, device: LanDevice): ContainerReport {
  const { info, sides } = alloc;
  const ips: string[] = [];
  const addresses: string[] = [];
  const routes: Route[] = [];
  for (const side of sides) {
    const a = side.addresses.get(c.id);
    if (!a) continue;
    const ip = formatIp(a);
    ips.push(ip);
    addresses.push(`${ip}/${side.net.prefix}`);
    routes.push(side.defaultRoute, side.connected(ip));
  }
  const dev: Interface = { name: UNDERLAY_DEV, kind: device.kind, addresses, mtu: info.mtu, parent: device.parent, mode: device.mode };
  if (device.ownMac) dev.mac = stableMac(c.id);
  return {
    id: c.id, name: c.name, host: h.host.id, cluster,
    ips, addresses,
    gateway: sides[0]?.gateway, mtu: info.mtu, interface: UNDERLAY_DEV,
    routes,
    device: dev,
  };
}

/** On a single-stack underlay the containers get its family and no other: say so when the cluster asks for another. */
function familyDiagnostics(ctx: ClusterContext, underlays: UnderlayInfo[], device: LanDevice): Diagnostic[] {
  const wanted = familiesOf(ctx.cluster.ipFamily);
  const out: Diagnostic[] = [];
  for (const u of underlays) {
    if (u.cidr6 !== undefined) continue; // dual stack: every family a cluster can ask for is there
    const f = u.cidr.family;
    const has = f === 4 ? wanted.v4 : wanted.v6;
    const missing = f === 4 ? wanted.v6 : wanted.v4;
    if (has && !missing) continue;
    const other = f === 4 ? 6 : 4;
    out.push({
      code: "UNDERLAY_FAMILY_MISSING", severity: has ? "warning" : "error", subjects: [ctx.cluster.id, u.underlay.id],
      message: `Cluster "${ctx.cluster.name}" asks for ${ctx.cluster.ipFamily}, but ${device.label} containers take their addresses from their host's underlay, and underlay "${u.underlay.name}" (${formatCidr(u.cidr)}) is IPv${f} only: its containers get IPv${f} addresses${has ? "" : " instead"} and no IPv${other}. ${device.familyFix}`,
    });
  }
  return out;
}

/** Cloud underlays among the cluster's hosts, for the drivers' cloud caveats. */
export function cloudUnderlays(ctx: ClusterContext): UnderlayInfo[] {
  const out = new Map<string, UnderlayInfo>();
  for (const h of ctx.hosts) if (h.underlay.underlay.kind === "cloud") out.set(h.underlay.underlay.id, h.underlay);
  return [...out.values()];
}
