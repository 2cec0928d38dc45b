/**
 * The "OVS bridges with tunnels" design: one OVS bridge br0 per host, one tunnel port per remote
 * host, every container on one flat subnet numbered in host order from .2. The flat network's
 * gateway (.1) is an address on the first host's br0: only that host routes the flat subnet.
 */
import { type Cidr, addressAt, cidr as knownCidr, formatCidr, formatIp } from "../../addr/index.ts";
import { allocateAddresses, usableRange } from "../../ipam.ts";
import type { ContainerReport, Diagnostic, HostReport, Interface } from "../../report.ts";
import { UNDERLAY_DEV, baseHostReport } from "../common.ts";
import { type BridgeFamily, bridgedContainer, connectedRoute, connectedRouteOn, defaultVia, familiesOf, listNames, pinnedFor } from "../container-net.ts";
import type { ClusterAnalysis, ClusterContext, HostContext } from "../types.ts";
import type { OvsConfig } from "./config.ts";
import { OVS_IPV6_RANGE } from "./info.ts";
import { TUNNELS } from "./tunnels.ts";

export const BRIDGE = "br0";

export function analyzeOvs(ctx: ClusterContext<OvsConfig>): ClusterAnalysis {
  const tunnel = TUNNELS[ctx.config.mode];
  const overheadOf = (h: HostContext) => tunnel.overhead(h.underlay.cidr.family, ctx.config.greKey);
  const overhead = ctx.hosts.length > 0 ? Math.max(...distinctFamilies(ctx).map((f) => tunnel.overhead(f, ctx.config.greKey))) : tunnel.overhead(4, ctx.config.greKey);
  // One L2 segment spans every host, so every container must use the smallest MTU any tunnel allows.
  const mtu = ctx.hosts.length > 0 ? Math.min(...ctx.hosts.map((h) => h.underlay.mtu - overheadOf(h))) : 1500 - overhead;
  const diagnostics: Diagnostic[] = [];
  const pools = flatPools(ctx, diagnostics);

  // A tunnel port towards host X is the same on every other host: build each once.
  const ports: Interface[] = ctx.hosts.map((h) => {
    const port: Interface = { name: `${ctx.config.mode}-${h.host.id}`, kind: tunnel.encapsulation, addresses: [], mtu, remote: h.ipText, master: BRIDGE };
    if (tunnel.port !== undefined) { port.port = tunnel.port; port.vni = 0; }
    return port;
  });
  const plainBridge: Interface = { name: BRIDGE, kind: "ovs", addresses: [], mtu };
  const subnets = pools.map((p) => formatCidr(p.cidr));
  const hosts: HostReport[] = [];
  const containers: ContainerReport[] = [];
  ctx.hosts.forEach((h, i) => {
    const report = baseHostReport(ctx, h);
    report.subnets = subnets;
    const bridge = i === 0 ? { ...plainBridge, addresses: pools.map((p) => `${formatIp(p.gateway)}/${p.cidr.prefix}`) } : plainBridge;
    report.interfaces = report.interfaces.concat([bridge], ports.slice(0, i), ports.slice(i + 1));
    if (i === 0) report.routes = report.routes.concat(pools.map((p) => connectedRoute(p.cidr, BRIDGE, p.gateway)));
    hosts.push(report);
    for (const c of h.containers) containers.push(bridgedContainer(ctx, h, c, pools, mtu));
  });
  diagnostics.push(...meshDiagnostics(ctx));

  return {
    cluster: {
      id: ctx.cluster.id, backend: "ovs", mode: ctx.config.mode, pools: subnets,
      encapsulation: tunnel.encapsulation, overhead, mtu, encryption: false, policy: false, firewall: [tunnel.firewall],
      notes: notes(ctx, pools),
    },
    hosts, containers, routerRoutes: [], diagnostics,
  };
}

function distinctFamilies(ctx: ClusterContext): (4 | 6)[] {
  const out = new Set<4 | 6>();
  for (const h of ctx.hosts) out.add(h.underlay.cidr.family);
  return [...out];
}

