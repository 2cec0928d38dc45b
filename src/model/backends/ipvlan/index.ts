/**
 * Docker's ipvlan driver (BACKENDS.md §7). l2 (Docker's default): containers on the parent's
 * subnet, shared with lan-attached.ts. l3 (l3.ts): a routed subnet per host that the underlay's
 * router must know. No encapsulation, no firewall openings, MTU = the parent's.
 */
import { formatCidr } from "../../addr/index.ts";
import type { ClusterReport, Diagnostic } from "../../report.ts";
import { capitalise } from "../../ipam.ts";
import { hostsBelow, hostsWithKernels } from "../container-net.ts";
import { analyzeLanAttached, cloudUnderlays } from "../lan-attached.ts";
import type { Backend, ClusterAnalysis, ClusterContext } from "../types.ts";
import type { IpvlanConfig } from "./config.ts";
import { KERNEL_DOCKER_IPVLAN, KERNEL_IPVLAN, ipvlanInfo } from "./info.ts";
import { analyzeL3 } from "./l3.ts";

export const ipvlan: Backend<IpvlanConfig> = { ...ipvlanInfo, analyze: analyzeIpvlan };

function analyzeIpvlan(ctx: ClusterContext<IpvlanConfig>): ClusterAnalysis {
  const l2 = ctx.config.mode === "l2";
  const part = l2
    ? { ...analyzeLanAttached(ctx, { kind: "ipvlan", mode: "l2", parent: ctx.config.parent, ownMac: false, label: "ipvlan l2", familyFix: "Put the hosts on an underlay of the missing family, or use ipvlan l3 (its subnets need not be on the LAN)." }), routerRoutes: [] }
    : { ...analyzeL3(ctx), mtu: ctx.hosts.length > 0 ? Math.min(...ctx.hosts.map((h) => h.underlay.mtu)) : 1500 };
  const cluster: ClusterReport = {
    id: ctx.cluster.id, backend: "ipvlan", mode: ctx.config.mode, pools: part.pools,
    encapsulation: "none", overhead: 0, mtu: part.mtu, encryption: false, policy: false, firewall: [],
    notes: l2 ? l2Notes(ctx) : l3Notes(),
  };
  return {
    cluster, hosts: part.hosts, containers: part.containers, routerRoutes: part.routerRoutes,
    diagnostics: [...kernelDiagnostics(ctx), ...cloudDiagnostics(ctx, l2), ...part.diagnostics],
  };
}

const FILTER_NOTE =
  "Containers cannot reach their own host's addresses, nor the host them: the kernel filters traffic between an ipvlan parent and its slaves. If the host must reach its containers, give it an ipvlan device of its own on eth0 with an address and routes to them.";

function l2Notes(ctx: ClusterContext<IpvlanConfig>): string[] {
  return [
    FILTER_NOTE,
    "Docker's IPAM is per host: create the network on every host with the underlay's --subnet and --gateway and an --ip-range covering that host's range (listed under the host's subnets). --ip-range takes a CIDR, so round each range up to an aligned block that no other host uses.",
    `The slaves share the parent's MAC, so ${ctx.config.parent} needs no promiscuous mode (unlike macvlan).`,
    "Docker's ipvlan defaults to l2; `ip link add … type ipvlan` defaults to l3.",
  ];
}

function l3Notes(): string[] {
  return [
    "The driver distributes no routes: the underlay's router must route each host's container subnet to that host (the router routes), for the LAN and other networks to reach the containers.",
    "Topolab also gives each host a route to every other host's container subnet: straight to the peer on the same LAN (ip route add <subnet> via <peer>), through the LAN's gateway otherwise. Docker adds none of them: add them yourself, or let the router carry that traffic too.",
    "Containers hold `default dev eth0`: their host's routing table carries their traffic; l3 mode passes no broadcast or multicast.",
    "Current moby reserves no gateway address in ipvlan networks (GetSkipGwAlloc), so containers start at the subnet's first usable address; older releases kept .1 for an unused gateway.",
    FILTER_NOTE,
  ];
}

function kernelDiagnostics(ctx: ClusterContext<IpvlanConfig>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const none = hostsBelow(ctx.hosts, KERNEL_IPVLAN);
  if (none.length > 0) {
    out.push({
      code: "KERNEL_TOO_OLD", severity: "error", subjects: none.map((h) => h.host.id),
      message: `${capitalise(hostsWithKernels(none))} ${none.length === 1 ? "has" : "have"} no IPVLAN driver: it first shipped in Linux ${KERNEL_IPVLAN}. Upgrade the kernel (${KERNEL_DOCKER_IPVLAN} or later for Docker), or use macvlan or an overlay backend.`,
    });
  }
  const docker = ctx.cluster.orchestrator === "docker" || ctx.cluster.orchestrator === "swarm";
  const buggy = docker ? hostsBelow(ctx.hosts, KERNEL_DOCKER_IPVLAN).filter((h) => !none.includes(h)) : [];
  if (buggy.length > 0) {
    out.push({
      code: "KERNEL_TOO_OLD", severity: "error", subjects: buggy.map((h) => h.host.id),
      message: `Docker's ipvlan driver refuses kernels older than ${KERNEL_DOCKER_IPVLAN} ("earlier kernels exist but are buggy"), and ${hostsWithKernels(buggy)} ${buggy.length === 1 ? "runs" : "run"} one. Upgrade to ${KERNEL_DOCKER_IPVLAN} or later, or use macvlan.`,
    });
  }
  return out;
}

/** A cloud network delivers only the addresses it assigned to a VM, and routes only what its route table holds. */
function cloudDiagnostics(ctx: ClusterContext<IpvlanConfig>, l2: boolean): Diagnostic[] {
  return cloudUnderlays(ctx).map((u) => ({
    code: "IPVLAN_ON_CLOUD", severity: "warning" as const, subjects: [ctx.cluster.id, u.underlay.id],
    message: l2
      ? `Underlay "${u.underlay.name}" (${formatCidr(u.cidr)}) is a cloud network: it delivers only the addresses it assigned to a VM's interface. Register every container address as a secondary private IP of its host's NIC, or use an overlay backend.`
      : `Underlay "${u.underlay.name}" (${formatCidr(u.cidr)}) is a cloud network: add each host's container subnet to the VPC route table with the host's instance as target, and turn off the source/destination check on the hosts.`,
  }));
}
