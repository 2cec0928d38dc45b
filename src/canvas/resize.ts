/**
 * Resizing a cluster or host: what the resize handle (at the end of the drag), the inspector's
 * Width/Height fields and Shift+Alt+arrows all call, so a resize means the same from everywhere.
 * Each resize is one edit (one undo step) writing width/height into the document's layout; a size
 * never goes below what the group's children need (`groupMinSize`).
 *
 * It lives in the canvas, not in `src/editor/actions.ts`, because the inspector (src/panels) calls
 * it too and may import the canvas but not the editor.
 */
import { dispatch, useDocumentStore } from "../store/document-store.ts";
import { announce } from "../store/status-store.ts";
import { KIND_LABEL } from "./graph.ts";
import { documentIndex } from "./indexes.ts";
import { type Size, computeLayout, resizedEntry, unplacedPositions } from "./layout.ts";

const doc = () => useDocumentStore.getState().document;

/**
 * Gives a cluster or host a new size (a missing dimension stays as it is): one undo step. Like a
 * drag, it writes down where the auto-placed nodes are, so nothing else jumps. Returns whether
 * the size changed (not for other kinds of node, nor at the minimum already).
 */
export function resizeGroup(id: string, size: Partial<Size>): boolean {
  const d = doc();
  const entry = resizedEntry(d, id, size);
  if (!entry) return false;
  dispatch({ kind: "move", positions: { ...unplacedPositions(d), [id]: entry } });
  const box = computeLayout(d).boxes.get(id)!;
  announce(`${KIND_LABEL[box.kind]} ${documentIndex(d).name.get(id) ?? id} is now ${entry.width} × ${entry.height}`);
  return true;
}

/** Grows (or, negative, shrinks) a cluster or host by some pixels: the keyboard's Shift+Alt+arrows. */
export function resizeGroupBy(id: string, dWidth: number, dHeight: number): boolean {
  const d = doc();
  const box = computeLayout(d).boxes.get(id);
  if (!box || box.minWidth === undefined) return false;
  if (resizeGroup(id, { width: box.width + dWidth, height: box.height + dHeight })) return true;
  announce(`${KIND_LABEL[box.kind]} ${documentIndex(d).name.get(id) ?? id} is at its smallest: ${box.width} × ${box.height} holds what is inside`);
  return false;
}

/** Whether a node can be resized: clusters and hosts. */
export function isResizable(id: string): boolean {
  return computeLayout(doc()).boxes.get(id)?.minWidth !== undefined;
}
