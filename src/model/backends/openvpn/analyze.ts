/**
 * OpenVPN hub and spoke after the sample server.conf (BACKENDS.md §6, vector 21): the server holds
 * .1 of the tunnel network (dev tun), clients get pool addresses in host order (tunnel.ts). Each
 * host's container bridge ctr0 takes the next /24 (and /64) of the container pools (containers.ts).
 * The server routes each client's subnet to that client (`route` + `iroute`), clients route every
 * other host's subnet to the server.
 */
import { cidr as knownCidr, formatCidr, formatIp } from "../../addr/index.ts";
import { OPENVPN_TCP_OVERHEAD, OPENVPN_UDP_OVERHEAD } from "../../encapsulation.ts";
import type { ContainerReport, Diagnostic, HostReport, Interface, Route } from "../../report.ts";
import { baseHostReport } from "../common.ts";
import { connectedRoute, familiesOf, listNames } from "../container-net.ts";
import type { ClusterAnalysis, ClusterContext, HostContext } from "../types.ts";
import type { OpenvpnConfig } from "./config.ts";
import { CONTAINER_BRIDGE, type FamilyNets, hostBridges, hostContainers, hostSubnets } from "./containers.ts";
import { notes } from "./notes.ts";
import { type TunnelEnd, tunnelAddresses } from "./tunnel.ts";

export { CONTAINER_BRIDGE } from "./containers.ts";
export const TUN = "tun0";
/** An IPv6 outer header is 20 bytes longer than IPv4's. */
const IPV6_OUTER_EXTRA = 20;

export function analyzeOpenvpn(ctx: ClusterContext<OpenvpnConfig>): ClusterAnalysis {
  const { config } = ctx;
  const diagnostics: Diagnostic[] = [];
  const want = familiesOf(ctx.cluster.ipFamily);
  const tunnelNets: FamilyNets = { v4: want.v4 ? knownCidr(config.tunnelNetwork) : undefined, v6: want.v6 ? knownCidr(config.tunnelNetwork6) : undefined };
  const pools: FamilyNets = { v4: want.v4 ? knownCidr(config.containerPool) : undefined, v6: want.v6 ? knownCidr(config.containerPool6) : undefined };
  const server = ctx.hosts.find((h) => h.host.id === config.server) ?? ctx.hosts[0];
  const ends = tunnelAddresses(ctx, tunnelNets, server, diagnostics);
  const subnets = hostSubnets(ctx, pools, tunnelNets, diagnostics);
  const net30 = config.topology === "net30" && tunnelNets.v4 !== undefined;

  const base = config.mode === "udp" ? OPENVPN_UDP_OVERHEAD : OPENVPN_TCP_OVERHEAD;
  const overheadOf = (h: HostContext) => base + (h.underlay.cidr.family === 6 ? IPV6_OUTER_EXTRA : 0);
  const overhead = Math.max(base, ...ctx.hosts.map(overheadOf));
  const mtu = ctx.hosts.length > 0 ? Math.min(...ctx.hosts.map((h) => h.underlay.mtu - overheadOf(h))) : 1500 - base;

  const serverEnd = server ? ends.get(server.host.id) : undefined;
  const cross = crossRoutes(ctx, server, serverEnd, ends, subnets, net30);
  const tun6Connected = tunnelNets.v6 ? { dst: formatCidr(tunnelNets.v6), dev: TUN, protocol: "kernel", metric: 256 } : undefined;

  const hosts: HostReport[] = [];
  const containers: ContainerReport[] = [];
  for (const h of ctx.hosts) {
    const report = baseHostReport(ctx, h);
    const end = ends.get(h.host.id);
    const devices: Interface[] = [];
    const local: Route[] = [];
    if (end) {
      const tun = tunDevice(end, h === server ? undefined : server, serverEnd, tunnelNets, mtu, config.port);
      devices.push(tun.dev);
      local.push(...tun.routes);
      if (tun6Connected && end.v6) local.push(tun6Connected);
    }
    const bridges = hostBridges(ctx, h, subnets.get(h.host.id) ?? {}, diagnostics);
    if (bridges.length > 0) {
      report.subnets = bridges.map((b) => formatCidr(b.cidr));
      devices.push({ name: CONTAINER_BRIDGE, kind: "bridge", addresses: bridges.map((b) => `${formatIp(b.gateway)}/${b.cidr.prefix}`), mtu });
      for (const b of bridges) local.push(connectedRoute(b.cidr, CONTAINER_BRIDGE, b.gateway));
    }
    containers.push(...hostContainers(ctx, h, bridges, mtu));
    report.interfaces = report.interfaces.concat(devices);
    report.routes = report.routes.concat(local, cross.v4(h, end), cross.v6(h));
    hosts.push(report);
  }
  if (server) diagnostics.push(...reachability(ctx, server));
  if (net30) {
    diagnostics.push({
      code: "OPENVPN_NET30_DEPRECATED", severity: "warning", subjects: [ctx.cluster.id],
      message: `Cluster "${ctx.cluster.name}" uses topology net30: OpenVPN warns at startup that net30 support for servers with IPv4 pools will be removed in a future release, and each client takes 4 addresses. Switch to topology subnet (the sample server.conf's, the default since 2.7); net30 is only needed for Windows clients of OpenVPN 2.0.9 or older.`,
    });
  }

  const usedPools = [pools.v4 && config.containerPool, tunnelNets.v4 && config.tunnelNetwork, pools.v6 && config.containerPool6, tunnelNets.v6 && config.tunnelNetwork6].filter((p): p is string => typeof p === "string");
  return {
    cluster: {
      id: ctx.cluster.id, backend: "openvpn", mode: config.mode, pools: usedPools,
      encapsulation: "openvpn", overhead, mtu, encryption: true, policy: false,
      firewall: [{ protocol: config.mode, port: config.port, between: "to-server", reason: `OpenVPN clients connect to the server${server ? ` "${server.host.name}"` : ""} (${config.mode} ${config.port}, as the sample server.conf)` }],
      notes: notes(ctx, { server, serverEnd, mtu, base, net30, pool: pools.v4, v6: tunnelNets.v6 !== undefined }),
    },
    hosts, containers, routerRoutes: [], diagnostics,
  };
}

