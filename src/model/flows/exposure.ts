/**
 * Whether a flow can reach its target container by the container's own address, or only through a
 * port published on the target's host. Read from what the backends say (capabilities, router routes),
 * never from the backend's type; ports.ts and flows.ts share it so the two always agree.
 */
import { type Addr, formatIp } from "../addr/index.ts";
import type { External } from "../document.ts";
import type { Route } from "../report.ts";
import type { ContainerView, HostView, NetworkIndex, RouterView } from "./network-index.ts";
import { lookupRoute } from "./route-lookup.ts";

export type FlowSource = { kind: "container"; view: ContainerView; host: HostView } | { kind: "external"; external: External };

export interface Exposure {
  /** The target is reached through a port published on its host, not by its own address. */
  viaPublishedPort: boolean;
  /** Why, in words, for reasons and diagnostics. */
  why: string;
}

/** The router on the target's underlay that routes the target's address (ipvlan l3, Calico without encapsulation…). */
export function routerRouteTo(host: HostView, addr: Addr): { router: RouterView; route: Route } | undefined {
  for (const router of host.underlay.routers) {
    const route = lookupRoute(router.report.routes, addr);
    if (route && route.type === undefined) return { router, route };
  }
  return undefined;
}

export function sourceName(source: FlowSource): string {
  return source.kind === "container" ? source.view.name : source.external.name;
}

export function exposureOf(source: FlowSource, target: ContainerView, targetHost: HostView, targetAddr: Addr): Exposure {
  const cluster = targetHost.cluster;
  const addrText = formatIp(targetAddr);
  const outside = source.kind === "external" || source.host.cluster !== cluster;
  if (outside) {
    if (cluster.result.capabilities.containersOnUnderlay) {
      return { viaPublishedPort: false, why: `${target.name}'s address ${addrText} is on the underlay, reachable without NAT` };
    }
    const routed = routerRouteTo(targetHost, targetAddr);
    if (routed) {
      return { viaPublishedPort: false, why: `router ${routed.router.name} routes ${routed.route.dst} to ${target.name}'s host` };
    }
    const from = source.kind === "external"
      ? `${source.external.name} is outside cluster "${cluster.name}"`
      : `${source.view.name} is in cluster "${source.host.cluster.name}", not "${cluster.name}"`;
    return { viaPublishedPort: true, why: `${from}, and ${target.name}'s address ${addrText} is only routed inside its cluster` };
  }
  if (source.host === targetHost || cluster.result.capabilities.crossHost) {
    return { viaPublishedPort: false, why: `${target.name} is reached by its own address ${addrText}` };
  }
  return {
    viaPublishedPort: true,
    why: `${source.view.name} (on ${source.host.name}) and ${target.name} (on ${targetHost.name}) are on different hosts, and the ${cluster.report.backend} backend does not connect containers across hosts`,
  };
}

/**
 * The address a flow aims at: the target's first IPv4, or its first IPv6 when the flow can only be
 * IPv6 (the source has no IPv4, or the target none); else the target's first address.
 */
export function targetAddress(target: ContainerView, source: FlowSource, index: NetworkIndex): Addr | undefined {
  let family: 4 | 6 = 4;
  if (source.kind === "container") {
    const has4 = source.view.addrs.some((a) => a.family === 4) && target.addrs.some((a) => a.family === 4);
    if (!has4) family = 6;
  } else {
    const ip = index.externalIps.get(source.external.id);
    if (ip) family = ip.family;
    else if (!target.addrs.some((a) => a.family === 4)) family = 6;
  }
  return target.addrs.find((a) => a.family === family) ?? target.addrs[0];
}
