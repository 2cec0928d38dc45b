/** PLACEHOLDER (being implemented): which container ports must be published, host ports for "auto", conflicts. */
import type { ClusterResult } from "./analyze.ts";
import type { Document } from "./document.ts";
import type { Diagnostic, PortMappingReport, Report } from "./report.ts";

export type ReportSoFar = Pick<Report, "underlays" | "routers" | "clusters" | "hosts" | "containers">;

export function planPorts(_doc: Document, _results: ClusterResult[], _report: ReportSoFar): { mappings: PortMappingReport[]; diagnostics: Diagnostic[] } {
  return { mappings: [], diagnostics: [] };
}
