/**
 * Docker's local-scope default address pools (BACKENDS.md §4; moby daemon/libnetwork/ipamutils/utils.go)
 * and dockerd's first-fit choice among them. Shared by the bridge backend (docker0), docker-overlay
 * (docker0, then docker_gwbridge) and Weave in Docker mode (the docker0 its containers keep for their
 * default route).
 */
import { type Cidr, cidr, formatCidr, formatIp, addressAt, overlaps, subnetAt, subnetCount } from "../addr/index.ts";
import type { Interface, Route } from "../report.ts";

/** dockerd's bridge MTU: 1500 whatever the NIC, unless the daemon's "mtu" option says otherwise. */
export const DOCKER_BRIDGE_MTU = 1500;

/** The bases and the size each is split into, in dockerd's order. */
export const LOCAL_POOL_BASES: readonly { base: string; size: number }[] = [
  { base: "172.17.0.0/16", size: 16 },
  { base: "172.18.0.0/16", size: 16 },
  { base: "172.19.0.0/16", size: 16 },
  { base: "172.20.0.0/14", size: 16 },
  { base: "172.24.0.0/14", size: 16 },
  { base: "172.28.0.0/14", size: 16 },
  { base: "192.168.0.0/16", size: 20 },
];

/** The 31 networks the bases give (15 × /16, then 16 × /20), built once. */
export const LOCAL_DEFAULT_NETWORKS: readonly Cidr[] = LOCAL_POOL_BASES.flatMap(({ base, size }) => {
  const b = cidr(base);
  return Array.from({ length: subnetCount(b, size) }, (_, i) => subnetAt(b, size, i));
});

/**
 * The first `count` default networks that overlap none of `avoid` (the host's on-link routes) nor each
 * other, as dockerd picks them one network after another. Fewer than `count` when the pools run out.
 */
export function firstFreeLocalNetworks(avoid: readonly Cidr[], count: number): Cidr[] {
  const chosen: Cidr[] = [];
  for (const net of LOCAL_DEFAULT_NETWORKS) {
    if (chosen.length >= count) break;
    if (avoid.some((a) => overlaps(a, net))) continue;
    chosen.push(net);
  }
  return chosen;
}

/** A Docker bridge network as dockerd sets it up: the subnet, and the gateway on the bridge (the first usable address). */
export interface DockerBridgeNet {
  subnet: Cidr;
  gateway: string;
}

export function bridgeNet(subnet: Cidr): DockerBridgeNet {
  return { subnet, gateway: formatIp(addressAt(subnet, 1)) };
}

/**
 * docker0 (and, with `extra`, the next local networks after it) for a host whose on-link network is
 * `underlay`. Hosts on one underlay get the same answer, so callers cache by underlay id.
 */
export function dockerLocalNetworks(underlay: Cidr, count: number): DockerBridgeNet[] {
  return firstFreeLocalNetworks([underlay], count).map(bridgeNet);
}

/** A Docker bridge on the host (docker0, docker_gwbridge) with its gateway address, as `ip addr` shows it. */
export function dockerBridgeInterface(name: string, net: DockerBridgeNet): Interface {
  return { name, kind: "bridge", addresses: [`${net.gateway}/${net.subnet.prefix}`], mtu: DOCKER_BRIDGE_MTU };
}

/** The kernel's connected route of a Docker bridge; "linkdown" while no container is plugged in. */
export function dockerBridgeRoute(name: string, net: DockerBridgeNet, linkdown: boolean): Route {
  const route: Route = { dst: formatCidr(net.subnet), dev: name, protocol: "kernel", scope: "link", prefsrc: net.gateway };
  if (linkdown) route.flags = ["linkdown"];
  return route;
}

/** Words for a diagnostic when every default network overlaps the host's own. */
export function localPoolsExhaustedMessage(hostName: string, underlay: string, device: string): string {
  return `Every one of Docker's 31 default local networks (172.17.0.0/16 … 172.31.0.0/16, 192.168.0.0/20 … 192.168.240.0/20) overlaps host "${hostName}"'s network ${underlay}, so dockerd has no free subnet for ${device}. Set "default-address-pools" (or --bip) in /etc/docker/daemon.json to a range the host does not use.`;
}
