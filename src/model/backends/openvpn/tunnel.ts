/**
 * The tun addresses `server` and `server-ipv6` hand out (OpenVPN src/openvpn/helper.c
 * helper_client_server, pool.c ifconfig_pool_init/acquire, multi.c multi_select_virtual_addr).
 * Topolab gives client k (0-based, host order) pool slot k; the real pool goes by connection order.
 */
import { type Addr, type Cidr, addressAt, cidrSize, formatCidr, formatIp } from "../../addr/index.ts";
import type { Diagnostic } from "../../report.ts";
import { listNames } from "../container-net.ts";
import type { ClusterContext, HostContext } from "../types.ts";
import type { OpenvpnConfig } from "./config.ts";

/** One host's tun0 addresses. `peer` is the far end of a net30 point-to-point address. */
export interface TunnelEnd {
  v4?: Addr;
  peer?: Addr;
  v6?: Addr;
}

/** How many clients a family's pool serves, and client k's addresses. */
interface ClientPool {
  capacity: number;
  /** Words for the exhaustion message: what the pool hands out, and the fix. */
  describe: string;
  fix: string;
  server: TunnelEnd;
  client(k: number): TunnelEnd;
}

/** OpenVPN's IFCONFIG_POOL_MAX (pool.h): the cap on a pool, and on an IPv6 pool of a /64 to /111. */
const POOL_MAX = 65536;

/**
 * The tun0 addresses by host id. An impossible tunnel network stops OpenVPN from starting, so then
 * no host gets any (POOL_INVALID); clients past the pool get none (POOL_EXHAUSTED).
 */
export function tunnelAddresses(ctx: ClusterContext<OpenvpnConfig>, nets: { v4?: Cidr; v6?: Cidr }, server: HostContext | undefined, diagnostics: Diagnostic[]): Map<string, TunnelEnd> {
  const out = new Map<string, TunnelEnd>();
  const pools: ClientPool[] = [];
  const before = diagnostics.length;
  if (nets.v4) {
    const p = ctx.config.topology === "net30" ? net30Pool(ctx, nets.v4, diagnostics) : subnetPool(ctx, nets.v4, diagnostics);
    if (p) pools.push(p);
  }
  if (nets.v6) {
    const p = ipv6Pool(ctx, nets.v6, diagnostics);
    if (p) pools.push(p);
  }
  if (diagnostics.length > before || !server || pools.length === 0) return out;
  out.set(server.host.id, merge(pools.map((p) => p.server)));
  // IPv4 and IPv6 share one pool slot per client, so the smaller pool limits both (pool.c).
  const limit = pools.reduce((a, b) => (b.capacity < a.capacity ? b : a));
  const clients = ctx.hosts.filter((h) => h !== server);
  const missed: HostContext[] = [];
  clients.forEach((h, k) => {
    if (k < limit.capacity) out.set(h.host.id, merge(pools.map((p) => p.client(k))));
    else missed.push(h);
  });
  if (missed.length > 0) {
    diagnostics.push({
      code: "POOL_EXHAUSTED", severity: "error", subjects: [ctx.cluster.id, ...missed.map((h) => h.host.id)],
      message: `${limit.describe}, but cluster "${ctx.cluster.name}" has ${clients.length} clients: ${listNames(missed.map((h) => h.host.name))} get no tunnel address. ${limit.fix}`,
    });
  }
  return out;
}

function merge(ends: TunnelEnd[]): TunnelEnd {
  return ends.length === 1 ? (ends[0] as TunnelEnd) : ends.reduce((a, b) => ({ ...a, ...b }), {});
}

/** helper.c: `server` with dev tun needs a /16 (IFCONFIG_POOL_MIN_NETBITS) to /29 network. */
function v4RangeOk(ctx: ClusterContext<OpenvpnConfig>, net: Cidr, diagnostics: Diagnostic[]): boolean {
  if (net.prefix >= 16 && net.prefix <= 29) return true;
  diagnostics.push(invalid(ctx, `OpenVPN's --server with dev tun needs a tunnel network from /16 to /29, not ${ctx.config.tunnelNetwork}. Use e.g. 10.8.0.0/24 (the sample's).`));
  return false;
}

