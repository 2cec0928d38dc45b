/**
 * The canvas benchmark's cases: a generated document of about N canvas nodes, the container to
 * drag, and the same graph as plain React Flow nodes for the bare page. Node-side, no browser.
 */
import { computeLayout } from "../../src/canvas/layout.ts";
import { type Document, parseDocument } from "../../src/model/document.ts";
import { generateDocument } from "../../src/model/testing/generate.ts";
import type { BenchGraph } from "./bench-graph.ts";

/** Hosts × containers giving about `nodes` canvas nodes (plus an underlay, a router, a cluster, the Internet). */
function shapeFor(nodes: number): { hosts: number; containersPerHost: number } {
  const known: Record<number, { hosts: number; containersPerHost: number }> = {
    100: { hosts: 12, containersPerHost: 7 }, // 100 nodes
    500: { hosts: 20, containersPerHost: 24 }, // 504
    1000: { hosts: 30, containersPerHost: 32 }, // 994
  };
  if (known[nodes]) return known[nodes];
  const hosts = Math.max(1, Math.round(Math.sqrt(nodes - 4)));
  return { hosts, containersPerHost: Math.max(1, Math.round((nodes - 4) / hosts) - 1) };
}

export interface Case {
  nodes: number;
  hosts: number;
  containersPerHost: number;
  input: unknown;
  document: Document;
  /** The container dragged: the middle one of the middle host, near the centre of the fitted view. */
  dragId: string;
}

export function makeCase(size: number): Case {
  const shape = shapeFor(size);
  const input = generateDocument({ ...shape, backend: { type: "flannel", mode: "vxlan", network: "10.0.0.0/12" } });
  const parsed = parseDocument(input);
  if (!parsed.ok) throw new Error(`generated document does not parse: ${JSON.stringify(parsed.errors[0])}`);
  const nodes = computeLayout(parsed.document).order.length;
  const dragId = `h${Math.floor(shape.hosts / 2)}c${Math.floor(shape.containersPerHost / 2)}`;
  return { nodes, ...shape, input, document: parsed.document, dragId };
}

/** Topolab's canvas nodes as React Flow default nodes: same ids, parents, positions and sizes. */
export function bareGraph(c: Case, rect: BenchGraph["rect"]): BenchGraph {
  const layout = computeLayout(c.document);
  const names = new Map<string, string>();
  for (const list of [c.document.underlays, c.document.routers, c.document.clusters, c.document.hosts, c.document.containers, c.document.externals]) {
    for (const o of list) names.set(o.id, o.name);
  }
  const nodes = layout.order.map((id) => {
    const b = layout.boxes.get(id)!;
    return { id, position: { x: b.x, y: b.y }, ...(b.parent ? { parentId: b.parent } : {}), width: b.width, height: b.height, data: { label: names.get(id) ?? id } };
  });
  const d = c.document;
  const edges: BenchGraph["edges"] = [
    ...d.routers.flatMap((r) => r.underlays.map((u) => ({ id: `link:${r.id}:${u}`, source: r.id, target: u }))),
    ...d.hosts.map((h) => ({ id: `link:${h.id}`, source: h.underlay, target: h.id })),
    ...d.externals.filter((e) => e.underlay).map((e) => ({ id: `link:${e.id}`, source: e.id, target: e.underlay! })),
    ...d.flows.map((f) => ({ id: f.id, source: f.from, target: f.to, label: `${f.port}/${f.protocol}` })),
  ];
  return { nodes, edges, rect };
}
