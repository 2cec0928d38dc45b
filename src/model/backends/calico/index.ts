/**
 * Calico (BACKENDS.md §2): L3 routing of per-node IPAM blocks, unencapsulated (BGP), in IP-in-IP
 * or in VXLAN, optionally under WireGuard. Files: pool.ts (which pools), allocate.ts (blocks and
 * addresses), routes.ts (routes towards other hosts), devices.ts (devices, ports, MTU), notes.ts
 * (firewall openings and explanations), hosts.ts (each host's table and its containers). Imports only the model.
 */
import { formatCidr } from "../../addr/index.ts";
import type { Diagnostic } from "../../report.ts";
import type { Backend, ClusterAnalysis, ClusterContext } from "../types.ts";
import { type FamilyAllocation, allocateFamily } from "./allocate.ts";
import type { CalicoConfig } from "./config.ts";
import { enabledOverheads, podMtu } from "./devices.ts";
import { hostsAndContainers } from "./hosts.ts";
import { calicoInfo } from "./info.ts";
import { clusterNotes, firewallOpenings, hostDiagnostics } from "./notes.ts";
import { choosePools, isIpipMode, isVxlanMode } from "./pool.ts";
import { fabricRoutes, remoteRouting } from "./routes.ts";

function analyzeCalico(ctx: ClusterContext<CalicoConfig>): ClusterAnalysis {
  const { config, cluster } = ctx;
  const pools = choosePools(ctx);
  const diagnostics: Diagnostic[] = [...pools.diagnostics];
  const tunnel4 = isIpipMode(config.mode) || isVxlanMode(config.mode);
  const v4 = pools.v4 && allocateFamily(ctx, pools.v4, { tunnel: tunnel4, wireguard: config.wireguard });
  const v6 = pools.v6 && allocateFamily(ctx, pools.v6, { tunnel: isVxlanMode(config.mode), wireguard: config.wireguard });
  diagnostics.push(...(v4?.diagnostics ?? []), ...(v6?.diagnostics ?? []));
  const use = { v4: v4 !== undefined, v6: v6 !== undefined };
  const overheads = enabledOverheads(config, use);
  const remote4 = v4 && remoteRouting(ctx, v4);
  const remote6 = v6 && remoteRouting(ctx, v6);

  const { hosts, containers } = hostsAndContainers(ctx, { v4, v6, remote4, remote6, overheads, use });

  const routerRoutes: ClusterAnalysis["routerRoutes"] = [];
  const underlayIds = [...new Set(ctx.hosts.map((h) => h.underlay.underlay.id))];
  const needsFabric = config.mode === "none" && underlayIds.length > 1;
  if (needsFabric) for (const fam of [v4, v6]) if (fam) routerRoutes.push(...fabricRoutes(ctx, fam));
  diagnostics.push(...hostDiagnostics(ctx, { v4, v6 }, needsFabric ? underlayIds : []));

  const overhead = Math.max(0, ...overheads);
  const allocations = [v4, v6].filter((f): f is FamilyAllocation => f !== undefined);
  const vteps = [remote4, remote6].flatMap((r) => (r && r.vteps ? [r.vteps] : []));
  return {
    cluster: {
      id: cluster.id, backend: "calico", mode: config.mode,
      pools: allocations.map((f) => formatCidr(f.choice.pool)),
      encapsulation: config.wireguard ? "wireguard" : isIpipMode(config.mode) ? "ipip" : isVxlanMode(config.mode) ? "vxlan" : "none",
      overhead,
      mtu: hosts.length > 0 ? Math.min(...ctx.hosts.map((h) => podMtu(h.underlay.mtu, overheads))) : 1500 - overhead,
      encryption: config.wireguard, policy: true,
      firewall: firewallOpenings(ctx, use, needsFabric),
      notes: [...pools.notes, ...clusterNotes(ctx, needsFabric)],
      ...(vteps.length > 0 ? { vteps } : {}),
    },
    hosts, containers, routerRoutes, diagnostics,
  };
}

export const calico: Backend<CalicoConfig> = { ...calicoInfo, analyze: analyzeCalico };
