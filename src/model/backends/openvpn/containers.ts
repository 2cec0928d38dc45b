/**
 * Each host's container bridge ctr0: the next /24 of containerPool (and, with IPv6, the next /64 of
 * containerPool6) in host order, gateway .1 (::1), containers from .2 (::2).
 */
import { type Cidr, type Family, addressAt, formatCidr, overlaps, subnetAt, subnetCount } from "../../addr/index.ts";
import { allocateAddresses, usableRange } from "../../ipam.ts";
import type { ContainerReport, Diagnostic } from "../../report.ts";
import { UNDERLAY_DEV } from "../common.ts";
import { type BridgeFamily, bridgedContainer, connectedRouteOn, defaultVia, listNames, pinnedFor } from "../container-net.ts";
import type { ClusterContext, HostContext } from "../types.ts";
import type { OpenvpnConfig } from "./config.ts";
import { invalid } from "./tunnel.ts";

/** Topolab's name for each host's container bridge (Docker would call its own docker0 or br-…). */
export const CONTAINER_BRIDGE = "ctr0";

export interface FamilyNets {
  v4?: Cidr | undefined;
  v6?: Cidr | undefined;
}

/** One family's side of a host's ctr0: its subnet, gateway and the containers' addresses on it. */
export type Bridge = BridgeFamily;

const FAMILY = {
  4: { prefix: 24, field: "containerPool", tunnelField: "tunnelNetwork", words: "container pool", fallback: "172.20.0.0/16", tunnelDefault: "10.8.0.0/24" },
  6: { prefix: 64, field: "containerPool6", tunnelField: "tunnelNetwork6", words: "IPv6 container pool", fallback: "fd00:172:20::/48", tunnelDefault: "fd00:10:8::/64" },
} as const;

/** Each host's container subnets by host id, for the families the cluster uses. */
export function hostSubnets(ctx: ClusterContext<OpenvpnConfig>, pools: FamilyNets, tunnels: FamilyNets, diagnostics: Diagnostic[]): Map<string, FamilyNets> {
  const out = new Map<string, FamilyNets>();
  for (const h of ctx.hosts) out.set(h.host.id, {});
  for (const family of [4, 6] as const) {
    const pool = family === 4 ? pools.v4 : pools.v6;
    if (!pool) continue;
    const tunnel = family === 4 ? tunnels.v4 : tunnels.v6;
    const f = FAMILY[family];
    const poolText = ctx.config[f.field];
    if (pool.prefix > f.prefix) {
      diagnostics.push(invalid(ctx, `The ${f.words} ${poolText} is smaller than one /${f.prefix}, but each host's bridge takes a /${f.prefix} of it. Use a /${f.prefix} or larger pool (the default is ${f.fallback}).`));
      continue;
    }
    if (tunnel && overlaps(pool, tunnel)) {
      diagnostics.push(invalid(ctx, `The ${f.words} ${poolText} overlaps the tunnel network ${ctx.config[f.tunnelField]}: routes to containers and to the tunnel would collide. Pick pools that do not overlap (defaults ${f.fallback} and ${f.tunnelDefault}).`));
      continue;
    }
    const count = subnetCount(pool, f.prefix);
    const missed = ctx.hosts.filter((h) => h.index >= count);
    for (const h of ctx.hosts) {
      if (h.index >= count) continue;
      const nets = out.get(h.host.id) as FamilyNets;
      if (family === 4) nets.v4 = subnetAt(pool, f.prefix, h.index);
      else nets.v6 = subnetAt(pool, f.prefix, h.index);
    }
    if (missed.length > 0) {
      diagnostics.push({
        code: "POOL_EXHAUSTED", severity: "error", subjects: [ctx.cluster.id, ...missed.map((h) => h.host.id)],
        message: `The ${f.words} ${formatCidr(pool)} holds ${count} /${f.prefix} subnet${count === 1 ? "" : "s"}, but cluster "${ctx.cluster.name}" has ${ctx.hosts.length} hosts: ${listNames(missed.map((h) => h.host.name))} get none. Use a larger ${f.field}.`,
      });
    }
  }
  return out;
}

/** ctr0's sides on one host (IPv4 first), with its containers' addresses allocated. */
export function hostBridges(ctx: ClusterContext, h: HostContext, nets: FamilyNets, diagnostics: Diagnostic[]): Bridge[] {
  const out: Bridge[] = [];
  for (const subnet of [nets.v4, nets.v6]) {
    if (!subnet) continue;
    const range = usableRange(subnet, 2);
    const alloc = allocateAddresses(
      { cidr: subnet, first: range.first, last: range.last, label: `host "${h.host.name}"'s bridge ${CONTAINER_BRIDGE} (${formatCidr(subnet)})`, subjects: [h.host.id] },
      h.containers.map((c) => ({ id: c.id, pinned: pinnedFor(c, subnet.family as Family), label: `container "${c.name}"` })),
      new Set([1]),
    );
    diagnostics.push(...alloc.diagnostics);
    const gateway = addressAt(subnet, 1);
    out.push({ cidr: subnet, gateway, defaultRoute: defaultVia(gateway, UNDERLAY_DEV), connected: connectedRouteOn(subnet, UNDERLAY_DEV), suffix: `/${subnet.prefix}`, addresses: alloc.addresses });
  }
  return out;
}

/** The host's containers on ctr0; with no bridge (pool exhausted or invalid) they are listed without addresses. */
export function hostContainers(ctx: ClusterContext, h: HostContext, bridges: Bridge[], mtu: number): ContainerReport[] {
  return h.containers.map((c) => bridgedContainer(ctx, h, c, bridges, mtu));
}
