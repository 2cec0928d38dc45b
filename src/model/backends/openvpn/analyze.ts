/**
 * OpenVPN hub and spoke after the sample server.conf (BACKENDS.md §6, vector 21): the server holds
 * .1 of the tunnel network (dev tun, topology subnet), clients .2, .3, … in host order. Each host's
 * container bridge ctr0 takes the next /24 of the container pool; the server routes each client's
 * /24 to that client (`route` + `iroute`), clients route every other host's /24 via the server.
 */
import { type Addr, type Cidr, addressAt, cidrSize, cidr as knownCidr, formatCidr, formatIp, overlaps, subnetAt, subnetCount } from "../../addr/index.ts";
import { OPENVPN_TCP_OVERHEAD, OPENVPN_UDP_OVERHEAD } from "../../encapsulation.ts";
import { allocateAddresses, usableRange } from "../../ipam.ts";
import type { ContainerReport, Diagnostic, HostReport, Interface, Route } from "../../report.ts";
import { UNDERLAY_DEV, baseHostReport } from "../common.ts";
import { connectedRoute, connectedRouteOn, defaultVia, listNames, pinnedFor } from "../container-net.ts";
import type { ClusterAnalysis, ClusterContext, HostContext } from "../types.ts";
import type { OpenvpnConfig } from "./config.ts";

export const TUN = "tun0";
/** Topolab's name for each host's container bridge (Docker would call its own docker0 or br-…). */
export const CONTAINER_BRIDGE = "ctr0";
const HOST_SUBNET_PREFIX = 24;
/** An IPv6 outer header is 20 bytes longer than IPv4's. */
const IPV6_OUTER_EXTRA = 20;

export function analyzeOpenvpn(ctx: ClusterContext<OpenvpnConfig>): ClusterAnalysis {
  const { config } = ctx;
  const diagnostics: Diagnostic[] = [];
  const tunnelNet = knownCidr(config.tunnelNetwork);
  const pool = knownCidr(config.containerPool);
  const server = ctx.hosts.find((h) => h.host.id === config.server) ?? ctx.hosts[0];
  const tunnelIps = tunnelAddresses(ctx, tunnelNet, server, diagnostics);
  const subnets = hostSubnets(ctx, pool, tunnelNet, diagnostics);

  const base = config.mode === "udp" ? OPENVPN_UDP_OVERHEAD : OPENVPN_TCP_OVERHEAD;
  const overheadOf = (h: HostContext) => base + (h.underlay.cidr.family === 6 ? IPV6_OUTER_EXTRA : 0);
  const overhead = Math.max(base, ...ctx.hosts.map(overheadOf));
  const mtu = ctx.hosts.length > 0 ? Math.min(...ctx.hosts.map((h) => h.underlay.mtu - overheadOf(h))) : 1500 - base;

  const serverTun = server ? tunnelIps.get(server.host.id) : undefined;
  // The route to host X's /24 via the server is the same on every client: build each once.
  const viaServer: Route[] = [];
  const viaIndex = new Map<string, number>();
  const toClients: Route[] = [];
  for (const h of ctx.hosts) {
    const s = subnets.get(h.host.id);
    if (!s || !serverTun) continue;
    viaIndex.set(h.host.id, viaServer.length);
    viaServer.push({ dst: formatCidr(s), gateway: formatIp(serverTun), dev: TUN });
    const tun = tunnelIps.get(h.host.id);
    if (h !== server && tun) toClients.push({ dst: formatCidr(s), gateway: formatIp(tun), dev: TUN });
  }

  const hosts: HostReport[] = [];
  const containers: ContainerReport[] = [];
  for (const h of ctx.hosts) {
    const report = baseHostReport(ctx, h);
    const tun = tunnelIps.get(h.host.id);
    const subnet = subnets.get(h.host.id);
    const extra: Route[] = [];
    const devices: Interface[] = [];
    if (tun) {
      const dev: Interface = { name: TUN, kind: "tun", addresses: [`${formatIp(tun)}/${tunnelNet.prefix}`], mtu };
      if (h === server) dev.port = config.port;
      else if (server) dev.remote = server.ipText;
      devices.push(dev);
      extra.push(connectedRoute(tunnelNet, TUN, tun));
    }
    if (subnet) {
      const gateway = addressAt(subnet, 1);
      report.subnets = [formatCidr(subnet)];
      devices.push({ name: CONTAINER_BRIDGE, kind: "bridge", addresses: [`${formatIp(gateway)}/${subnet.prefix}`], mtu });
      extra.push(connectedRoute(subnet, CONTAINER_BRIDGE, gateway));
      containers.push(...hostContainers(ctx, h, subnet, gateway, mtu, diagnostics));
    } else {
      for (const c of h.containers) containers.push(unaddressed(ctx, h, c, mtu));
    }
    let tunnelRoutes: Route[] = [];
    if (h === server) tunnelRoutes = toClients;
    else if (tun) {
      const own = viaIndex.get(h.host.id);
      tunnelRoutes = own === undefined ? viaServer : viaServer.slice(0, own).concat(viaServer.slice(own + 1));
    }
    report.interfaces = report.interfaces.concat(devices);
    report.routes = report.routes.concat(extra, tunnelRoutes);
    hosts.push(report);
  }
  if (server) diagnostics.push(...reachability(ctx, server));

  return {
    cluster: {
      id: ctx.cluster.id, backend: "openvpn", mode: config.mode, pools: [config.containerPool, config.tunnelNetwork],
      encapsulation: "openvpn", overhead, mtu, encryption: true, policy: false,
      firewall: [{ protocol: config.mode, port: config.port, between: "to-server", reason: `OpenVPN clients connect to the server${server ? ` "${server.host.name}"` : ""} (${config.mode} ${config.port}, as the sample server.conf)` }],
      notes: notes(ctx, server, mtu, base),
    },
    hosts, containers, routerRoutes: [], diagnostics,
  };
}

