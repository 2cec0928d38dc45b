/**
 * The report seen as a network: hosts, containers, routers and underlays indexed by id and by
 * address, built once per analysis so every flow hop is a map lookup plus one routing-table scan.
 * The per-container indexes are built only when a flow needs them (a 50,000-container document with
 * no flows pays nothing for them).
 */
import { type Addr, type Cidr, addrEquals, contains, formatIp, parseCidr, parseIp } from "../addr/index.ts";
import type { ClusterResult } from "../analyze.ts";
import type { HostContext } from "../backends/types.ts";
import { UNDERLAY_DEV } from "../backends/common.ts";
import type { Container, Document, External } from "../document.ts";
import type { ClusterReport, ContainerReport, HostReport, Interface, Report, RouterReport } from "../report.ts";
import { networkOf } from "./route-lookup.ts";

export type ReportBeforePorts = Pick<Report, "underlays" | "routers" | "clusters" | "hosts" | "containers">;

/** Devices that wrap packets for another host: a route through one of them means encapsulation. */
const TUNNEL_KINDS: ReadonlySet<Interface["kind"]> = new Set(["vxlan", "ipip", "wireguard", "tun", "gre", "geneve", "ovs"]);

export function isTunnel(dev: Interface | undefined): boolean {
  return dev !== undefined && TUNNEL_KINDS.has(dev.kind);
}

export interface ClusterView {
  id: string;
  name: string;
  result: ClusterResult;
  report: ClusterReport;
  hosts: HostView[];
}

export interface HostView {
  id: string;
  name: string;
  ip: Addr;
  /** The host's address on a dual-stack underlay's cidr6. */
  ip6?: Addr;
  ctx: HostContext;
  report: HostReport;
  underlay: UnderlayView;
  cluster: ClusterView;
}

/** A host's device by name: a scan of a handful of entries, cheaper than a map per host. */
export function deviceOf(host: HostView, name: string | undefined): Interface | undefined {
  if (name === undefined) return undefined;
  for (const d of host.report.interfaces) if (d.name === name) return d;
  return undefined;
}

export interface ContainerView {
  id: string;
  name: string;
  doc: Container;
  /** Absent when the host has no address or the backend produced no entry for the container. */
  report: ContainerReport | undefined;
  host: HostView | undefined;
  addrs: Addr[];
}

export type Endpoint =
  | { kind: "host"; id: string }
  | { kind: "router"; id: string }
  | { kind: "external"; id: string }
  | { kind: "container"; id: string; name: string };

export interface UnderlayView {
  id: string;
  name: string;
  cidr: Cidr;
  gateway: Addr;
  /** A dual-stack underlay's IPv6 network and gateway. */
  cidr6?: Cidr;
  gateway6?: Addr;
  mtu: number;
  /** Who answers at each address on this segment (canonical address text). */
  endpoints: Map<string, Endpoint>;
  routers: RouterView[];
}

export interface RouterView {
  id: string;
  name: string;
  report: RouterReport;
  /** The router's address on each underlay it joins. */
  addresses: Map<string, Addr>;
  /** Its IPv6 address on each dual-stack underlay it joins. */
  addresses6: Map<string, Addr>;
}

/** Whether an address is on the underlay's link: in its cidr, or in its cidr6 on a dual-stack underlay. */
export function onUnderlay(u: UnderlayView, addr: Addr): boolean {
  return contains(u.cidr, addr) || (u.cidr6 !== undefined && contains(u.cidr6, addr));
}

/** The underlay's gateway in a family: its gateway, or its gateway6 on a dual-stack underlay; undefined when it has none. */
export function underlayGatewayFor(u: UnderlayView, family: 4 | 6): Addr | undefined {
  return u.gateway.family === family ? u.gateway : u.gateway6?.family === family ? u.gateway6 : undefined;
}

/** Whether an address is one of the underlay's gateways. */
export function isUnderlayGateway(u: UnderlayView, addr: Addr): boolean {
  return addrEquals(addr, u.gateway) || (u.gateway6 !== undefined && addrEquals(addr, u.gateway6));
}

