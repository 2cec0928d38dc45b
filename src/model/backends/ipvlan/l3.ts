/**
 * ipvlan l3: each host routes its own container subnet (config.cidr split into /subnetLen in host
 * order). Containers hold `default dev eth0`; the driver distributes no routes, so the underlay's
 * router needs one route per host subnet via that host (BACKENDS.md §7, vector 22), and Topolab
 * gives the hosts routes to each other's subnets.
 */
import { type Addr, type Cidr, cidr as knownCidr, formatCidr, formatIp, isIpv4Text, subnetAt, subnetCount } from "../../addr/index.ts";
import { allocateAddresses, usableRange } from "../../ipam.ts";
import type { ContainerReport, Diagnostic, HostReport, Interface, Route } from "../../report.ts";
import { UNDERLAY_DEV, baseHostReport, hostAddress, underlayGateway } from "../common.ts";
import { connectedRouteOn, familiesOf, listNames, pinnedFor } from "../container-net.ts";
import type { ClusterAnalysis, ClusterContext, HostContext } from "../types.ts";
import type { IpvlanConfig } from "./config.ts";
import { IPVLAN_L3_IPV6_POOL } from "./info.ts";

const IPV6_HOST_PREFIX = 64;

interface Pool {
  cidr: Cidr;
  len: number;
  /** The container default route, one object shared by every container of this family. */
  defaultRoute: Route;
}

type RouterRoute = ClusterAnalysis["routerRoutes"][number];

export interface L3Result {
  hosts: HostReport[];
  containers: ContainerReport[];
  routerRoutes: RouterRoute[];
  pools: string[];
  diagnostics: Diagnostic[];
}

export function analyzeL3(ctx: ClusterContext<IpvlanConfig>): L3Result {
  const diagnostics: Diagnostic[] = [];
  const pools = choosePools(ctx, diagnostics);
  const hosts: HostReport[] = [];
  const containers: ContainerReport[] = [];
  const routerRoutes: RouterRoute[] = [];
  const owners: HostContext[] = [];
  const exhausted = pools.map(() => [] as HostContext[]);
  for (const h of ctx.hosts) {
    const report = baseHostReport(ctx, h);
    const subnets = pools.map((p, i) => {
      if (h.index < subnetCount(p.cidr, p.len)) return subnetAt(p.cidr, p.len, h.index);
      exhausted[i]?.push(h);
      return undefined;
    });
    const addrs = pools.map((p, i) => allocateHost(h, p, subnets[i], diagnostics));
    for (const s of subnets) {
      if (!s) continue;
      report.subnets.push(formatCidr(s));
      if (hostAddress(h, s.family) === undefined) continue;
      routerRoutes.push(routerRoute(h, s));
      owners.push(h);
    }
    const nets = subnets.map((s) => (s ? { connected: connectedRouteOn(s, UNDERLAY_DEV), suffix: `/${s.prefix}` } : undefined));
    for (const c of h.containers) containers.push(containerReport(ctx, h, c, pools, nets, addrs));
    hosts.push(report);
  }
  pools.forEach((p, i) => {
    const missed = exhausted[i] ?? [];
    if (missed.length === 0) return;
    const count = subnetCount(p.cidr, p.len);
    diagnostics.push({
      code: "POOL_EXHAUSTED", severity: "error", subjects: [ctx.cluster.id, ...missed.map((h) => h.host.id)],
      message: `${formatCidr(p.cidr)} split into /${p.len} gives ${count} host subnet${count === 1 ? "" : "s"}, but cluster "${ctx.cluster.name}" has ${ctx.hosts.length} hosts: ${listNames(missed.map((h) => h.host.name))} get none. Use a larger cidr or a longer subnetLen.`,
    });
  });
  addPeerRoutes(ctx, hosts, routerRoutes, owners);
  diagnostics.push(...routerDiagnostics(ctx, routerRoutes, pools));
  return { hosts, containers, routerRoutes, pools: pools.map((p) => formatCidr(p.cidr)), diagnostics };
}