/** `--server` with dev tun and topology subnet: server .1, pool from .2 to broadcast − 2 (OpenVPN helper.c). */
function tunnelAddresses(ctx: ClusterContext<OpenvpnConfig>, net: Cidr, server: HostContext | undefined, diagnostics: Diagnostic[]): Map<string, Addr> {
  const out = new Map<string, Addr>();
  if (net.prefix < 16 || net.prefix > 29) {
    diagnostics.push(invalid(ctx, `OpenVPN's --server with dev tun needs a tunnel network from /16 to /29, not ${ctx.config.tunnelNetwork}. Use e.g. 10.8.0.0/24 (the sample's).`));
    return out;
  }
  if (!server) return out;
  out.set(server.host.id, addressAt(net, 1));
  const first = 2;
  const last = cidrSize(net) - 3;
  const clients = ctx.hosts.filter((h) => h !== server);
  const missed: HostContext[] = [];
  clients.forEach((h, i) => {
    if (first + i <= last) out.set(h.host.id, addressAt(net, first + i));
    else missed.push(h);
  });
  if (missed.length > 0) {
    diagnostics.push({
      code: "POOL_EXHAUSTED", severity: "error", subjects: [ctx.cluster.id, ...missed.map((h) => h.host.id)],
      message: `The tunnel network ${formatCidr(net)} gives clients ${formatIp(addressAt(net, first))}–${formatIp(addressAt(net, last))} (${last - first + 1} addresses), but cluster "${ctx.cluster.name}" has ${clients.length} clients: ${listNames(missed.map((h) => h.host.name))} get no tunnel address. Use a larger tunnelNetwork (OpenVPN accepts down to /16).`,
    });
  }
  return out;
}

function hostSubnets(ctx: ClusterContext<OpenvpnConfig>, pool: Cidr, tunnelNet: Cidr, diagnostics: Diagnostic[]): Map<string, Cidr> {
  const out = new Map<string, Cidr>();
  if (pool.prefix > HOST_SUBNET_PREFIX) {
    diagnostics.push(invalid(ctx, `The container pool ${ctx.config.containerPool} is smaller than one /24, but each host's bridge takes a /24 of it. Use a /24 or larger pool (the default is 172.20.0.0/16).`));
    return out;
  }
  if (overlaps(pool, tunnelNet)) {
    diagnostics.push(invalid(ctx, `The container pool ${ctx.config.containerPool} overlaps the tunnel network ${ctx.config.tunnelNetwork}: routes to containers and to the tunnel would collide. Pick pools that do not overlap (defaults 172.20.0.0/16 and 10.8.0.0/24).`));
    return out;
  }
  const count = subnetCount(pool, HOST_SUBNET_PREFIX);
  const missed = ctx.hosts.filter((h) => h.index >= count);
  for (const h of ctx.hosts) if (h.index < count) out.set(h.host.id, subnetAt(pool, HOST_SUBNET_PREFIX, h.index));
  if (missed.length > 0) {
    diagnostics.push({
      code: "POOL_EXHAUSTED", severity: "error", subjects: [ctx.cluster.id, ...missed.map((h) => h.host.id)],
      message: `The container pool ${formatCidr(pool)} holds ${count} /24 subnet${count === 1 ? "" : "s"}, but cluster "${ctx.cluster.name}" has ${ctx.hosts.length} hosts: ${listNames(missed.map((h) => h.host.name))} get none. Use a larger containerPool.`,
    });
  }
  return out;
}

