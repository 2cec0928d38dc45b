/**
 * Longest-prefix match over one routing table in `ip -j route` shape, and the route printed the way
 * `ip route` prints it. Route objects are shared between hosts (a route towards host X is one object),
 * so each one's destination is parsed once and cached by identity.
 */
import { type Addr, type Cidr, contains, isIpv4Text, makeCidr, parseIp } from "../addr/index.ts";
import type { Route } from "../report.ts";

type Destination = Cidr | "default" | "invalid";

const parsed = new WeakMap<Route, Destination>();

/** "default", a CIDR, or a host route without "/32" as iproute2 prints it. */
export function routeDestination(route: Route): Destination {
  let d = parsed.get(route);
  if (d === undefined) {
    d = parseDestination(route.dst);
    parsed.set(route, d);
  }
  return d;
}

function parseDestination(text: string): Destination {
  if (text === "default") return "default";
  return networkOf(text) ?? "invalid";
}

/**
 * The network of "10.0.1.1/24" (an interface address) or "10.244.1.2" (a host route): lenient about
 * host bits, as the kernel is. Undefined for text that is no address.
 */
export function networkOf(text: string): Cidr | undefined {
  const slash = text.indexOf("/");
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!ip.ok) return undefined;
  const max = ip.value.family === 4 ? 32 : 128;
  const prefix = slash < 0 ? max : Number(text.slice(slash + 1));
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return undefined;
  return makeCidr(ip.value, prefix);
}

/** Which family a "default" route serves: its gateway's; a gatewayless default (`default dev eth0`) serves both. */
function defaultServes(route: Route, dst: Addr): boolean {
  if (route.gateway === undefined) return true;
  return isIpv4Text(route.gateway) === (dst.family === 4);
}

/** The route the kernel would pick for dst: longest prefix, then lowest metric, then the first listed. */
export function lookupRoute(routes: readonly Route[], dst: Addr): Route | undefined {
  let best: Route | undefined;
  let bestLen = -1;
  let bestMetric = 0;
  for (const route of routes) {
    const d = routeDestination(route);
    let len: number;
    if (d === "default") {
      if (!defaultServes(route, dst)) continue;
      len = 0;
    } else if (d === "invalid" || !contains(d, dst)) {
      continue;
    } else {
      len = d.prefix;
    }
    const metric = route.metric ?? 0;
    if (len > bestLen || (len === bestLen && metric < bestMetric)) {
      best = route;
      bestLen = len;
      bestMetric = metric;
    }
  }
  return best;
}

/** A default route (or its 0.0.0.0/0 spelling): it says where to send the packet, not that the destination is on the link. */
export function isDefaultRoute(route: Route): boolean {
  const d = routeDestination(route);
  return d === "default" || (d !== "invalid" && d.prefix === 0);
}
