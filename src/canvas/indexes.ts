/**
 * Lookups by id over the document and the report, built once per document/report object and
 * shared by every node (a WeakMap keyed by the immutable object). A node's selector is then one
 * Map.get, so a canvas of N nodes costs O(N) per change, not O(N²).
 */
import type { Document } from "../model/document.ts";
import type { ClusterReport, ContainerReport, HostReport, Report, RouterReport, Severity, UnderlayReport } from "../model/report.ts";

function memoByObject<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = build(key);
      cache.set(key, value);
    }
    return value;
  };
}

export type ObjectKind = "underlay" | "router" | "cluster" | "host" | "container" | "external" | "flow";

export interface DocumentIndex {
  kind: Map<string, ObjectKind>;
  underlays: Map<string, Document["underlays"][number]>;
  routers: Map<string, Document["routers"][number]>;
  clusters: Map<string, Document["clusters"][number]>;
  hosts: Map<string, Document["hosts"][number]>;
  containers: Map<string, Document["containers"][number]>;
  externals: Map<string, Document["externals"][number]>;
  flows: Map<string, Document["flows"][number]>;
  /** Display name of any object. */
  name: Map<string, string>;
}

export const documentIndex = memoByObject((doc: Document): DocumentIndex => {
  const kind = new Map<string, ObjectKind>();
  const name = new Map<string, string>();
  const byId = <T extends { id: string; name?: string }>(xs: T[], k: ObjectKind) =>
    new Map(
      xs.map((x) => {
        kind.set(x.id, k);
        name.set(x.id, x.name ?? x.id);
        return [x.id, x] as const;
      }),
    );
  return {
    kind,
    name,
    underlays: byId(doc.underlays, "underlay"),
    routers: byId(doc.routers, "router"),
    clusters: byId(doc.clusters, "cluster"),
    hosts: byId(doc.hosts, "host"),
    containers: byId(doc.containers, "container"),
    externals: byId(doc.externals, "external"),
    flows: byId(doc.flows, "flow"),
  };
});

export interface Mark {
  severity: Severity;
  /** The messages of every diagnostic naming this object, one per line. */
  text: string;
}

export interface ReportIndex {
  underlays: Map<string, UnderlayReport>;
  routers: Map<string, RouterReport>;
  clusters: Map<string, ClusterReport>;
  hosts: Map<string, HostReport>;
  containers: Map<string, ContainerReport>;
  /** The worst diagnostic (error, then warning) naming each object. Info does not mark a node. */
  marks: Map<string, Mark>;
  /** Flow id → "reachable" | "unreachable". */
  flows: Map<string, boolean>;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const reportIndex = memoByObject((report: Report): ReportIndex => {
  const marks = new Map<string, Mark>();
  for (const d of report.diagnostics) {
    if (d.severity === "info") continue;
    for (const id of d.subjects) {
      const old = marks.get(id);
      marks.set(id, {
        severity: old && RANK[old.severity] < RANK[d.severity] ? old.severity : d.severity,
        text: old ? `${old.text}\n${d.message}` : d.message,
      });
    }
  }
  const byId = <T extends { id: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.id, x]));
  return {
    underlays: byId(report.underlays),
    routers: byId(report.routers),
    clusters: byId(report.clusters),
    hosts: byId(report.hosts),
    containers: byId(report.containers),
    marks,
    flows: new Map(report.flows.map((f) => [f.id, f.reachable])),
  };
});

/** A Set over the highlighted ids array, built once per array. */
export const idSet = memoByObject((ids: readonly string[]) => new Set(ids));