/** A host's underlay address in a family (its ip, or its ip6 on a dual-stack underlay); undefined when it has none. */
export function hostAddressFor(host: HostView, family: 4 | 6): Addr | undefined {
  return host.ip.family === family ? host.ip : host.ip6?.family === family ? host.ip6 : undefined;
}

/** A router's address on an underlay in a family. */
export function routerAddressFor(router: RouterView, underlay: string, family: 4 | 6): Addr | undefined {
  const a = router.addresses.get(underlay);
  if (a?.family === family) return a;
  const a6 = router.addresses6.get(underlay);
  return a6?.family === family ? a6 : undefined;
}

export class NetworkIndex {
  readonly clusters = new Map<string, ClusterView>();
  readonly hosts = new Map<string, HostView>();
  readonly underlays = new Map<string, UnderlayView>();
  readonly routers = new Map<string, RouterView>();
  readonly externals = new Map<string, External>();
  externalIps: ReadonlyMap<string, Addr> = new Map();
  private containerViews: Map<string, ContainerView> | undefined;
  private readonly containerIps = new Map<string, Map<string, ContainerReport>>();
  private readonly tunnelAddresses = new Map<string, Map<string, HostView>>();

  constructor(readonly doc: Document, readonly results: readonly ClusterResult[], private readonly report: ReportBeforePorts) {
    const underlayNames = new Map(doc.underlays.map((u) => [u.id, u.name]));
    for (const u of report.underlays) {
      const cidr = parseCidr(u.cidr);
      const gateway = parseIp(u.gateway);
      if (!cidr.ok || !gateway.ok) continue;
      const view: UnderlayView = { id: u.id, name: underlayNames.get(u.id) ?? u.id, cidr: cidr.value, gateway: gateway.value, mtu: u.mtu, endpoints: new Map(), routers: [] };
      const cidr6 = u.cidr6 === undefined ? undefined : parseCidr(u.cidr6);
      const gateway6 = u.gateway6 === undefined ? undefined : parseIp(u.gateway6);
      if (cidr6?.ok && gateway6?.ok) {
        view.cidr6 = cidr6.value;
        view.gateway6 = gateway6.value;
      }
      // Report addresses are canonical text (formatIp), so they key the map as they are.
      for (const h of u.hosts) {
        view.endpoints.set(h.ip, { kind: "host", id: h.id });
        if (h.ip6 !== undefined) view.endpoints.set(h.ip6, { kind: "host", id: h.id });
      }
      this.underlays.set(u.id, view);
    }
    for (const r of report.routers) {
      const view: RouterView = { id: r.id, name: r.name, report: r, addresses: new Map(), addresses6: new Map() };
      for (const a of r.addresses) {
        const ip = parseIp(a.ip);
        const u = this.underlays.get(a.underlay);
        if (!ip.ok || !u) continue;
        view.addresses.set(a.underlay, ip.value);
        u.endpoints.set(formatIp(ip.value), { kind: "router", id: r.id });
        u.routers.push(view);
        const ip6 = a.ip6 === undefined ? undefined : parseIp(a.ip6);
        if (ip6?.ok) {
          view.addresses6.set(a.underlay, ip6.value);
          u.endpoints.set(formatIp(ip6.value), { kind: "router", id: r.id });
        }
      }
      this.routers.set(r.id, view);
    }
    for (const e of doc.externals) this.externals.set(e.id, e);

    const hostReports = new Map(report.hosts.map((h) => [h.id, h]));
    results.forEach((result, i) => {
      const clusterReport = report.clusters[i] ?? result.analysis.cluster;
      const cluster: ClusterView = { id: result.context.cluster.id, name: result.context.cluster.name, result, report: clusterReport, hosts: [] };
      this.clusters.set(cluster.id, cluster);
      for (const hc of result.context.hosts) {
        const hr = hostReports.get(hc.host.id);
        const underlay = this.underlays.get(hc.underlay.underlay.id);
        if (!hr || !underlay) continue;
        const view: HostView = {
          id: hc.host.id, name: hc.host.name, ip: hc.ip, report: hr, underlay, cluster,
          ctx: hc,
        };
        if (hc.ip6 !== undefined) view.ip6 = hc.ip6;
        cluster.hosts.push(view);
        this.hosts.set(view.id, view);
      }
    });
  }

