/**
 * Edits to a document as plain objects applied by one pure function (STYLE habit 4): the store,
 * undo history, tests and scripts all go through applyEdit(), so an edit means the same everywhere.
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
  | { kind: "rename-document"; name: string }
  | { kind: "replace"; document: Document };

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
    case "remove": {
      const gone = removalClosure(doc, edit.ids);
      const keep = <T extends { id: string }>(xs: T[]) => xs.filter((x) => !gone.has(x.id));
      const layout = Object.fromEntries(Object.entries(doc.layout).filter(([id]) => !gone.has(id)));
      return {
        ...doc,
        underlays: keep(doc.underlays),
        routers: keep(doc.routers).map((r) => ({ ...r, underlays: r.underlays.filter((u) => !gone.has(u)) })).filter((r) => r.underlays.length > 0),
        clusters: keep(doc.clusters),
        hosts: keep(doc.hosts).filter((h) => !gone.has(h.underlay)),
        containers: keep(doc.containers),
        externals: keep(doc.externals).map((e) => (e.underlay && gone.has(e.underlay) ? { ...e, underlay: undefined } : e)),
        flows: keep(doc.flows),
        layout,
      };
    }
    case "move":
      return { ...doc, layout: { ...doc.layout, ...edit.positions } };
    case "rename-document":
      return { ...doc, name: edit.name };
    case "replace":
      return edit.document;
  }
}
