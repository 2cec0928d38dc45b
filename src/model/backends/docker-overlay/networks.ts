/**
 * Which subnets and VNIs the swarm-scope networks get (BACKENDS.md §4, vectors 17–18): swarmkit splits
 * the default address pool into /maskLength networks and hands them out in order, `ingress` first (it
 * is created at `swarm init` with an empty IPAM config), then the user network unless it names its
 * own --subnet. VXLAN IDs come from 4096 upward (ovmanager.go vxlanIDStart) in the same order.
 */
import { type Cidr, cidr, formatCidr, overlaps, subnetAt, subnetCount } from "../../addr/index.ts";
import type { Diagnostic } from "../../report.ts";
import type { DockerOverlayConfig } from "./config.ts";

/** swarmkit's first automatically assigned VXLAN ID. */
export const SWARM_VNI_START = 4096;
/** The classic (KV-store) driver numbered its own VXLAN IDs from 256 (libnetwork overlay driver; UNVERIFIED). */
export const CLASSIC_VNI_START = 256;
/** `docker swarm init` accepts a mask length of at most 29, so a network keeps 8 addresses (moby PR #37949). */
export const MAX_MASK_LENGTH = 29;

export interface OverlayNetwork {
  name: string;
  subnet: Cidr;
  vni: number;
}

export interface OverlayPlan {
  /** Swarm mode's routing-mesh network; absent in classic mode. */
  ingress?: OverlayNetwork;
  /** The cluster's own overlay network; absent when the configuration leaves no valid subnet. */
  network?: OverlayNetwork;
  diagnostics: Diagnostic[];
}

export function planOverlayNetworks(config: DockerOverlayConfig, clusterId: string, clusterName: string): OverlayPlan {
  const diagnostics: Diagnostic[] = [];
  const swarm = config.mode === "swarm";
  const invalid = (message: string) => diagnostics.push({ code: "POOL_INVALID", severity: "error", subjects: [clusterId], message: `Cluster "${clusterName}": ${message}` });

  const pool = cidr(config.defaultAddrPool);
  const mask = config.maskLength;
  let poolUsable = true;
  if (pool.family !== 4) {
    invalid(`the default address pool ${config.defaultAddrPool} is IPv6; Topolab models swarm pools as IPv4 (Docker's IPv6 support for overlay networks is UNVERIFIED). Use an IPv4 pool such as 10.0.0.0/8.`);
    poolUsable = false;
  } else if (mask > MAX_MASK_LENGTH) {
    invalid(`docker swarm init rejects --default-addr-pool-mask-length ${mask} ("subnet size is out of range: ${mask}"; wording UNVERIFIED): the mask length may be at most ${MAX_MASK_LENGTH}, so every network keeps at least 8 addresses. Use ${MAX_MASK_LENGTH} or less (the default is 24).`);
    poolUsable = false;
  } else if (mask < pool.prefix) {
    invalid(`the mask length /${mask} is shorter than the pool ${formatCidr(pool)} itself, so swarm cannot cut networks from it. Use a mask length of ${pool.prefix} or more (the default is 24).`);
    poolUsable = false;
  }

  const vniStart = swarm ? SWARM_VNI_START : CLASSIC_VNI_START;
  let next = 0;
  let vni = vniStart;
  const take = (name: string): OverlayNetwork | undefined => {
    if (!poolUsable) return undefined;
    if (next >= subnetCount(pool, mask)) {
      diagnostics.push({
        code: "POOL_EXHAUSTED", severity: "error", subjects: [clusterId],
        message: `Cluster "${clusterName}": the default address pool ${formatCidr(pool)} holds only ${subnetCount(pool, mask)} network${subnetCount(pool, mask) === 1 ? "" : "s"} of /${mask}, not enough for the ${name} network. Use a larger pool or a longer mask length.`,
      });
      return undefined;
    }
    return { name, subnet: subnetAt(pool, mask, next++), vni: vni++ };
  };

  const ingress = swarm ? take("ingress") : undefined;
  let network: OverlayNetwork | undefined;
  if (config.subnet !== undefined) {
    const subnet = cidr(config.subnet);
    if (subnet.family !== 4) {
      invalid(`the network's subnet ${config.subnet} is IPv6; Topolab models overlay networks as IPv4 only (Docker's IPv6 overlay support is UNVERIFIED). Use an IPv4 subnet.`);
    } else if (ingress && overlaps(subnet, ingress.subnet)) {
      invalid(`the network's subnet ${config.subnet} overlaps the ingress network ${formatCidr(ingress.subnet)}, which swarm created first; Docker refuses it ("Pool overlaps with other one on this address space"). Pick a subnet outside ${formatCidr(ingress.subnet)}.`);
    } else {
      network = { name: "overlay", subnet, vni: vni++ };
    }
  } else {
    network = take("overlay");
  }
  return { ...(ingress ? { ingress } : {}), ...(network ? { network } : {}), diagnostics };
}
