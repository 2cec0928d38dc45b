/** Pieces every backend's host report starts from: the host's own NIC and its underlay routes. */
import { type Addr, type Family, formatCidr, formatIp, makeCidr, parseIp, withPrefix } from "../addr/index.ts";
import type { HostReport, Interface, Route } from "../report.ts";
import type { ClusterContext, HostContext, UnderlayInfo } from "./types.ts";

/** Every host's NIC on its underlay is called eth0 in Topolab's reports. */
export const UNDERLAY_DEV = "eth0";

/** eth0 with the host's address, and on a dual-stack underlay its IPv6 address too. */
export function underlayInterface(h: HostContext): Interface {
  const addresses = [withPrefix(h.ip, h.underlay.cidr.prefix)];
  if (h.ip6 && h.underlay.cidr6) addresses.push(withPrefix(h.ip6, h.underlay.cidr6.prefix));
  return { name: UNDERLAY_DEV, kind: "ethernet", addresses, mtu: h.underlay.mtu };
}

/**
 * What every host on one underlay shares: its network's text and the default route object via its
 * gateway. UnderlayInfo objects are made afresh by each analysis, so this memo lives as long as one.
 */
const perUnderlay = new WeakMap<UnderlayInfo, { cidrText: string; defaultRoute: Route }>();
function underlayShared(u: UnderlayInfo): { cidrText: string; defaultRoute: Route } {
  let shared = perUnderlay.get(u);
  if (!shared) {
    shared = { cidrText: formatCidr(u.cidr), defaultRoute: { dst: "default", gateway: formatIp(u.gateway), dev: UNDERLAY_DEV } };
    perUnderlay.set(u, shared);
  }
  return shared;
}

/**
 * The default route via the underlay's gateway, and the kernel's connected route, as `ip -j route`
 * lists them; on a dual-stack underlay also the IPv6 pair as `ip -6 -j route` lists it (static
 * default metric 1024, connected metric 256).
 */
export function underlayRoutes(h: HostContext): Route[] {
  const shared = underlayShared(h.underlay);
  const routes: Route[] = [
    shared.defaultRoute,
    { dst: shared.cidrText, dev: UNDERLAY_DEV, protocol: "kernel", scope: "link", prefsrc: h.ipText },
  ];
  const { cidr6, gateway6 } = h.underlay;
  if (h.ip6 && cidr6 && gateway6) {
    routes.push(
      { dst: "default", gateway: formatIp(gateway6), dev: UNDERLAY_DEV, metric: 1024 },
      { dst: formatCidr(cidr6), dev: UNDERLAY_DEV, protocol: "kernel", metric: 256 },
    );
  }
  return routes;
}

/** A host report with the underlay parts filled in; the backend adds its subnets, devices and routes. */
export function baseHostReport(ctx: ClusterContext, h: HostContext): HostReport {
  return {
    id: h.host.id, name: h.host.name, cluster: ctx.cluster.id, underlay: h.underlay.underlay.id, ip: h.ipText,
    ...(h.ip6Text === undefined ? {} : { ip6: h.ip6Text }),
    subnets: [], interfaces: [underlayInterface(h)], routes: underlayRoutes(h),
  };
}

/** The defined ones of a, b and c, in order, in an array of exactly that length (a container's few routes). */
export function definedOf<T>(a: T | undefined, b: T | undefined, c: T | undefined): T[] {
  if (a === undefined) return b === undefined ? (c === undefined ? [] : [c]) : c === undefined ? [b] : [b, c];
  if (b === undefined) return c === undefined ? [a] : [a, c];
  return c === undefined ? [a, b] : [a, b, c];
}

/**
 * The host's underlay address of a family, as text: `ip` when its underlay's cidr is of that
 * family, `ip6` on a dual-stack underlay's cidr6; undefined when the host has none (the backends'
 * UNDERLAY_FAMILY_MISSING).
 */
export function hostAddress(h: HostContext, family: Family): string | undefined {
  if (h.ip.family === family) return h.ipText;
  return family === 6 ? h.ip6Text : undefined;
}

/** The underlay's gateway in a family, if the underlay has that family. */
export function underlayGateway(u: UnderlayInfo, family: Family): Addr | undefined {
  if (u.gateway.family === family) return u.gateway;
  return family === 6 ? u.gateway6 : undefined;
}

/** Compares kernel releases numerically: kernelAtLeast("5.15.0-91", "5.6") is true. */
export function kernelAtLeast(release: string, minimum: string): boolean {
  const parse = (r: string) => r.split(/[.-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
  const a = parse(release);
  const b = parse(minimum);
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** A deterministic locally-administered MAC for a device, so reports are reproducible (real ones are random). */
export function stableMac(seed: string): string {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  const h2 = Math.imul(h ^ 0x9e3779b9, 16777619) >>> 0;
  const bytes = [0x02 | ((h >>> 24) & 0xfc), (h >>> 16) & 255, (h >>> 8) & 255, h & 255, (h2 >>> 8) & 255, h2 & 255];
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
}

/**
 * The main-table route the kernel adds for an IPv6 address on a device, as `ip -6 -j route` lists it
 * ("fd00:10:244:: dev flannel-v6.1 proto kernel metric 256"). Unlike an IPv4 /32, which gets none,
 * every IPv6 address adds its prefix route, a /128 included (printed without "/128"). Undefined for
 * an IPv4 address.
 */
export function ipv6AddressRoute(address: string, dev: string): Route | undefined {
  if (!address.includes(":")) return undefined;
  const slash = address.indexOf("/");
  const ip = parseIp(slash < 0 ? address : address.slice(0, slash));
  if (!ip.ok) return undefined;
  const prefix = slash < 0 ? 128 : Number(address.slice(slash + 1));
  const dst = prefix === 128 ? formatIp(ip.value) : formatCidr(makeCidr(ip.value, prefix));
  return { dst, dev, protocol: "kernel", metric: 256 };
}

/** The kernel's IPv6 address routes of `devices` that `routes` does not hold yet (same dst and dev). */
export function ipv6AddressRoutes(devices: readonly Interface[], routes: readonly Route[]): Route[] {
  const out: Route[] = [];
  for (const d of devices) {
    for (const a of d.addresses) {
      const r = ipv6AddressRoute(a, d.name);
      if (r && !routes.some((x) => x.dev === r.dev && x.dst === r.dst) && !out.some((x) => x.dev === r.dev && x.dst === r.dst)) out.push(r);
    }
  }
  return out;
}