/**
 * tun0 with its addresses, and the IPv4 routes the kernel and OpenVPN add for them. `server` is the
 * server host for a client, undefined on the server itself.
 */
function tunDevice(end: TunnelEnd, server: HostContext | undefined, serverEnd: TunnelEnd | undefined, nets: FamilyNets, mtu: number, port: number): { dev: Interface; routes: Route[] } {
  const dev: Interface = { name: TUN, kind: "tun", addresses: [], mtu };
  const routes: Route[] = [];
  if (end.v4 && nets.v4) {
    if (end.peer) {
      // net30: a point-to-point address; the kernel routes only the peer, OpenVPN the rest via it.
      dev.addresses.push(`${formatIp(end.v4)}/32`);
      dev.peer = formatIp(end.peer);
      routes.push({ dst: dev.peer, dev: TUN, protocol: "kernel", scope: "link", prefsrc: formatIp(end.v4) });
      // The server's `route 10.8.0.0 255.255.255.0`; on a client the pushed `route 10.8.0.1`.
      if (!server) routes.push({ dst: formatCidr(nets.v4), gateway: dev.peer, dev: TUN });
      else if (serverEnd?.v4) routes.push({ dst: formatIp(serverEnd.v4), gateway: dev.peer, dev: TUN });
    } else {
      dev.addresses.push(`${formatIp(end.v4)}/${nets.v4.prefix}`);
      routes.push(connectedRoute(nets.v4, TUN, end.v4));
    }
  }
  if (end.v6 && nets.v6) dev.addresses.push(`${formatIp(end.v6)}/${nets.v6.prefix}`);
  if (server) dev.remote = server.ipText;
  else dev.port = port;
  return { dev, routes };
}

