/**
 * Routes exactly as the report gives them. The kernel adds the connected routes (protocol kernel)
 * itself when an address is set, so those are not added: they are compared like the rest. Routes
 * without a gateway go first so that gateways are on a link when their routes are added.
 * Protocol, scope, metric and MTU are passed on; the source address is not (the kernel picks it, and
 * it is not compared).
 */
import type { Route } from "../model/report.ts";
import type { ScriptBuilder } from "./script-builder.ts";
import { ns, q } from "./shell.ts";

/** Route protocols iproute2 knows by name (rt_protos); numbers always work. */
const PROTOCOL_NAMES = new Set(["boot", "static", "gated", "ra", "mrt", "zebra", "bird", "dnrouted", "xorp", "ntk", "dhcp", "keepalived", "babel", "bgp", "isis", "ospf", "rip", "eigrp"]);

export function addRoutes(s: ScriptBuilder, suffix: string, routes: readonly Route[]): void {
  const added = routes.filter((r) => r.protocol !== "kernel");
  const ordered = [...added.filter((r) => r.gateway === undefined), ...added.filter((r) => r.gateway !== undefined)];
  for (const r of ordered) s.run("ip", "-n", ns(suffix), ...routeWords(r));
}

export function routeWords(r: Route): string[] {
  const v6 = r.dst.includes(":") || (r.gateway?.includes(":") ?? false);
  const words = [...(v6 ? ["-6"] : []), "route", "add"];
  if (r.type !== undefined) words.push(r.type);
  words.push(q(r.dst));
  if (r.gateway !== undefined) words.push("via", q(r.gateway));
  if (r.dev !== undefined) words.push("dev", q(r.dev));
  if (r.protocol !== undefined && (PROTOCOL_NAMES.has(r.protocol) || /^\d+$/.test(r.protocol))) words.push("proto", q(r.protocol));
  if (r.scope !== undefined && r.gateway === undefined && r.type === undefined) words.push("scope", q(r.scope));
  if (r.metric !== undefined) words.push("metric", String(r.metric));
  if (r.mtu !== undefined) words.push("mtu", String(r.mtu));
  if (r.flags?.includes("onlink")) words.push("onlink");
  return words;
}