function flatPools(ctx: ClusterContext<OvsConfig>, diagnostics: Diagnostic[]): BridgeFamily[] {
  const want = familiesOf(ctx.cluster.ipFamily);
  const configured = knownCidr(ctx.config.cidr);
  const chosen: Cidr[] = [];
  if (want.v4) {
    if (configured.family === 4) chosen.push(configured);
    else diagnostics.push(invalid(ctx, `Cluster "${ctx.cluster.name}" asks for IPv4 but its OVS cidr ${ctx.config.cidr} is IPv6. Set cidr to an IPv4 network (the default is 10.200.0.0/16).`));
  }
  if (want.v6) chosen.push(configured.family === 6 ? configured : knownCidr(OVS_IPV6_RANGE));
  const pools: BridgeFamily[] = [];
  for (const net of chosen) {
    if (net.prefix > (net.family === 4 ? 30 : 126)) {
      diagnostics.push(invalid(ctx, `The OVS flat network ${formatCidr(net)} is too small for a gateway and containers. Use a /30 or larger (the default is 10.200.0.0/16).`));
      continue;
    }
    const range = usableRange(net, 2);
    const alloc = allocateAddresses(
      { cidr: net, first: range.first, last: range.last, label: `the flat network ${formatCidr(net)}`, subjects: [ctx.cluster.id] },
      ctx.hosts.flatMap((h) => h.containers.map((c) => ({ id: c.id, pinned: pinnedFor(c, net.family), label: `container "${c.name}"` }))),
      new Set([1]),
    );
    diagnostics.push(...alloc.diagnostics);
    const gateway = addressAt(net, 1);
    pools.push({ cidr: net, gateway, defaultRoute: defaultVia(gateway, UNDERLAY_DEV), connected: connectedRouteOn(net, UNDERLAY_DEV), suffix: `/${net.prefix}`, addresses: alloc.addresses });
  }
  return pools;
}

function invalid(ctx: ClusterContext, message: string): Diagnostic {
  return { code: "POOL_INVALID", severity: "error", subjects: [ctx.cluster.id], message };
}

function meshDiagnostics(ctx: ClusterContext<OvsConfig>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = ctx.hosts[0];
  if (!first) return out;
  // Reachability is by connected underlays, so comparing with the first host finds every split.
  const cut = ctx.hosts.filter((h) => !ctx.reachable(first, h));
  if (cut.length > 0) {
    out.push({
      code: "TUNNEL_PEER_UNREACHABLE", severity: "error", subjects: [first.host.id, ...cut.map((h) => h.host.id)],
      message: `The OVS tunnel mesh needs every host to reach every other host's underlay address, but ${listNames(cut.map((h) => h.host.name))} cannot reach "${first.host.name}": their underlays are not joined by a router. Join the underlays with a router (or put the hosts on one underlay).`,
    });
  }
  if (ctx.hosts.length >= 3) {
    out.push({
      code: "OVS_MESH_LOOP", severity: "warning", subjects: [ctx.cluster.id],
      message: `Cluster "${ctx.cluster.name}" joins ${ctx.hosts.length} OVS bridges in a full mesh of L2 tunnels: with OVS's default NORMAL (MAC-learning) switching, broadcasts loop around the mesh. Enable RSTP on br0 (ovs-vsctl set Bridge br0 rstp_enable=true) or install flows that never forward from one tunnel port to another (split horizon, as OVN does).`,
    });
  }
  return out;
}

function notes(ctx: ClusterContext<OvsConfig>, pools: BridgeFamily[]): string[] {
  const first = ctx.hosts[0];
  const gateways = pools.map((p) => formatIp(p.gateway)).join(" and ");
  const out: string[] = [];
  if (first && pools.length > 0) {
    out.push(
      `${gateways} ${pools.length > 1 ? "are" : "is"} the flat network's gateway: an address on "${first.host.name}"'s br0 (its internal port). Every container's default route points there, so traffic to other networks leaves through that host: masquerade it there for the Internet.`,
      `Only "${first.host.name}" has an address on br0, so only it routes the flat network; the other hosts switch their containers' traffic without an address of their own and cannot reach their containers by IP (give their br0 an address from the flat network if they must). Topolab keeps this design simple on purpose.`,
    );
  }
  if (ctx.config.mode === "geneve") out.push("OVN adds an 8-byte option to every Geneve header (overhead 58, MTU 1442 on a 1500-byte underlay); this design sends Geneve without options.");
  if (ctx.config.mode === "gre") out.push(`GRE here carries Ethernet frames (L2 GRE): overhead 38, ${ctx.config.greKey ? "plus 4 for the key field (options:key), " : ""}58 over an IPv6 underlay (ip6gre).`);
  if (pools.some((p) => p.cidr.family === 6) && knownCidr(ctx.config.cidr).family === 4) out.push(`The flat IPv6 range is ${OVS_IPV6_RANGE}, a fixed ULA Topolab picks (the config holds one cidr).`);
  out.push(
    `Tunnel ports are named ${ctx.config.mode}-<peer host id>, with options:remote_ip = the peer's underlay address (ovs-vsctl add-port br0 … -- set interface … type=${ctx.config.mode} options:remote_ip=…).`,
    "IPsec for the tunnels exists (ovs-monitor-ipsec, options:psk or certificates) but is not modelled: traffic between hosts is not encrypted.",
    "OpenFlow rules and OVN ACLs are not modelled: every container reaches every other. Each host's OVSDB holds its own bridge and ports; there is no central controller in this design.",
  );
  return out;
}