interface CrossRoutes {
  v4(h: HostContext, end: TunnelEnd | undefined): Route[];
  v6(h: HostContext): Route[];
}

/**
 * The routes to other hosts' container subnets through tun0. A route towards host X is the same
 * object on every host that has it; slices leave out a host's own.
 * - subnet: the server routes each client's /24 via that client's tunnel address; clients route
 *   every other /24 via the server's .1.
 * - net30: OpenVPN's default gateway for `route` is the p2p peer (init.c do_init_route_list), so
 *   the server routes each client's /24 via its own peer (.2). A client's gateway is its own peer,
 *   different on every client, so per-host routes could not be shared: each client gets the one
 *   pushed route to the whole pool (`push "route 172.20.0.0 255.255.0.0"`), its own /24 on ctr0
 *   staying more specific.
 * - IPv6: route-ipv6 into a tun device carries no gateway on Linux (route.c add_route_ipv6), so
 *   every host holds the same `<other /64> dev tun0 metric 1024`.
 */
function crossRoutes(ctx: ClusterContext<OpenvpnConfig>, server: HostContext | undefined, serverEnd: TunnelEnd | undefined, ends: Map<string, TunnelEnd>, subnets: Map<string, FamilyNets>, net30: boolean): CrossRoutes {
  const viaServer: Route[] = [];
  const viaIndex = new Map<string, number>();
  const toClients: Route[] = [];
  const all6: Route[] = [];
  const index6 = new Map<string, number>();
  let anyV4 = false;
  for (const h of ctx.hosts) {
    const nets = subnets.get(h.host.id);
    const end = ends.get(h.host.id);
    if (nets?.v4 && serverEnd?.v4) {
      anyV4 = true;
      const dst = formatCidr(nets.v4);
      if (!net30) {
        viaIndex.set(h.host.id, viaServer.length);
        viaServer.push({ dst, gateway: formatIp(serverEnd.v4), dev: TUN });
      }
      const gateway = net30 ? serverEnd.peer : end?.v4;
      if (h !== server && end?.v4 && gateway) toClients.push({ dst, gateway: formatIp(gateway), dev: TUN });
    }
    if (nets?.v6 && end?.v6) {
      index6.set(h.host.id, all6.length);
      all6.push({ dst: formatCidr(nets.v6), dev: TUN, metric: 1024 });
    }
  }
  const pool = formatCidr(knownCidr(ctx.config.containerPool));
  return {
    v4(h, end) {
      if (h === server) return toClients;
      if (!end?.v4) return [];
      if (net30) return anyV4 && end.peer ? [{ dst: pool, gateway: formatIp(end.peer), dev: TUN }] : [];
      return without(viaServer, viaIndex.get(h.host.id));
    },
    v6(h) {
      if (!ends.get(h.host.id)?.v6) return [];
      return without(all6, index6.get(h.host.id));
    },
  };
}

function without<T>(all: T[], i: number | undefined): T[] {
  return i === undefined ? all : all.slice(0, i).concat(all.slice(i + 1));
}

/** Clients dial the server's underlay address: one lookup per client, since reachability is by connected underlays. */
function reachability(ctx: ClusterContext<OpenvpnConfig>, server: HostContext): Diagnostic[] {
  const cut = ctx.hosts.filter((h) => h !== server && !ctx.reachable(h, server));
  if (cut.length === 0) return [];
  return [{
    code: "OPENVPN_SERVER_UNREACHABLE", severity: "error", subjects: [server.host.id, ...cut.map((h) => h.host.id)],
    message: `${listNames(cut.map((h) => h.host.name))} cannot reach the OpenVPN server "${server.host.name}" at ${server.ipText} (${ctx.config.mode} ${ctx.config.port}): their underlays are not joined by a router. Join the underlays with a router, or give the server an address the clients can reach (a public address, or a port forward of ${ctx.config.mode} ${ctx.config.port} to it).`,
  }];
}
