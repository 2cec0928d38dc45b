/**
 * The reply of a flow whose request arrived: the target answers the address it saw as the source
 * (the source host's, when the request left it masqueraded), through its own routes, its host's and on,
 * with the same tracer as the request. Conntrack undoes a published port's DNAT on the host that applied
 * it and the masquerade on the source host. A reply the routes lead into a cluster's own network (a
 * tunnel, a bridge) because the client's address lies inside the cluster's pool never comes back: the
 * reason names the route that takes it and why.
 */
import { type Addr, type Family, contains, formatCidr, formatIp, ip } from "../addr/index.ts";
import type { FlowHop } from "../report.ts";
import type { FlowSource } from "./exposure.ts";
import { type NetworkIndex, hostAddressFor } from "./network-index.ts";
import { type ContainerGoal, type Detour, type HostNat, PacketTrace, type TraceGoal, type TraceOptions, hostPortText } from "./trace.ts";
import { formatRoute } from "../format-route.ts";
import { networkOf } from "./route-lookup.ts";

export interface ReplyTrace {
  hops: FlowHop[];
  /** Why the reply does not come back, and the fix; absent when it does. */
  reason?: string;
}

/**
 * Documentation addresses (RFC 5737, RFC 3849, RFC 9637) that stand for a client on the Internet,
 * whose real address nobody knows: the first one no underlay or pool of the design holds.
 */
const INTERNET_STAND_INS: Record<Family, readonly Addr[]> = {
  4: [ip("203.0.113.100"), ip("198.51.100.100"), ip("192.0.2.100")],
  6: [ip("2001:db8:ffff::100"), ip("3fff:ffff::100"), ip("2001:db8:fffe::100")],
};

/**
 * Traces the reply of a request that arrived at `target`. Undefined when the reply cannot be modelled:
 * the address the target saw is of another family (a masquerade to an IPv4-only host for an IPv6 flow).
 */
export function traceReply(index: NetworkIndex, source: FlowSource, target: ContainerGoal, port: number, protocol: string, request: PacketTrace): ReplyTrace | undefined {
  const family = target.addr.family;
  let goal: TraceGoal;
  let seen: Addr | undefined;
  let hostNat: HostNat | undefined;
  const masquerade = request.masqueradedBy;
  if (source.kind === "container") {
    const addr = source.view.addrs.find((a) => a.family === family);
    if (!addr) return undefined;
    goal = { kind: "container", view: source.view, host: source.host, addr };
    const masqueradeIp = masquerade && (hostAddressFor(masquerade, family) ?? masquerade.ip);
    seen = masqueradeIp ?? addr;
    if (masquerade && masqueradeIp) {
      hostNat = {
        host: masquerade, at: masqueradeIp, rewrite: `un-SNAT ${formatIp(masqueradeIp)} → ${formatIp(addr)} (conntrack)`,
        action: `finds the masquerade in conntrack and rewrites it back to ${source.view.name}`,
      };
    }
  } else {
    const { id, name } = source.external;
    const own = index.externalIps.get(id);
    seen = own ?? internetStandIn(index, family);
    if (!seen) return undefined;
    goal = { kind: "external", id, name, addr: seen, internet: own === undefined };
  }
  if (seen.family !== family) return undefined;

  const options: TraceOptions = { goal, port, protocol, reply: true };
  if (hostNat) options.hostNat = hostNat;
  const dnat = request.natTaken;
  if (dnat?.aimPort !== undefined) {
    const published = hostPortText(dnat.at, dnat.aimPort);
    options.unDnat = { host: dnat.host, rewrite: `un-DNAT ${hostPortText(target.addr, port)} → ${published} (conntrack)`, source: published };
  }
  const trace = new PacketTrace(index, options);
  const outcome = trace.fromContainer(target.view, target.host, seen, false, target.addr);
  if (outcome.ok) return { hops: trace.hops };
  const replies = `replies from ${target.view.name} to ${formatIp(seen)}`;
  const ends = index.nodeName(outcome.stop);
  const astray = trace.detours.find((d) => index.containerAt(d.cluster, d.dst) === undefined);
  const whose = source.kind === "external" ? "the client's address"
    : masquerade ? `${masquerade.name}'s address, which ${source.view.name} is masqueraded to,` : `${source.view.name}'s address`;
  const why = astray && insidePool(index, astray, whose);
  if (astray && why) return { hops: trace.hops, reason: `${replies} leave ${astray.at} by ${formatRoute(astray.route)}: ${why.text}, so the replies end at ${ends}. Fix: ${why.fix}.` };
  return { hops: trace.hops, reason: `${replies} stop at ${ends}: ${outcome.reason}` };
}

/** Why a detour took the reply: the address lies in the cluster's pool, so its routes take it for one of theirs. */
function insidePool(index: NetworkIndex, d: Detour, whose: string): { text: string; fix: string } | undefined {
  const pool = d.cluster.report.pools.map(networkOf).find((c) => c !== undefined && contains(c, d.dst));
  if (!pool) return undefined;
  const word = d.cluster.result.context.cluster.orchestrator === "kubernetes" ? "pod" : "container";
  const lan = index.underlayHolding(d.dst);
  return {
    text: `${whose} is inside the ${word} network ${formatCidr(pool)}`,
    fix: `choose a ${word} pool that doesn't overlap ${lan ? `${lan.name} (${formatCidr(lan.cidr)})` : formatIp(d.dst)}`,
  };
}

function internetStandIn(index: NetworkIndex, family: Family): Addr | undefined {
  return INTERNET_STAND_INS[family].find((a) => {
    if (index.underlayHolding(a)) return false;
    for (const c of index.clusters.values()) {
      for (const p of c.report.pools) {
        const net = networkOf(p);
        if (net && contains(net, a)) return false;
      }
    }
    return true;
  });
}