function choosePools(ctx: ClusterContext<IpvlanConfig>, diagnostics: Diagnostic[]): Pool[] {
  const want = familiesOf(ctx.cluster.ipFamily);
  const configured = knownCidr(ctx.config.cidr);
  const candidates: { cidr: Cidr; len: number; field: string }[] = [];
  if (want.v4) {
    if (configured.family === 4) candidates.push({ cidr: configured, len: ctx.config.subnetLen, field: "cidr" });
    else diagnostics.push(invalid(ctx, `Cluster "${ctx.cluster.name}" asks for IPv4 but its ipvlan l3 cidr ${ctx.config.cidr} is IPv6. Set cidr to an IPv4 network (the default is 10.1.0.0/16).`));
  }
  if (want.v6) {
    candidates.push(configured.family === 6
      ? { cidr: configured, len: ctx.config.subnetLen, field: "cidr" }
      : { cidr: knownCidr(IPVLAN_L3_IPV6_POOL), len: IPV6_HOST_PREFIX, field: "IPv6 pool" });
  }
  const pools: Pool[] = [];
  for (const c of candidates) {
    const max = c.cidr.family === 4 ? 32 : 128;
    if (c.len < c.cidr.prefix || c.len > max) {
      diagnostics.push(invalid(ctx, `ipvlan l3 subnetLen /${c.len} does not fit the ${c.field} ${formatCidr(c.cidr)}: each host's subnet must lie inside it, so subnetLen must be from ${c.cidr.prefix} to ${max}${c.cidr.family === 6 ? " (64 is usual for IPv6)" : ""}.`));
      continue;
    }
    const defaultRoute: Route = c.cidr.family === 4 ? { dst: "default", dev: UNDERLAY_DEV, scope: "link" } : { dst: "default", dev: UNDERLAY_DEV, metric: 1024 };
    pools.push({ cidr: c.cidr, len: c.len, defaultRoute });
  }
  return pools;
}

function invalid(ctx: ClusterContext, message: string): Diagnostic {
  return { code: "POOL_INVALID", severity: "error", subjects: [ctx.cluster.id], message };
}

/** Current moby reserves no gateway in l3 networks (GetSkipGwAlloc), so containers start at the first usable address. */
function allocateHost(h: HostContext, pool: Pool, subnet: Cidr | undefined, diagnostics: Diagnostic[]): Map<string, Addr> {
  if (!subnet) return new Map();
  const range = usableRange(subnet, 1);
  const alloc = allocateAddresses(
    { cidr: subnet, first: range.first, last: range.last, label: `host "${h.host.name}"'s ipvlan l3 subnet ${formatCidr(subnet)}`, subjects: [h.host.id] },
    h.containers.map((c) => ({ id: c.id, pinned: pinnedFor(c, pool.cidr.family), label: `container "${c.name}"` })),
    new Set(),
  );
  diagnostics.push(...alloc.diagnostics);
  return alloc.addresses;
}

/**
 * Every host routes the other hosts' container subnets: straight to the peer on its own LAN (no
 * hairpin through the router), via the LAN's gateway otherwise. The driver adds none of these;
 * Docker's docs ask for them on remote hosts or on the network in between. Each underlay's list is
 * built once and sliced per host.
 */
function addPeerRoutes(ctx: ClusterContext, hosts: HostReport[], routerRoutes: RouterRoute[], owners: HostContext[]): void {
  const lists = new Map<string, { routes: Route[]; own: Map<string, [number, number]> }>();
  for (const h of ctx.hosts) {
    const u = h.underlay;
    if (lists.has(u.underlay.id)) continue;
    const gateway4 = underlayGateway(u, 4);
    const gateway6 = underlayGateway(u, 6);
    const gateways = { 4: gateway4 && formatIp(gateway4), 6: gateway6 && formatIp(gateway6) };
    const routes: Route[] = [];
    const own = new Map<string, [number, number]>();
    routerRoutes.forEach((r, k) => {
      const gateway = gateways[isIpv4Text(r.route.dst) ? 4 : 6];
      if (gateway === undefined) return;
      const owner = owners[k];
      if (owner && r.underlay === u.underlay.id) {
        const span = own.get(owner.host.id);
        own.set(owner.host.id, [span ? span[0] : routes.length, routes.length + 1]);
        routes.push({ dst: r.route.dst, gateway: r.route.gateway as string, dev: UNDERLAY_DEV });
      } else {
        routes.push({ dst: r.route.dst, gateway, dev: UNDERLAY_DEV });
      }
    });
    lists.set(u.underlay.id, { routes, own });
  }
  ctx.hosts.forEach((h, i) => {
    const report = hosts[i];
    const list = lists.get(h.underlay.underlay.id);
    if (!report || !list) return;
    const span = list.own.get(h.host.id);
    const peers = span ? list.routes.slice(0, span[0]).concat(list.routes.slice(span[1])) : list.routes;
    report.routes = report.routes.concat(peers);
  });
}