  /** Clients on an underlay answer at their addresses there (planned with the underlays). */
  attachExternalIps(externalIps: ReadonlyMap<string, Addr>): void {
    if (this.externalIps === externalIps) return;
    this.externalIps = externalIps;
    for (const e of this.doc.externals) {
      const ip = externalIps.get(e.id);
      const u = e.underlay === undefined ? undefined : this.underlays.get(e.underlay);
      if (ip && u) u.endpoints.set(formatIp(ip), { kind: "external", id: e.id });
    }
  }

  /** Built from these very arrays: planPorts and analyzeFlows of one analysis share one index. */

  /**
   * A container by id. The ones flows name are indexed in one pass when first asked for; any other id
   * (rare: a port clash) builds the full index. 50,000 container views would cost more than all the flows.
   */
  container(id: string): ContainerView | undefined {
    if (!this.containerViews) {
      this.flowEnds = new Set(this.doc.flows.flatMap((f) => [f.from, f.to]));
      this.containerViews = this.indexContainers(this.flowEnds);
    }
    const found = this.containerViews.get(id);
    // A flow end that is not there is an external endpoint, not a reason to index everything.
    if (found || this.allContainersIndexed || this.flowEnds?.has(id)) return found;
    this.containerViews = this.indexContainers(undefined);
    this.allContainersIndexed = true;
    return this.containerViews.get(id);
  }

  private allContainersIndexed = false;
  private flowEnds: ReadonlySet<string> | undefined;

  /**
   * The wanted containers (all, when undefined). Reports are scanned first and each document container
   * found through its host's short list: walking the document's containers is several times slower
   * than walking the reports. Only a wanted container the backends left out costs that walk.
   */
  private indexContainers(wanted: ReadonlySet<string> | undefined): Map<string, ContainerView> {
    const views = new Map<string, ContainerView>();
    const add = (c: Container, report: ContainerReport | undefined) => {
      const addrs: Addr[] = [];
      for (const text of report?.ips ?? []) {
        const ip = parseIp(text);
        if (ip.ok) addrs.push(ip.value);
      }
      views.set(c.id, { id: c.id, name: c.name, doc: c, report, host: this.hosts.get(c.host), addrs });
    };
    let missing = 0;
    if (wanted) {
      for (const id of wanted) if (!this.externals.has(id)) missing++;
      const reports = this.report.containers;
      for (let i = 0; i < reports.length; i++) {
        const r = reports[i] as ContainerReport;
        if (!wanted.has(r.id) || views.has(r.id)) continue;
        const doc = this.hosts.get(r.host)?.ctx.containers.find((c) => c.id === r.id);
        if (!doc) continue;
        add(doc, r);
        if (--missing === 0) return views;
      }
    }
    const reports = wanted ? undefined : new Map(this.report.containers.map((r) => [r.id, r]));
    for (const c of this.doc.containers) {
      if (views.has(c.id) || (wanted && !wanted.has(c.id))) continue;
      add(c, reports?.get(c.id));
    }
    return views;
  }

  /** The container report of this cluster that holds an address (the first one, if a backend reuses addresses). */
  containerAt(cluster: ClusterView, addr: Addr): ContainerReport | undefined {
    let byIp = this.containerIps.get(cluster.id);
    if (!byIp) {
      byIp = new Map();
      // Report addresses are canonical text already (formatIp), so they key the map as they are.
      for (const c of cluster.result.analysis.containers) for (const ip of c.ips) if (!byIp.has(ip)) byIp.set(ip, c);
      this.containerIps.set(cluster.id, byIp);
    }
    return byIp.get(formatIp(addr));
  }