function invalid(ctx: ClusterContext, message: string): Diagnostic {
  return { code: "POOL_INVALID", severity: "error", subjects: [ctx.cluster.id], message };
}

function hostContainers(ctx: ClusterContext, h: HostContext, subnet: Cidr, gateway: Addr, mtu: number, diagnostics: Diagnostic[]): ContainerReport[] {
  const range = usableRange(subnet, 2);
  const alloc = allocateAddresses(
    { cidr: subnet, first: range.first, last: range.last, label: `host "${h.host.name}"'s bridge ${CONTAINER_BRIDGE} (${formatCidr(subnet)})`, subjects: [h.host.id] },
    h.containers.map((c) => ({ id: c.id, pinned: pinnedFor(c, 4), label: `container "${c.name}"` })),
    new Set([1]),
  );
  diagnostics.push(...alloc.diagnostics);
  const defaultRoute = defaultVia(gateway, UNDERLAY_DEV);
  const connected = connectedRouteOn(subnet, UNDERLAY_DEV);
  const gatewayText = formatIp(gateway);
  const suffix = `/${subnet.prefix}`;
  return h.containers.map((c) => {
    const a = alloc.addresses.get(c.id);
    const text = a ? formatIp(a) : undefined;
    return {
      id: c.id, name: c.name, host: h.host.id, cluster: ctx.cluster.id,
      ips: text ? [text] : [], addresses: text ? [text + suffix] : [],
      gateway: gatewayText, mtu, interface: UNDERLAY_DEV, routes: text ? [defaultRoute, connected(text)] : [],
    };
  });
}

/** A container of a host that got no /24: listed, without an address. */
function unaddressed(ctx: ClusterContext, h: HostContext, c: HostContext["containers"][number], mtu: number): ContainerReport {
  return { id: c.id, name: c.name, host: h.host.id, cluster: ctx.cluster.id, ips: [], addresses: [], mtu, interface: UNDERLAY_DEV, routes: [] };
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

function notes(ctx: ClusterContext<OpenvpnConfig>, server: HostContext | undefined, mtu: number, base: number): string[] {
  const { config: c } = ctx;
  const out: string[] = [];
  if (server) {
    out.push(
      `"${server.host.name}" runs the OpenVPN server (${c.server !== undefined ? "config.server" : "the cluster's first host"}); the other hosts are clients. Topolab pins each client's tunnel address in host order (ifconfig-push in its client-config-dir file); the real pool hands them out in connection order.`,
      `Clients reach each other through the server's kernel: "${server.host.name}" forwards from tun0 back to tun0 (net.ipv4.ip_forward=1 and a FORWARD rule allowing it). client-to-client would route inside OpenVPN instead, bypassing the server's firewall.`,
    );
  }
  out.push(
    `server.conf holds \`route <client /24> 255.255.255.0 <client tunnel address>\` per client and each client's ccd file an \`iroute\` for its /24; each client's ccd file also pushes routes to every other host's /24 (push "route …"). A single pushed route to the whole pool ${c.containerPool} would do as well: a client's own /24 stays more specific.`,
    `Container MTU ${mtu} = underlay MTU − ${base} (${c.mode === "udp" ? "IP 20 + UDP 8" : "IP 20 + TCP 20 + length 2"} + opcode/peer-id 4 + packet-id 4 + AES-GCM tag 16; derived, partly unverified); set tun-mtu to it. OpenVPN's defaults (tun-mtu 1500, mssfix 1492) clamp TCP instead, and larger non-TCP packets leave as outer packets the underlay must fragment.`,
    `If ${CONTAINER_BRIDGE} is a Docker bridge, Docker masquerades traffic leaving it: exclude the container pool (iptables -t nat -I POSTROUTING -s ${c.containerPool} -d ${c.containerPool} -j RETURN) so hosts see the containers' own addresses.`,
  );
  if (c.mode === "tcp") out.push("proto tcp tunnels TCP inside TCP: under packet loss both layers retransmit and throughput collapses. UDP is the sample's default.");
  return out;
}
