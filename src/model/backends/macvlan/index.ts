/**
 * Docker's macvlan driver (BACKENDS.md §7, vector 23): containers on the parent's subnet like
 * ipvlan l2 (lan-attached.ts), but each with its own MAC, so the parent goes promiscuous and most
 * clouds drop the traffic. No encapsulation, no firewall openings, MTU = the parent's.
 */
import { formatCidr } from "../../addr/index.ts";
import { capitalise } from "../../ipam.ts";
import type { Diagnostic } from "../../report.ts";
import { hostsBelow, hostsWithKernels } from "../container-net.ts";
import { analyzeLanAttached, cloudUnderlays } from "../lan-attached.ts";
import type { Backend, ClusterAnalysis, ClusterContext } from "../types.ts";
import type { MacvlanConfig } from "./config.ts";
import { KERNEL_DOCKER_MACVLAN, macvlanInfo } from "./info.ts";

export const macvlan: Backend<MacvlanConfig> = { ...macvlanInfo, analyze: analyzeMacvlan };

function analyzeMacvlan(ctx: ClusterContext<MacvlanConfig>): ClusterAnalysis {
  const part = analyzeLanAttached(ctx, {
    kind: "macvlan", mode: ctx.config.mode, parent: ctx.config.parent, ownMac: true, label: "macvlan",
    familyFix: "Put the hosts on an underlay of the missing family, or use a backend with its own container pools (an overlay or ipvlan l3).",
  });
  return {
    cluster: {
      id: ctx.cluster.id, backend: "macvlan", mode: ctx.config.mode, pools: part.pools,
      encapsulation: "none", overhead: 0, mtu: part.mtu, encryption: false, policy: false, firewall: [],
      notes: [
        "Containers cannot reach their own host's addresses, nor the host them: the kernel filters traffic between a macvlan parent and its devices. The usual workaround is a macvlan device of the host's own in bridge mode on the parent, with an address and a route to the containers.",
        `Every container has its own MAC, so ${ctx.config.parent} must accept frames for MACs that are not its own (promiscuous mode), and a switch port with a MAC limit (port security) drops the extra ones.`,
        "Docker's IPAM is per host: create the network on every host with the underlay's --subnet and --gateway and an --ip-range covering that host's range (listed under the host's subnets). --ip-range takes a CIDR, so round each range up to an aligned block that no other host uses. One macvlan network per parent interface.",
      ],
    },
    hosts: part.hosts,
    containers: part.containers,
    routerRoutes: [],
    diagnostics: [...cloudDiagnostics(ctx), ...kernelDiagnostics(ctx), ...part.diagnostics],
  };
}

function cloudDiagnostics(ctx: ClusterContext<MacvlanConfig>): Diagnostic[] {
  return cloudUnderlays(ctx).map((u) => ({
    code: "MACVLAN_ON_CLOUD", severity: "error" as const, subjects: [ctx.cluster.id, u.underlay.id],
    message: `Underlay "${u.underlay.name}" (${formatCidr(u.cidr)}) is a cloud network, and most cloud providers block macvlan: they deliver frames only to the MAC they gave each VM, so containers with their own MACs are unreachable. Use ipvlan l2 (one MAC; register the container addresses as secondary IPs of the host's NIC) or an overlay backend.`,
  }));
}

function kernelDiagnostics(ctx: ClusterContext<MacvlanConfig>): Diagnostic[] {
  if (ctx.cluster.orchestrator !== "docker" && ctx.cluster.orchestrator !== "swarm") return [];
  const old = hostsBelow(ctx.hosts, KERNEL_DOCKER_MACVLAN);
  if (old.length === 0) return [];
  return [{
    code: "KERNEL_TOO_OLD", severity: "error", subjects: old.map((h) => h.host.id),
    message: `${capitalise(hostsWithKernels(old))} ${old.length === 1 ? "runs" : "run"} a kernel older than ${KERNEL_DOCKER_MACVLAN}, which Docker's macvlan driver needs (4.0 or later is recommended). Upgrade the kernel.`,
  }];
}
