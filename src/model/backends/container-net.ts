/**
 * Small pieces the ovs, openvpn, ipvlan and macvlan backends share: which families a cluster asks
 * for, a container's pinned address per family, the two routes every simple container holds, a
 * container on a plain bridge, and short lists of names for messages.
 */
import { type Addr, type Cidr, type Family, formatCidr, formatIp, isIpv4Text } from "../addr/index.ts";
import type { Container, IpFamily } from "../document.ts";
import type { ContainerReport, Route } from "../report.ts";
import { UNDERLAY_DEV, kernelAtLeast } from "./common.ts";
import type { ClusterContext, HostContext } from "./types.ts";

export function familiesOf(ipFamily: IpFamily): { v4: boolean; v6: boolean } {
  return { v4: ipFamily !== "ipv6", v6: ipFamily !== "ipv4" };
}

/** The address the user pinned for this family: `ip` holds either family, `ip6` only IPv6. */
export function pinnedFor(c: Container, family: Family): string | undefined {
  if (family === 4) return c.ip !== undefined && isIpv4Text(c.ip) ? c.ip : undefined;
  return c.ip6 ?? (c.ip !== undefined && !isIpv4Text(c.ip) ? c.ip : undefined);
}

/** The kernel's connected route for an address on `dev`, as `ip -j route` / `ip -6 -j route` print it. */
export function connectedRoute(net: Cidr, dev: string, src: Addr): Route {
  return connectedRouteOn(net, dev)(formatIp(src));
}

/** The same, with the destination formatted once for the many containers of one subnet. */
export function connectedRouteOn(net: Cidr, dev: string): (src: string) => Route {
  const dst = formatCidr(net);
  if (net.family === 4) return (src) => ({ dst, dev, protocol: "kernel", scope: "link", prefsrc: src });
  return () => ({ dst, dev, protocol: "kernel", metric: 256 });
}

/** A default route through a gateway (IPv6 static routes get the kernel's metric 1024). */
export function defaultVia(gateway: Addr, dev: string): Route {
  return gateway.family === 4 ? { dst: "default", gateway: formatIp(gateway), dev } : { dst: "default", gateway: formatIp(gateway), dev, metric: 1024 };
}

/** Names for a message, quoted and cut short so a 1,000-host cluster does not produce a 1,000-name sentence. */
export function listNames(names: readonly string[], max = 5): string {
  return joinList(names.map((n) => `"${n}"`), max);
}

/** 'host "a" (Linux 3.10)' or 'hosts "a" (Linux 3.10) and "b" (Linux 4.1)'. */
export function hostsWithKernels(hosts: readonly { host: { name: string; kernel: string } }[]): string {
  return `${hosts.length === 1 ? "host" : "hosts"} ${joinList(hosts.map((h) => `"${h.host.name}" (Linux ${h.host.kernel})`))}`;
}

function joinList(items: readonly string[], max = 5): string {
  if (items.length > max) return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Hosts whose kernel is older than `minimum`, with the releases they run. */
export function hostsBelow<H extends { host: { kernel: string } }>(hosts: readonly H[], minimum: string): H[] {
  return hosts.filter((h) => !kernelAtLeast(h.host.kernel, minimum));
}

/** One family's side of a simple container bridge (OVS's br0, OpenVPN's ctr0): its subnet, gateway and the containers' addresses. */
export interface BridgeFamily {
  cidr: Cidr;
  gateway: Addr;
  /** The containers' default route via the gateway: one object, shared. */
  defaultRoute: Route;
  connected: (src: string) => Route;
  suffix: string;
  addresses: Map<string, Addr>;
}

/** A container on such a bridge, one address per family it got (none when its pool is exhausted). */
export function bridgedContainer(ctx: ClusterContext, h: HostContext, c: HostContext["containers"][number], families: readonly BridgeFamily[], mtu: number): ContainerReport {
  const ips: string[] = [];
  const addresses: string[] = [];
  const routes: Route[] = [];
  for (const f of families) {
    const a = f.addresses.get(c.id);
    if (!a) continue;
    const text = formatIp(a);
    ips.push(text);
    addresses.push(text + f.suffix);
    routes.push(f.defaultRoute, f.connected(text));
  }
  const report: ContainerReport = { id: c.id, name: c.name, host: h.host.id, cluster: ctx.cluster.id, ips, addresses, mtu, interface: UNDERLAY_DEV, routes };
  if (families[0]) report.gateway = formatIp(families[0].gateway);
  return report;
}