function routerRoute(h: HostContext, subnet: Cidr): RouterRoute {
  return {
    underlay: h.underlay.underlay.id,
    route: {
      dst: formatCidr(subnet), gateway: hostAddress(h, subnet.family) as string,
      reason: `ipvlan l3: host "${h.host.name}" routes its containers (${formatCidr(subnet)}); the driver distributes no routes, so the underlay's router must send that subnet to the host.`,
    },
  };
}

interface HostNet {
  connected: (src: string) => Route;
  suffix: string;
}

function containerReport(ctx: ClusterContext<IpvlanConfig>, h: HostContext, c: HostContext["containers"][number], pools: Pool[], nets: (HostNet | undefined)[], addrs: Map<string, Addr>[]): ContainerReport {
  const ips: string[] = [];
  const addresses: string[] = [];
  const routes: Route[] = [];
  pools.forEach((p, i) => {
    const a = addrs[i]?.get(c.id);
    const net = nets[i];
    if (!a || !net) return;
    const text = formatIp(a);
    ips.push(text);
    addresses.push(text + net.suffix);
    routes.push(p.defaultRoute, net.connected(text));
  });
  const device: Interface = { name: UNDERLAY_DEV, kind: "ipvlan", addresses, mtu: h.underlay.mtu, parent: ctx.config.parent, mode: "l3" };
  return { id: c.id, name: c.name, host: h.host.id, cluster: ctx.cluster.id, ips, addresses, mtu: h.underlay.mtu, interface: UNDERLAY_DEV, routes, device };
}

/** Router routes only reach a router Topolab knows of; without one, say what the LAN's gateway needs. */
function routerDiagnostics(ctx: ClusterContext, routes: RouterRoute[], pools: Pool[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byUnderlay = new Map<string, RouterRoute[]>();
  for (const r of routes) {
    const list = byUnderlay.get(r.underlay);
    if (list) list.push(r);
    else byUnderlay.set(r.underlay, [r]);
  }
  for (const [id, list] of byUnderlay) {
    const info = ctx.underlays.get(id);
    if (!info || info.routers.length > 0) continue;
    const shown = list.slice(0, 5).map((r) => `ip route add ${r.route.dst} via ${r.route.gateway}`);
    const more = list.length > shown.length ? ` (and ${list.length - shown.length} more, one per host)` : "";
    const hostIds = ctx.hosts.filter((h) => h.underlay.underlay.id === id).map((h) => h.host.id);
    out.push({
      code: "NEEDS_ROUTER_ROUTES", severity: "warning", subjects: [id, ...hostIds],
      message: `ipvlan l3 distributes no routes, and underlay "${info.underlay.name}" has no router in this design: its gateway ${formatIp(info.gateway)} must route each host's container subnet to that host, or the rest of the LAN and other networks cannot reach the containers (the cluster's hosts route to each other directly). Add on the gateway: ${shown.join("; ")}${more}. Or draw the router so Topolab lists the routes on it.`,
    });
  }
  const lacks = (h: HostContext, p: Pool) => hostAddress(h, p.cidr.family) === undefined;
  const mismatched = pools.filter((p) => ctx.hosts.some((h) => lacks(h, p)));
  for (const p of mismatched) {
    const hosts = ctx.hosts.filter((h) => lacks(h, p));
    out.push({
      code: "UNDERLAY_FAMILY_MISSING", severity: "warning", subjects: [ctx.cluster.id, ...hosts.map((h) => h.host.id)],
      message: `The ipvlan l3 subnets of ${formatCidr(p.cidr)} need routes via each host's IPv${p.cidr.family} address, but ${listNames(hosts.map((h) => h.host.name))} sit on IPv${p.cidr.family === 6 ? 4 : 6} underlays: Topolab cannot list those routes. Give the hosts IPv${p.cidr.family} addresses on their underlay and route the subnets to them.`,
    });
  }
  return out;
}
