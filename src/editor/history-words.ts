/**
 * What one undo step did, in words for the status line ("Undone: added host node-3"). Undo history
 * holds documents, not edits, so the words come from comparing the two documents: objects added,
 * deleted or changed (by id; unchanged objects keep their identity, so this is cheap), else the
 * name, description or layout. Pure: no React, no store.
 */
import type { Document } from "../model/document.ts";
import { COLLECTIONS, type Collection } from "../model/edits.ts";
import { flowLabel } from "../model/flow-label.ts";

const KIND: Record<Collection, string> = {
  underlays: "underlay",
  routers: "router",
  clusters: "cluster",
  hosts: "host",
  containers: "container",
  externals: "endpoint",
  flows: "flow",
};

type Item = { id: string; name?: string };
interface Found {
  collection: Collection;
  object: Item;
  doc: Document;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

function nameOf({ collection, object, doc }: Found): string {
  const name = collection === "flows" ? flowLabel(doc, object as Document["flows"][number]) : (object.name ?? object.id);
  return `${KIND[collection]} ${name}`;
}

/** "added host node-3", "added 4 objects". */
function phrase(verb: string, found: readonly Found[]): string | undefined {
  const [first] = found;
  if (!first) return undefined;
  return found.length === 1 ? `${verb} ${nameOf(first)}` : `${verb} ${nameOf(first)} and ${found.length - 1} more`;
}

function changedPositions(older: Document, newer: Document): string[] {
  if (older.layout === newer.layout) return [];
  const ids = new Set([...Object.keys(older.layout), ...Object.keys(newer.layout)]);
  return [...ids].filter((id) => !same(older.layout[id], newer.layout[id]));
}

/**
 * The change from `older` to `newer` (the step undone or redone), or undefined when there are no
 * words for it. Deletions name the topmost object (a host before the containers it took along).
 */
export function describeStep(older: Document, newer: Document): string | undefined {
  const added: Found[] = [];
  const removed: Found[] = [];
  const changed: Found[] = [];
  for (const collection of COLLECTIONS) {
    const before = older[collection] as Item[];
    const after = newer[collection] as Item[];
    if (before === after) continue;
    const old = new Map(before.map((o) => [o.id, o]));
    const now = new Set<string>();
    for (const o of after) {
      now.add(o.id);
      const was = old.get(o.id);
      if (!was) added.push({ collection, object: o, doc: newer });
      else if (!same(was, o)) changed.push({ collection, object: o, doc: newer });
    }
    for (const o of before) if (!now.has(o.id)) removed.push({ collection, object: o, doc: older });
  }
  if (older.name !== newer.name && added.length + removed.length > 1) return `opened ${newer.name} in place of ${older.name}`;
  const structural = [phrase("added", added), phrase("deleted", removed)].filter((p) => p !== undefined);
  if (structural.length > 0) return structural.join(", ");
  const change = phrase("changed", changed);
  if (change) return change;
  if (older.name !== newer.name) return `renamed the topology to ${newer.name}`;
  if (older.description !== newer.description) return "changed the description";
  const moved = changedPositions(older, newer);
  if (moved.length === 1) {
    const id = moved[0]!;
    const a = older.layout[id];
    const b = newer.layout[id];
    const verb = a && b && a.x === b.x && a.y === b.y ? "resized" : "moved";
    for (const collection of COLLECTIONS) {
      const object = (newer[collection] as Item[]).find((o) => o.id === id);
      if (object) return `${verb} ${nameOf({ collection, object, doc: newer })}`;
    }
  }
  if (moved.length > 1) return `moved ${moved.length} objects`;
  return undefined;
}
