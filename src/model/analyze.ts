/**
 * analyze(document) → report: the one entry point the app, the CLI and the tests call.
 * It never throws on a valid document; every impossibility becomes a diagnostic.
 */
import { formatIp } from "./addr/index.ts";
import { backendFor } from "./backends/index.ts";
import type { BackendCapabilities, ClusterAnalysis, ClusterContext, HostContext } from "./backends/types.ts";
import { type Document, type ValidationError, parseDocument } from "./document.ts";
import { crossClusterDiagnostics } from "./diagnostics.ts";
import { analyzeFlows } from "./flows.ts";
import { lazyNetworkIndex } from "./flows/network-index.ts";
import { planPorts } from "./ports.ts";
import { type Diagnostic, REPORT_FORMAT, REPORT_VERSION, type Report } from "./report.ts";
import { planUnderlays, underlayComponents } from "./underlay.ts";

export type AnalyzeResult = { ok: true; document: Document; report: Report } | { ok: false; errors: ValidationError[] };

/** Validates any input (parsed JSON) and analyses it. */
export function analyze(input: unknown): AnalyzeResult {
  const parsed = parseDocument(input);
  if (!parsed.ok) return parsed;
  return { ok: true, document: parsed.document, report: analyzeDocument(parsed.document) };
}

/** What the rest of the model knows about each cluster once its backend has run. */
export interface ClusterResult {
  context: ClusterContext;
  capabilities: BackendCapabilities;
  analysis: ClusterAnalysis;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Each host's containers, in document order. Containers come in runs on one host: one map lookup per
 * run, and a run that is its host's only one becomes one exact-size slice instead of 50 pushes.
 */
function groupByHost(all: Document["containers"]): Map<string, Document["containers"]> {
  const runs = new Map<string, number[]>(); // host → [start, end, start, end, …]
  let runHost: string | undefined;
  let bounds: number[] = [];
  for (let i = 0; i < all.length; i++) {
    const host = (all[i] as Document["containers"][number]).host;
    if (host === runHost) continue;
    if (runHost !== undefined) bounds.push(i);
    runHost = host;
    const known = runs.get(host);
    if (known) bounds = known;
    else runs.set(host, (bounds = []));
    bounds.push(i);
  }
  if (runHost !== undefined) bounds.push(all.length);
  const byHost = new Map<string, Document["containers"]>();
  for (const [host, b] of runs) {
    if (b.length === 2) { byHost.set(host, all.slice(b[0], b[1])); continue; }
    const list: Document["containers"] = [];
    for (let r = 0; r < b.length; r += 2) for (let i = b[r] as number; i < (b[r + 1] as number); i++) list.push(all[i] as Document["containers"][number]);
    byHost.set(host, list);
  }
  return byHost;
}

/** The lists one after another; a single cluster's list as it is (flatMap copies 50,000 containers one by one). */
function joined<T>(lists: T[][]): T[] {
  return lists.length === 1 ? (lists[0] as T[]) : ([] as T[]).concat(...lists);
}

export function analyzeDocument(doc: Document): Report {
  const plan = planUnderlays(doc);
  const components = underlayComponents(doc);
  const containersByHost = groupByHost(doc.containers);
  const hostNetworks = [...plan.underlays.values()].flatMap((u) => (u.cidr6 ? [u.cidr, u.cidr6] : [u.cidr]));
  const diagnostics: Diagnostic[] = [...plan.diagnostics];

  const results: ClusterResult[] = doc.clusters.map((cluster) => {
    const hosts: HostContext[] = [];
    for (const host of doc.hosts) {
      if (host.cluster !== cluster.id) continue;
      const ip = plan.hostIps.get(host.id);
      const underlay = plan.underlays.get(host.underlay);
      if (!ip || !underlay) continue; // already diagnosed: the underlay had no address left for it
      const ip6 = plan.hostIp6s.get(host.id);
      const entry: HostContext = { host, index: hosts.length, underlay, ip, ipText: formatIp(ip), containers: containersByHost.get(host.id) ?? [] };
      if (ip6) { entry.ip6 = ip6; entry.ip6Text = formatIp(ip6); }
      hosts.push(entry);
    }
    const context: ClusterContext = {
      document: doc,
      cluster,
      config: cluster.backend,
      hosts,
      underlays: plan.underlays,
      hostNetworks,
      sameL2: (a, b) => a.underlay.underlay.id === b.underlay.underlay.id,
      reachable: (a, b) => components.get(a.underlay.underlay.id) === components.get(b.underlay.underlay.id),
    };
    const backend = backendFor(cluster.backend);
    return { context, capabilities: backend.capabilities(cluster.backend), analysis: backend.analyze(context) };
  });

  const routers = plan.routers.map((r) => ({ ...r, routes: [...r.routes] }));
  for (const { analysis } of results) {
    diagnostics.push(...analysis.diagnostics);
    for (const { underlay, route } of analysis.routerRoutes) {
      const router = routers.find((r) => r.addresses.some((a) => a.underlay === underlay));
      router?.routes.push(route);
    }
  }
  diagnostics.push(...crossClusterDiagnostics(doc, results));

  const partial = {
    underlays: plan.reports,
    routers,
    clusters: results.map((r) => r.analysis.cluster),
    hosts: joined(results.map((r) => r.analysis.hosts)),
    containers: joined(results.map((r) => r.analysis.containers)),
  };
  const network = lazyNetworkIndex(doc, results, partial);
  const ports = planPorts(doc, network);
  diagnostics.push(...ports.diagnostics);
  const flows = analyzeFlows(doc, network, ports.mappings, plan.externalIps);
  diagnostics.push(...flows.diagnostics);

  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    ...partial,
    portMappings: ports.mappings,
    flows: flows.flows,
    diagnostics: diagnostics
      .map((d, i) => ({ d, i }))
      .sort((a, b) => SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] || a.i - b.i)
      .map(({ d }) => d),
  };
}
