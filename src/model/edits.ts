/**
 * Edits to a document as plain objects applied by one pure function (STYLE habit 4): the store,
 * undo history, tests and scripts all go through applyEdit(), so an edit means the same everywhere.
 *
 * Layout positions follow React Flow's parent/child convention: a host's position is relative to
 * its cluster's top-left corner, a container's to its host's; everything else is absolute.
 */
import type { Document } from "./document.ts";

export type Collection = "underlays" | "routers" | "clusters" | "hosts" | "containers" | "externals" | "flows";
export type DocumentObject = Document[Collection][number];
export type Position = Document["layout"][string];

export type Edit =
  | { kind: "add"; collection: Collection; object: DocumentObject; position?: Position }
  | { kind: "update"; collection: Collection; id: string; patch: Record<string, unknown> }
  | { kind: "remove"; ids: string[] }
  | { kind: "move"; positions: Record<string, Position> }
  /** A host into another cluster, or a container into another host; `position` is relative to the new parent. */
  | { kind: "reparent"; id: string; parent: string; position?: Position }
  | { kind: "rename-document"; name: string }
  | { kind: "replace"; document: Document }
  /** Several edits as one change (one undo step). */
  | { kind: "batch"; edits: Edit[] };

export const COLLECTIONS: readonly Collection[] = ["underlays", "routers", "clusters", "hosts", "containers", "externals", "flows"];

/** Which collection holds an id. */
export function collectionOf(doc: Document, id: string): Collection | undefined {
  return COLLECTIONS.find((c) => (doc[c] as { id: string }[]).some((o) => o.id === id));
}

/** Everything that goes when ids are removed: a cluster takes its hosts, a host its containers, a container or endpoint its flows. */
export function removalClosure(doc: Document, ids: readonly string[]): Set<string> {
  const gone = new Set(ids);
  for (const h of doc.hosts) if (gone.has(h.cluster) || gone.has(h.underlay)) gone.add(h.id);
  for (const c of doc.containers) if (gone.has(c.host)) gone.add(c.id);
  for (const f of doc.flows) if (gone.has(f.from) || gone.has(f.to)) gone.add(f.id);
  return gone;
}

/** A position relative to a parent whose top-left corner is at `parent` (both absolute). */
export function toRelative(absolute: { x: number; y: number }, parent: { x: number; y: number }): Position {
  return { x: absolute.x - parent.x, y: absolute.y - parent.y };
}

/** The layout entry with a new position, keeping any stored size. */
function placed(doc: Document, id: string, position: Position): Position {
  const old = doc.layout[id];
  return old ? { ...old, ...position } : position;
}

function removeObjects(doc: Document, ids: readonly string[]): Document {
  const gone = removalClosure(doc, ids);
  const keep = <T extends { id: string }>(xs: T[]) => xs.filter((x) => !gone.has(x.id));
  const layout = Object.fromEntries(Object.entries(doc.layout).filter(([id]) => !gone.has(id)));
  return {
    ...doc,
    underlays: keep(doc.underlays),
    routers: keep(doc.routers)
      .map((r) => ({
        ...r,
        underlays: r.underlays.filter((u) => !gone.has(u)),
        ips: Object.fromEntries(Object.entries(r.ips).filter(([u]) => !gone.has(u))),
        ...(r.ips6 ? { ips6: Object.fromEntries(Object.entries(r.ips6).filter(([u]) => !gone.has(u))) } : {}),
      }))
      .filter((r) => r.underlays.length > 0),
    clusters: keep(doc.clusters).map((c) => {
      // A backend that names one of its hosts (OpenVPN's server) falls back to its default when that host goes.
      if (!("server" in c.backend) || c.backend.server === undefined || !gone.has(c.backend.server)) return c;
      const { server: _server, ...backend } = c.backend;
      return { ...c, backend: backend as typeof c.backend };
    }),
    hosts: keep(doc.hosts).filter((h) => !gone.has(h.underlay)),
    containers: keep(doc.containers),
    externals: keep(doc.externals).map((e) => (e.underlay && gone.has(e.underlay) ? { ...e, underlay: undefined } : e)),
    flows: keep(doc.flows),
    layout,
  };
}

function reparent(doc: Document, edit: Extract<Edit, { kind: "reparent" }>): Document {
  const layout = edit.position ? { ...doc.layout, [edit.id]: placed(doc, edit.id, edit.position) } : doc.layout;
  if (doc.hosts.some((h) => h.id === edit.id) && doc.clusters.some((c) => c.id === edit.parent)) {
    return { ...doc, hosts: doc.hosts.map((h) => (h.id === edit.id ? { ...h, cluster: edit.parent } : h)), layout };
  }
  if (doc.containers.some((c) => c.id === edit.id) && doc.hosts.some((h) => h.id === edit.parent)) {
    return { ...doc, containers: doc.containers.map((c) => (c.id === edit.id ? { ...c, host: edit.parent } : c)), layout };
  }
  return doc; // only hosts and containers have parents, and only clusters and hosts hold them
}

export function applyEdit(doc: Document, edit: Edit): Document {
  switch (edit.kind) {
    case "add": {
      const next = { ...doc, [edit.collection]: [...doc[edit.collection], edit.object] } as Document;
      return edit.position ? { ...next, layout: { ...doc.layout, [edit.object.id]: edit.position } } : next;
    }
    case "update":
      return {
        ...doc,
        [edit.collection]: (doc[edit.collection] as { id: string }[]).map((o) => (o.id === edit.id ? { ...o, ...edit.patch } : o)),
      } as Document;
    case "remove":
      return removeObjects(doc, edit.ids);
    case "move": {
      const layout = { ...doc.layout };
      for (const [id, position] of Object.entries(edit.positions)) layout[id] = placed(doc, id, position);
      return { ...doc, layout };
    }
    case "reparent":
      return reparent(doc, edit);
    case "rename-document":
      return { ...doc, name: edit.name };
    case "replace":
      return edit.document;
    case "batch":
      return edit.edits.reduce(applyEdit, doc);
  }
}
