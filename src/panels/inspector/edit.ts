/** The inspector's way into the document: one edit per committed field, none when nothing changes. */
import type { Collection } from "../../model/edits.ts";
import { dispatch, useDocumentStore } from "../../store/document-store.ts";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Updates fields of one object; a key set to undefined is removed (its default applies again). */
export function updateObject(collection: Collection, id: string, patch: Record<string, unknown>) {
  const object = (useDocumentStore.getState().document[collection] as Record<string, unknown>[]).find((o) => o.id === id);
  if (!object || Object.entries(patch).every(([k, v]) => same(object[k], v))) return;
  dispatch({ kind: "update", collection, id, patch });
}

/** Moves a host into another cluster, or a container onto another host (positions stay relative to the new parent). */
export function reparentObject(id: string, parent: string) {
  dispatch({ kind: "reparent", id, parent });
}