  /** The host of this cluster whose tunnel device (flannel.1, tun0, vxlan.calico…) holds an address: a tunnel gateway. */
  hostByTunnelAddress(cluster: ClusterView, addr: Addr): HostView | undefined {
    let byIp = this.tunnelAddresses.get(cluster.id);
    if (!byIp) {
      byIp = new Map();
      for (const h of cluster.hosts) {
        // Most devices (a Calico host's cali* veths) hold no address: skip those before asking their kind.
        for (const dev of h.report.interfaces) {
          if (dev.addresses.length === 0 || !isTunnel(dev)) continue;
          for (const a of dev.addresses) {
            const slash = a.indexOf("/");
            const key = canonical(slash < 0 ? a : a.slice(0, slash));
            if (!byIp.has(key)) byIp.set(key, h);
          }
        }
      }
      this.tunnelAddresses.set(cluster.id, byIp);
    }
    return byIp.get(formatIp(addr));
  }

  /** The host that holds a container address: its container's host, or the host whose subnets contain it. */
  hostHolding(cluster: ClusterView, addr: Addr): HostView | undefined {
    const c = this.containerAt(cluster, addr);
    const host = c && this.hosts.get(c.host);
    if (host) return host;
    for (const h of cluster.hosts) {
      for (const s of h.report.subnets) {
        const net = networkOf(s);
        if (net && contains(net, addr)) return h;
      }
    }
    return undefined;
  }

  /** Who answers at an address on an underlay segment. */
  endpointAt(underlay: UnderlayView, addr: Addr): Endpoint | undefined {
    const key = formatIp(addr);
    const found = underlay.endpoints.get(key);
    if (found || this.underlayContainersAdded) return found;
    this.addUnderlayContainers();
    return underlay.endpoints.get(key);
  }

  private underlayContainersAdded = false;

  /** Macvlan / ipvlan l2 containers answer on the LAN themselves: added on the first miss, as few flows reach them. */
  private addUnderlayContainers(): void {
    this.underlayContainersAdded = true;
    for (const result of this.results) {
      if (!result.capabilities.containersOnUnderlay) continue;
      for (const c of result.analysis.containers) {
        const host = this.hosts.get(c.host);
        if (!host) continue;
        for (const text of c.ips) {
          const ip = parseIp(text);
          if (ip.ok && onUnderlay(host.underlay, ip.value) && !host.underlay.endpoints.has(text)) {
            host.underlay.endpoints.set(formatIp(ip.value), { kind: "container", id: c.id, name: c.name });
          }
        }
      }
    }
  }

  /** The underlay whose network holds an address. */
  underlayHolding(addr: Addr): UnderlayView | undefined {
    for (const u of this.underlays.values()) if (onUnderlay(u, addr)) return u;
    return undefined;
  }

  /** The router that answers at an underlay's gateway address. */
  gatewayRouter(underlay: UnderlayView): RouterView | undefined {
    const e = this.endpointAt(underlay, underlay.gateway);
    return e?.kind === "router" ? this.routers.get(e.id) : undefined;
  }

  isUnderlayDevice(host: HostView, dev: string | undefined): boolean {
    if (dev === undefined) return false;
    return dev === UNDERLAY_DEV || deviceOf(host, dev)?.kind === "ethernet";
  }

  /** The name of whatever a trace stopped at: a host, router, underlay, container or external endpoint. */
  nodeName(id: string): string {
    return this.hosts.get(id)?.name ?? this.routers.get(id)?.name ?? this.underlays.get(id)?.name ?? this.externals.get(id)?.name ?? this.container(id)?.name ?? id;
  }

  /** Words for an endpoint in messages: 'node-2 (192.168.1.12)'. */
  endpointName(e: Endpoint): string {
    switch (e.kind) {
      case "host": return this.hosts.get(e.id)?.name ?? e.id;
      case "router": return this.routers.get(e.id)?.name ?? e.id;
      case "external": return this.externals.get(e.id)?.name ?? e.id;
      case "container": return e.name;
    }
  }
}

function canonical(text: string): string {
  const ip = parseIp(text);
  return ip.ok ? formatIp(ip.value) : text;
}

/**
 * The index of one analysis, built on first need and shared by ports.ts and flows.ts (each would
 * otherwise scan every container). It lives as long as the analysis, no longer: a cache keyed by the
 * document would keep the last report alive beside the next one.
 */
export function lazyNetworkIndex(doc: Document, results: readonly ClusterResult[], report: ReportBeforePorts): () => NetworkIndex {
  let index: NetworkIndex | undefined;
  return () => (index ??= new NetworkIndex(doc, results, report));
}
