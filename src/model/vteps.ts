/**
 * One host's neighbour and FDB entries, read from its cluster's VTEP tables (report.ts `VtepTable`):
 * what the Routes tab, the CLI, the Markdown report and the lab show or build for a host.
 */
import type { ClusterReport, FdbEntry, HostReport, Neighbor, Vtep } from "./report.ts";

function hostVteps(clusters: readonly ClusterReport[], host: HostReport): Vtep[] {
  const tables = clusters.find((c) => c.id === host.cluster)?.vteps ?? [];
  const out: Vtep[] = [];
  for (const table of tables) {
    // Only a VTEP programs the others: a host without one of its own (no subnet, no underlay address of the family) has none.
    if (!table.vteps.some((v) => v.host === host.id)) continue;
    for (const v of table.vteps) {
      if (v.host === host.id || (table.skip === "same-underlay" && v.underlay === host.underlay)) continue;
      out.push(v);
    }
  }
  return out;
}

/** `ip neigh` on the host: the other VTEPs' tunnel addresses and MACs, in host order. */
export function hostNeighbors(report: { clusters: readonly ClusterReport[] }, host: HostReport): Neighbor[] {
  return hostVteps(report.clusters, host).map((v) => v.neighbor);
}

/** `bridge fdb` on the host: where each other VTEP's MAC lives on the underlay. */
export function hostFdb(report: { clusters: readonly ClusterReport[] }, host: HostReport): FdbEntry[] {
  return hostVteps(report.clusters, host).map((v) => v.fdb);
}
