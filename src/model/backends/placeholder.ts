/** TEMPORARY: lets analyze() run while backends are being written. Deleted when all nine exist. */
import { formatIp } from "../addr/index.ts";
import type { ClusterAnalysis, ClusterContext } from "./types.ts";

export function placeholderAnalysis(ctx: ClusterContext): ClusterAnalysis {
  return {
    cluster: { id: ctx.cluster.id, backend: ctx.config.type, mode: ctx.config.mode, pools: [], encapsulation: "none", overhead: 0, mtu: 1500, encryption: false, policy: false, firewall: [], notes: [] },
    hosts: ctx.hosts.map((h) => ({ id: h.host.id, name: h.host.name, cluster: ctx.cluster.id, underlay: h.underlay.underlay.id, ip: formatIp(h.ip), subnets: [], interfaces: [], routes: [], neighbors: [], fdb: [] })),
    containers: [],
    routerRoutes: [],
    diagnostics: [],
  };
}
