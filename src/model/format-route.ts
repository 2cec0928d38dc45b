/**
 * Routes, neighbours and FDB entries as iproute2 prints them (`ip route`, `ip neigh`, `bridge fdb`),
 * so a report reads like the real host. Shared by the CLI's text output and the app's Routes panel.
 */
import type { FdbEntry, Neighbor, Route } from "./report.ts";

/**
 * One route in `ip route` order: type, destination, via, dev, proto, scope, src, metric, flags,
 * then metrics (mtu) — the order of iproute2's print_route().
 * @example formatRoute({ dst: "10.244.2.0/24", gateway: "10.244.2.0", dev: "flannel.1", flags: ["onlink"] })
 * // "10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink"
 */
export function formatRoute(route: Route): string {
  const parts: string[] = [];
  if (route.type) parts.push(route.type);
  parts.push(route.dst);
  if (route.gateway !== undefined) parts.push("via", route.gateway);
  if (route.dev !== undefined) parts.push("dev", route.dev);
  // iproute2 omits "proto boot" and "scope global" (universe) unless asked for details.
  if (route.protocol !== undefined && route.protocol !== "boot") parts.push("proto", route.protocol);
  if (route.scope !== undefined && route.scope !== "global" && route.scope !== "universe") parts.push("scope", route.scope);
  if (route.prefsrc !== undefined) parts.push("src", route.prefsrc);
  if (route.metric !== undefined) parts.push("metric", String(route.metric));
  if (route.flags) parts.push(...route.flags);
  if (route.mtu !== undefined) parts.push("mtu", String(route.mtu));
  return parts.join(" ");
}

/** One neighbour entry as `ip neigh`: "10.244.2.0 dev flannel.1 lladdr 02:… PERMANENT". */
export function formatNeighbor(n: Neighbor): string {
  return [n.dst, "dev", n.dev, "lladdr", n.lladdr, ...n.state].join(" ");
}

/** One forwarding entry as `bridge fdb`: "02:… dev flannel.1 dst 192.168.1.12 self permanent". */
export function formatFdb(f: FdbEntry): string {
  return [f.mac, "dev", f.dev, "dst", f.dst, ...(f.flags ?? [])].join(" ");
}
