/**
 * Document → React Flow nodes and edges. Derived, never stored: the document (with its layout) is
 * the truth, and this mapping is recomputed when it changes. Node objects are reused while nothing
 * about them changed, so React Flow and the memoised node components skip untouched nodes.
 *
 * Nodes carry no facts: each node component reads its own object and report facts by id.
 */
import { type Edge, MarkerType, type Node } from "@xyflow/react";
import type { Document } from "../model/document.ts";
import { type Layout, type NodeKind } from "./layout.ts";

/** What a person calls each kind of node: the palette item's name and the start of each node's accessible name. */
export const KIND_LABEL: Record<NodeKind, string> = {
  underlay: "Underlay network",
  router: "Router",
  cluster: "Cluster",
  host: "Host",
  container: "Container",
  external: "External endpoint",
};

export type TopoNodeData = Record<string, never>;
export type TopoNode = Node<TopoNodeData, NodeKind>;
export type LinkEdge = Edge<Record<string, never>, "link">;
export type FlowEdgeData = { port: number; protocol: string };
export type FlowEdge = Edge<FlowEdgeData, "flow">;
export type TopoEdge = LinkEdge | FlowEdge;

const FLOW_MARKER = { type: MarkerType.ArrowClosed, width: 16, height: 16, color: "#64748b" };
const NO_DATA: TopoNodeData = Object.freeze({}) as TopoNodeData;

/** Handle ids, shared by the node components and the edges. */
export const HANDLE = {
  /** underlay: routers attach on top, hosts hang below, endpoints on the left side. */
  underlayTop: "top",
  underlayBottom: "bottom",
  underlayLeft: "left",
  routerBottom: "bottom",
  hostTop: "top",
  /** containers and endpoints: flows leave on the right and arrive on the left. */
  flowIn: "in",
  flowOut: "out",
  externalLink: "link",
} as const;

/** The class of the handles a flow starts or ends at (index.css shows them, not the links', while a flow is dragged). */
export const FLOW_HANDLE_CLASS = "topolab-flow-handle";

interface CacheEntry<T> {
  key: string;
  value: T;
}

/** Reuses node and edge objects between builds while their inputs are unchanged. */
export class GraphCache {
  nodes = new Map<string, CacheEntry<TopoNode>>();
  edges = new Map<string, CacheEntry<TopoEdge>>();
}

function reuse<T>(cache: Map<string, CacheEntry<T>>, id: string, key: string, make: () => T, seen: Set<string>): T {
  seen.add(id);
  const hit = cache.get(id);
  if (hit && hit.key === key) return hit.value;
  const value = make();
  cache.set(id, { key, value });
  return value;
}

function prune<T>(cache: Map<string, CacheEntry<T>>, seen: Set<string>) {
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
}

/**
 * `describedBy`: per kind, the ids of the elements describing its nodes (the node element's
 * aria-describedby, in place of React Flow's own).
 */
export function buildNodes(
  doc: Document,
  layout: Layout,
  selected: ReadonlySet<string>,
  cache = new GraphCache(),
  describedBy: Partial<Record<NodeKind, string>> = {},
): TopoNode[] {
  const names = new Map<string, string>();
  for (const list of [doc.underlays, doc.routers, doc.clusters, doc.hosts, doc.containers, doc.externals]) {
    for (const o of list) names.set(o.id, o.name);
  }
  const seen = new Set<string>();
  const nodes = layout.order.map((id) => {
    const b = layout.boxes.get(id)!;
    const ariaLabel = `${KIND_LABEL[b.kind]} ${names.get(id) ?? id}`;
    const isSelected = selected.has(id);
    const description = describedBy[b.kind];
    const key = `${b.kind}|${b.parent ?? ""}|${b.x}|${b.y}|${b.width}|${b.height}|${ariaLabel}|${isSelected}|${description ?? ""}`;
    return reuse(
      cache.nodes,
      id,
      key,
      (): TopoNode => ({
        id,
        type: b.kind,
        position: { x: b.x, y: b.y },
        ...(b.parent ? { parentId: b.parent } : {}),
        width: b.width,
        height: b.height,
        // Sizes are ours, not measured: React Flow keeps its handle measurements between rebuilds.
        measured: { width: b.width, height: b.height },
        data: NO_DATA,
        ariaLabel,
        ...(description ? { domAttributes: { "aria-describedby": description } } : {}),
        selected: isSelected,
        ...(b.kind === "cluster" ? { zIndex: -1 } : {}),
      }),
      seen,
    );
  });
  prune(cache.nodes, seen);
  return nodes;
}

/** "80/tcp" */
export function portLabel(port: number, protocol: string): string {
  return `${port}/${protocol}`;
}

export function buildEdges(doc: Document, selected: ReadonlySet<string>, cache = new GraphCache()): TopoEdge[] {
  const seen = new Set<string>();
  const names = new Map<string, string>([...doc.containers, ...doc.externals].map((o) => [o.id, o.name]));
  const edges: TopoEdge[] = [];
  const link = (id: string, source: string, sourceHandle: string, target: string, targetHandle: string, zIndex = -2) =>
    edges.push(
      reuse(
        cache.edges,
        id,
        `${source}|${target}|${zIndex}`,
        (): LinkEdge => ({
          id,
          type: "link",
          source,
          sourceHandle,
          target,
          targetHandle,
          selectable: false,
          focusable: false,
          deletable: false,
          // Under the cluster boxes (z −1): a host's link shows where it enters the cluster, not across its header.
          zIndex,
          data: NO_DATA,
        }),
        seen,
      ),
    );
  for (const r of doc.routers) for (const u of r.underlays) link(`link:${r.id}:${u}`, r.id, HANDLE.routerBottom, u, HANDLE.underlayTop);
  // React Flow lifts a selected node by 1,000 and the links into it with it (its z is added to theirs): keep them under the cluster.
  for (const h of doc.hosts) link(`link:${h.id}`, h.underlay, HANDLE.underlayBottom, h.id, HANDLE.hostTop, selected.has(h.id) ? -1002 : -2);
  for (const e of doc.externals) if (e.underlay) link(`link:${e.id}`, e.id, HANDLE.externalLink, e.underlay, HANDLE.underlayLeft);
  for (const f of doc.flows) {
    const isSelected = selected.has(f.id);
    const label = portLabel(f.port, f.protocol);
    const ariaLabel = `Flow ${names.get(f.from) ?? f.from} → ${names.get(f.to) ?? f.to}, ${label}`;
    edges.push(
      reuse(
        cache.edges,
        f.id,
        `${f.from}|${f.to}|${label}|${ariaLabel}|${isSelected}`,
        (): FlowEdge => ({
          id: f.id,
          type: "flow",
          source: f.from,
          sourceHandle: HANDLE.flowOut,
          target: f.to,
          targetHandle: HANDLE.flowIn,
          label,
          ariaLabel,
          selected: isSelected,
          markerEnd: FLOW_MARKER,
          data: { port: f.port, protocol: f.protocol },
        }),
        seen,
      ),
    );
  }
  prune(cache.edges, seen);
  return edges;
}
