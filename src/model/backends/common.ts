/** Pieces every backend's host report starts from: the host's own NIC and its underlay routes. */
import { formatCidr, formatIp, withPrefix } from "../addr/index.ts";
import type { HostReport, Interface, Route } from "../report.ts";
import type { ClusterContext, HostContext } from "./types.ts";

/** Every host's NIC on its underlay is called eth0 in Topolab's reports. */
export const UNDERLAY_DEV = "eth0";

export function underlayInterface(h: HostContext): Interface {
  return { name: UNDERLAY_DEV, kind: "ethernet", addresses: [withPrefix(h.ip, h.underlay.cidr.prefix)], mtu: h.underlay.mtu };
}

/** The default route via the underlay's gateway, and the kernel's connected route, as `ip -j route` lists them. */
export function underlayRoutes(h: HostContext): Route[] {
  return [
    { dst: "default", gateway: formatIp(h.underlay.gateway), dev: UNDERLAY_DEV },
    { dst: formatCidr(h.underlay.cidr), dev: UNDERLAY_DEV, protocol: "kernel", scope: "link", prefsrc: h.ipText },
  ];
}

/** A host report with the underlay parts filled in; the backend adds its subnets, devices and routes. */
export function baseHostReport(ctx: ClusterContext, h: HostContext): HostReport {
  return {
    id: h.host.id, name: h.host.name, cluster: ctx.cluster.id, underlay: h.underlay.underlay.id, ip: h.ipText,
    subnets: [], interfaces: [underlayInterface(h)], routes: underlayRoutes(h), neighbors: [], fdb: [],
  };
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
