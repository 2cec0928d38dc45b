/**
 * Each host's report (its blocks, devices and routing table) and its containers' reports. Pod
 * addresses are /32 (/128) behind a cali* veth; inside the pod, everything goes via a fixed
 * link-local next hop the host answers by proxy ARP / NDP (BACKENDS.md §2.3).
 */
import type { ContainerReport, HostReport, Interface, Route } from "../../report.ts";
import { baseHostReport, ipv6AddressRoute, ipv6AddressRoutes } from "../common.ts";
import type { ClusterContext } from "../types.ts";
import type { FamilyAllocation } from "./allocate.ts";
import type { CalicoConfig } from "./config.ts";
import { FELIX_ROUTE_PROTOCOL, type FamiliesInUse, POD_GATEWAY4, POD_GATEWAY6, VETH_MAC, caliVethName, podMtu, tunnelInterfaces } from "./devices.ts";
import { isVxlanMode } from "./pool.ts";
import type { RemoteRouting } from "./routes.ts";

export interface ClusterParts {
  v4: FamilyAllocation | undefined;
  v6: FamilyAllocation | undefined;
  remote4: RemoteRouting | undefined;
  remote6: RemoteRouting | undefined;
  overheads: number[];
  use: FamiliesInUse;
}

/** Inside every pod: the same few routes, built once per analysis and shared by its container reports. */
function podRouteSets(): { v4: Route[]; v6: Route[]; dual: Route[]; none: Route[] } {
  const v4: Route[] = [
    { dst: POD_GATEWAY4, dev: "eth0", scope: "link" },
    { dst: "default", gateway: POD_GATEWAY4, dev: "eth0" },
  ];
  const v6: Route[] = [{ dst: "default", gateway: POD_GATEWAY6, dev: "eth0" }];
  return { v4, v6, dual: [...v4, ...v6], none: [] };
}

/** A pod with an IPv6 address also holds the kernel's route for its eth0 /128, its own. */
function podRoutes6(shared: Route[], t6: string): Route[] {
  return shared.concat(ipv6AddressRoute(`${t6}/128`, "eth0") as Route);
}

export function hostsAndContainers(ctx: ClusterContext<CalicoConfig>, parts: ClusterParts): { hosts: HostReport[]; containers: ContainerReport[] } {
  const { config } = ctx;
  const { v4, v6, remote4, remote6, overheads, use } = parts;
  // BIRD owns blackholes in BGP and IPIP modes; with VXLAN there is no BIRD and Felix does it.
  const blackholeProtocol = isVxlanMode(config.mode) ? FELIX_ROUTE_PROTOCOL : "bird";
  const podRoutesOf = podRouteSets();
  const hosts: HostReport[] = [];
  const containers: ContainerReport[] = [];
  const noAddresses: string[] = []; // host-side veths carry no address; one shared (read-only) list
  ctx.hosts.forEach((h, i) => {
    const report = baseHostReport(ctx, h);
    const b4 = v4?.hosts[i];
    const b6 = v6?.hosts[i];
    const addr4 = v4?.addresses[i];
    const addr6 = v6?.addresses[i];
    const mtu = podMtu(h.underlay.mtu, overheads);
    const list = h.containers;
    // The table and the device list are allocated at their final length and filled in place: thousands of pushes per host are slow.
    let pods = 0;
    let veths = 0;
    for (let j = 0; j < list.length; j++) {
      const n = (addr4?.[j] !== undefined ? 1 : 0) + (addr6?.[j] !== undefined ? 1 : 0);
      pods += n;
      if (n > 0) veths++;
    }
    const blocks4 = b4?.blockTexts ?? [];
    const blocks6 = b6?.blockTexts ?? [];
    const tunnels = tunnelInterfaces(h, config, b4, b6, use);
    // The kernel's own routes for the IPv6 /128s on vxlan-v6.calico and wg-v6.cali (an IPv4 /32 gets none).
    const own6 = ipv6AddressRoutes(tunnels, report.routes);
    const routes = new Array<Route>(report.routes.length + own6.length + blocks4.length + (remote4?.count(i) ?? 0) + blocks6.length + (remote6?.count(i) ?? 0) + pods);
    let at = 0;
    for (const r of report.routes) routes[at++] = r;
    for (const r of own6) routes[at++] = r;
    for (const dst of blocks4) routes[at++] = { dst, type: "blackhole", protocol: blackholeProtocol };
    if (remote4) at = remote4.copyInto(i, routes, at);
    for (const dst of blocks6) routes[at++] = { dst, type: "blackhole", protocol: blackholeProtocol };
    if (remote6) at = remote6.copyInto(i, routes, at);
    const interfaces = new Array<Interface>(report.interfaces.length + tunnels.length + veths);
    let dev = 0;
    for (const d of report.interfaces) interfaces[dev++] = d;
    for (const d of tunnels) interfaces[dev++] = d;
    const host = h.host.id;
    const cluster = ctx.cluster.id;
    for (let j = 0; j < list.length; j++) {
      const c = list[j] as (typeof list)[number];
      const t4 = addr4?.[j];
      const t6 = addr6?.[j];
      if (t4 === undefined && t6 === undefined) {
        containers.push({ id: c.id, name: c.name, host, cluster, ips: [], addresses: [], gateway: undefined, mtu, interface: "eth0", routes: podRoutesOf.none });
        continue;
      }
      const veth = caliVethName(c.id);
      if (t4 !== undefined) routes[at++] = { dst: t4, dev: veth, scope: "link" };
      if (t6 !== undefined) routes[at++] = { dst: t6, dev: veth };
      interfaces[dev++] = { name: veth, kind: "veth", addresses: noAddresses, mtu, mac: VETH_MAC };
      containers.push(t6 === undefined
        ? { id: c.id, name: c.name, host, cluster, ips: [t4 as string], addresses: [`${t4}/32`], gateway: POD_GATEWAY4, mtu, interface: "eth0", routes: podRoutesOf.v4 }
        : {
          id: c.id, name: c.name, host, cluster,
          ips: t4 === undefined ? [t6] : [t4, t6],
          addresses: t4 === undefined ? [`${t6}/128`] : [`${t4}/32`, `${t6}/128`],
          gateway: t4 !== undefined ? POD_GATEWAY4 : POD_GATEWAY6, mtu, interface: "eth0",
          routes: podRoutes6(t4 !== undefined ? podRoutesOf.dual : podRoutesOf.v6, t6),
        });
    }
    report.routes = routes;
    report.subnets = blocks4.concat(blocks6);
    report.interfaces = interfaces;
    hosts.push(report);
  });

  return { hosts, containers };
}
