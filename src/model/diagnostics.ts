/** PLACEHOLDER (being implemented): diagnostics that look across clusters and at backend capabilities. */
import type { ClusterResult } from "./analyze.ts";
import type { Document } from "./document.ts";
import type { Diagnostic } from "./report.ts";

export function crossClusterDiagnostics(_doc: Document, _results: ClusterResult[]): Diagnostic[] {
  return [];
}
