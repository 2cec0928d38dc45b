/** PLACEHOLDER (being implemented): reachability and the hop-by-hop path of each flow. */
import type { Addr } from "./addr/index.ts";
import type { ClusterResult } from "./analyze.ts";
import type { Document } from "./document.ts";
import type { Diagnostic, FlowReport, Report } from "./report.ts";

export type ReportBeforeFlows = Pick<Report, "underlays" | "routers" | "clusters" | "hosts" | "containers" | "portMappings">;

export function analyzeFlows(_doc: Document, _results: ClusterResult[], _report: ReportBeforeFlows, _externalIps: Map<string, Addr>): { flows: FlowReport[]; diagnostics: Diagnostic[] } {
  return { flows: [], diagnostics: [] };
}
