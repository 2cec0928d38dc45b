/**
 * What the lab compares between a routing table the model predicts and the one the kernel holds
 * (`ip -j route show table main`). Each route becomes one line of text, the same on both sides:
 *
 *   [type ]dst[ via gateway][ dev device][ onlink]
 *
 * - type: only when it is not a plain unicast route ("blackhole 172.16.0.0/26", "unreachable …");
 * - dst: "default" (also for 0.0.0.0/0 and ::/0), a CIDR, or a host address without /32 (/128 for
 *   IPv6), as iproute2 prints it;
 * - gateway and dev as given (not dev for blackhole/unreachable routes: the kernel puts IPv6 ones on
 *   "lo"); the onlink flag, because it changes how the next hop is resolved.
 *
 * Not compared: protocol (kernel, bird, 80…), scope, prefsrc, metric, the linkdown flag (a link
 * state, not configuration) and other tables (local, custom). IPv6 link-local routes (fe80::/64), the
 * loopback's ::1 (in the main table on some kernels) and multicast routes the kernel adds by itself
 * are left out on the kernel side.
 */
import type { Route } from "../model/report.ts";

export function normaliseDst(dst: string): string {
  if (dst === "0.0.0.0/0" || dst === "::/0") return "default";
  if (dst.includes(":")) return dst.endsWith("/128") ? dst.slice(0, -4) : dst;
  return dst.endsWith("/32") ? dst.slice(0, -3) : dst;
}

/** The comparison line of one route of the report. */
export function routeKey(route: Route): string {
  const parts: string[] = [];
  if (route.type !== undefined) parts.push(route.type);
  parts.push(normaliseDst(route.dst));
  if (route.gateway !== undefined) parts.push("via", route.gateway);
  if (route.dev !== undefined && route.type === undefined) parts.push("dev", route.dev);
  if (route.flags?.includes("onlink")) parts.push("onlink");
  return parts.join(" ");
}

/** The same line computed by jq from `ip -j route` output (one route object per element). */
export const JQ_ROUTE_KEY = [
  '.[] | select((.type // "unicast") != "multicast" and .dst != "fe80::/64" and .dst != "::1")',
  '| [ (if (.type // "unicast") == "unicast" then empty else .type end),',
  '    (if .dst == "0.0.0.0/0" or .dst == "::/0" then "default"',
  '     elif (.dst | contains(":")) then (.dst | sub("/128$"; "")) else (.dst | sub("/32$"; "")) end),',
  '    (if .gateway then "via \\(.gateway)" else empty end),',
  '    (if .dev and (.type // "unicast") == "unicast" then "dev \\(.dev)" else empty end),',
  '    (if ((.flags // []) | index("onlink")) != null then "onlink" else empty end) ]',
  '| join(" ")',
].join("\n");

/** The report's table as comparison lines, sorted and without duplicates (what the script embeds). */
export function routeKeys(routes: readonly Route[]): string[] {
  return [...new Set(routes.map(routeKey))].sort(byteOrder);
}

/** `sort` under LC_ALL=C: plain byte order. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