/** topology subnet: server .1 with the network's mask; clients from .2 to broadcast − 2 (as the man page's expansion). */
function subnetPool(ctx: ClusterContext<OpenvpnConfig>, net: Cidr, diagnostics: Diagnostic[]): ClientPool | undefined {
  if (!v4RangeOk(ctx, net, diagnostics)) return undefined;
  const first = 2;
  const last = cidrSize(net) - 3;
  return {
    capacity: last - first + 1,
    describe: `The tunnel network ${formatCidr(net)} gives clients ${formatIp(addressAt(net, first))}–${formatIp(addressAt(net, last))} (${last - first + 1} addresses)`,
    fix: "Use a larger tunnelNetwork (OpenVPN accepts down to /16).",
    server: { v4: addressAt(net, 1) },
    client: (k) => ({ v4: addressAt(net, first + k) }),
  };
}

/**
 * topology net30: the server is `ifconfig .1 .2`; the pool runs from .4 to broadcast − 4 (to the
 * broadcast in a /29) and is cut into /30s; client k's /30 starts at .4 + 4k, the client takes its
 * .2 and its peer is its .1 (pool.c hands out local b+1 / remote b+2, multi.c pushes
 * `ifconfig <remote> <local>`). A /24 holds 62 clients, 10.8.0.6/.5 to 10.8.0.250/.249.
 */
function net30Pool(ctx: ClusterContext<OpenvpnConfig>, net: Cidr, diagnostics: Diagnostic[]): ClientPool | undefined {
  if (!v4RangeOk(ctx, net, diagnostics)) return undefined;
  const size = cidrSize(net);
  const start = 4;
  const end = size - 1 - (net.prefix === 29 ? 0 : 4);
  const capacity = (((end | 3) + 1) - start) >> 2;
  if (capacity < 2) {
    // OpenVPN 2.5 and later refuse a one-slot pool ("IPv4 pool size is too small (1), must be at least 2").
    diagnostics.push(invalid(ctx, `With topology net30 the tunnel network ${ctx.config.tunnelNetwork} holds a single client /30, and OpenVPN refuses to start ("IPv4 pool size is too small (${capacity}), must be at least 2"). Use a /28 or larger tunnelNetwork, or topology subnet.`));
    return undefined;
  }
  const subnetClients = size - 4;
  return {
    capacity,
    describe: `With topology net30 each client takes a /30 of the pool ${formatIp(addressAt(net, start))}–${formatIp(addressAt(net, end))}: the tunnel network ${formatCidr(net)} holds ${capacity} clients`,
    fix: `Switch to topology subnet (one address per client: ${subnetClients} clients in ${formatCidr(net)}) or use a bigger tunnelNetwork (OpenVPN accepts down to /16).`,
    server: { v4: addressAt(net, 1), peer: addressAt(net, 2) },
    client: (k) => ({ v4: addressAt(net, start + 4 * k + 2), peer: addressAt(net, start + 4 * k + 1) }),
  };
}

/**
 * server-ipv6: the server is ::1 with the network's prefix; the pool starts at ::1000 (/64 to /111,
 * IFCONFIG_POOL_MAX addresses) or ::2 (/112 to /124, up to the end of the network), one address
 * per client. IPv6 ignores --topology.
 */
function ipv6Pool(ctx: ClusterContext<OpenvpnConfig>, net: Cidr, diagnostics: Diagnostic[]): ClientPool | undefined {
  if (net.prefix < 64 || net.prefix > 124) {
    // options.c: "--server-ipv6 settings: network must be between /64 and /124".
    diagnostics.push(invalid(ctx, `OpenVPN's --server-ipv6 needs a network from /64 to /124, not ${ctx.config.tunnelNetwork6}. Use a /64 (the default is fd00:10:8::/64).`));
    return undefined;
  }
  const base = net.prefix < 112 ? 0x1000 : 2;
  const capacity = net.prefix < 112 ? POOL_MAX : 2 ** (128 - net.prefix) - base;
  const last = base + capacity - 1;
  return {
    capacity,
    describe: `The IPv6 tunnel network ${formatCidr(net)} gives clients ${formatIp(addressAt(net, base))}–${formatIp(addressAt(net, last))} (${capacity} addresses)`,
    fix: "Use a larger tunnelNetwork6 (a /111 or shorter prefix holds 65,536 clients).",
    server: { v6: addressAt(net, 1) },
    client: (k) => ({ v6: addressAt(net, base + k) }),
  };
}

export function invalid(ctx: ClusterContext, message: string): Diagnostic {
  return { code: "POOL_INVALID", severity: "error", subjects: [ctx.cluster.id], message };
}
