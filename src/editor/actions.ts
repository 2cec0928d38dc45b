/**
 * What the editor does, as plain functions over the stores: the toolbar, the palette, the keyboard
 * and the canvas all call these, so "add a host" or "delete" means the same from everywhere.
 * Each document change is one dispatch (one undo step).
 */
import { canvasApi } from "../canvas/canvas-api.ts";
import { HANDLE, KIND_LABEL } from "../canvas/graph.ts";
import { documentIndex } from "../canvas/indexes.ts";
import {
  HOST_BOX,
  SIZE,
  clampIntoParent,
  computeLayout,
  freeSpot,
  newNodeSize,
  nodesAt,
  parentAt,
  pushedAside,
  settleChild,
  unplacedPositions,
} from "../canvas/layout.ts";
import type { Document } from "../model/document.ts";
import type { Edit, Position } from "../model/edits.ts";
import { flowLabel } from "../model/flow-label.ts";
import { type Fragment, type NewObjectKind, copyFragment, duplicateObjects, isFragmentEmpty, newFlow, pasteFragment, placeNew } from "../model/new-objects.ts";
import { dispatch, useDocumentStore } from "../store/document-store.ts";
import { useReportStore } from "../store/report-store.ts";
import { useSelectionStore } from "../store/selection-store.ts";
import { announce } from "../store/status-store.ts";

const doc = () => useDocumentStore.getState().document;
const selection = () => useSelectionStore.getState().selected;
const select = (ids: string[]) => useSelectionStore.getState().select(ids);
/**
 * Container pools of the report's clusters that still exist: a new cluster or underlay must not
 * overlap them. (The report may lag the document by one analysis; a cluster just removed by New
 * or Delete no longer counts.)
 */
const pools = () => {
  const alive = documentIndex(doc()).clusters;
  return useReportStore.getState().report.clusters.flatMap((c) => (alive.has(c.id) ? c.pools : []));
};

function describeCreated(created: { kind: NewObjectKind; name: string }[]): string {
  const [main, ...rest] = [...created].reverse();
  if (!main) return "";
  const also = rest.length > 0 ? ` (and ${rest.map((c) => `${KIND_LABEL[c.kind].toLowerCase()} ${c.name}`).join(", ")}, which it needs)` : "";
  return `Added ${KIND_LABEL[main.kind].toLowerCase()} ${main.name}${also}`;
}

function place(kind: NewObjectKind, options: { parent?: string; position?: Position }) {
  const before = doc();
  const placement = placeNew(before, kind, { ...options, selected: selection()[0], avoid: pools() });
  // Dropped at a point: the auto-placed nodes are written down where they are, or the new one
  // (placed first) would push its auto-placed siblings aside. One undo step either way.
  const frozen = options.position ? unplacedPositions(before) : {};
  dispatch(Object.keys(frozen).length > 0 ? { kind: "batch", edits: [{ kind: "move", positions: frozen }, placement.edit] } : placement.edit);
  select([placement.id]);
  const current = doc();
  const main = placement.created.at(-1);
  const parent = kind === "host" ? current.hosts.find((h) => h.id === placement.id)?.cluster : kind === "container" ? current.containers.find((c) => c.id === placement.id)?.host : undefined;
  const where = parent && main ? ` in ${documentIndex(current).name.get(parent) ?? parent}` : "";
  announce(describeCreated(placement.created) + where);
  canvasApi().reveal(placement.id);
  return placement.id;
}

/** A palette item clicked or activated with Enter/Space: into the selected cluster/host, or the centre of the view. */
export function addFromPalette(kind: NewObjectKind): string {
  if (kind === "host" || kind === "container") return place(kind, {}); // the layout gives it the next free slot in its parent
  const position = freeSpot(computeLayout(doc()), kind, canvasApi().centre());
  return place(kind, { position });
}

/** The top-left corner that centres a new node of this kind on a point. */
function centredOn(kind: NewObjectKind, point: { x: number; y: number }) {
  const size = newNodeSize(kind);
  return { x: Math.round(point.x - size.width / 2), y: Math.round(point.y - size.height / 2) };
}

/** A palette item dropped on the canvas at a point (flow coordinates): into the cluster/host under it, if any. */
export function dropFromPalette(kind: NewObjectKind, point: { x: number; y: number }): string {
  const layout = computeLayout(doc());
  const parent = parentAt(layout, kind, point);
  const topLeft = centredOn(kind, point);
  if (parent) {
    const p = layout.boxes.get(parent)!;
    const at = clampIntoParent(kind, { x: topLeft.x - p.absX, y: topLeft.y - p.absY });
    // Dropped on a sibling: beside it (a host) or below it (a container), as a drag on the canvas settles.
    return place(kind, { parent, position: kind === "host" || kind === "container" ? settleChild(layout, parent, { kind }, at) : at });
  }
  if (kind === "host" || kind === "container") return place(kind, {}); // dropped outside any parent: the selected or first one
  return place(kind, { position: topLeft });
}

/** A connection drawn between two handles: a flow, a host onto another underlay, a router joining an underlay, an endpoint onto a LAN. */
export function connect(source: string, target: string): boolean {
  const d = doc();
  const idx = documentIndex(d);
  const kinds = `${idx.kind.get(source)}→${idx.kind.get(target)}`;
  let edit: Edit | undefined;
  let message = "";
  let selectId: string | undefined;
  if ((kinds === "container→container" || kinds === "external→container") && source !== target) {
    const flow = newFlow(d, source, target);
    edit = { kind: "add", collection: "flows", object: flow };
    message = `Added flow ${idx.name.get(source)} → ${idx.name.get(target)} on ${flow.port}/${flow.protocol}`;
    selectId = flow.id;
  } else if (kinds === "underlay→host") {
    edit = { kind: "update", collection: "hosts", id: target, patch: { underlay: source, ip: undefined } };
    message = `Host ${idx.name.get(target)} is now on ${idx.name.get(source)}`;
  } else if (kinds === "router→underlay") {
    const router = idx.routers.get(source)!;
    if (router.underlays.includes(target)) return false;
    edit = { kind: "update", collection: "routers", id: source, patch: { underlays: [...router.underlays, target] } };
    message = `Router ${router.name} now joins ${idx.name.get(target)}`;
  } else if (kinds === "external→underlay") {
    edit = { kind: "update", collection: "externals", id: source, patch: { underlay: target, kind: "client", ip: undefined } };
    message = `${idx.name.get(source)} is now a client on ${idx.name.get(target)}`;
  }
  if (!edit) return false;
  dispatch(edit);
  if (selectId) select([selectId]);
  announce(message);
  return true;
}

/** Which end of a connection a drag started from: a handle that sends (a flow's start) or one that receives. */
export type HandleEnd = "source" | "target";

/** Where a connection drag started: the node, which end, and the handle's id. */
export interface ConnectionStart {
  node: string;
  end: HandleEnd;
  handle: string | null;
}

const FLOW_HANDLES: ReadonlySet<string> = new Set([HANDLE.flowIn, HANDLE.flowOut]);
const isFlowHandle = (handle: string | null | undefined) => handle != null && FLOW_HANDLES.has(handle);

function isFlow(d: Document, source: string, target: string): boolean {
  const kind = documentIndex(d).kind;
  return kind.get(target) === "container" && (kind.get(source) === "container" || kind.get(source) === "external");
}

/**
 * Whether a connection between these handles makes something: a flow joins a flow handle (a
 * container's or endpoint's right, a container's left) to another, a link the other handles. A
 * missing handle (a drop on a node's card) fits either.
 */
export function canConnectHandles(d: Document, c: { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }): boolean {
  if (!canConnect(d, c.source, c.target)) return false;
  const flow = isFlow(d, c.source, c.target);
  return [c.sourceHandle, c.targetHandle].every((h) => h == null || isFlowHandle(h) === flow);
}

/** The connection from a drag's start to another node (dropped on its card: no handle there). */
const joining = (from: ConnectionStart, other: string) =>
  from.end === "source" ? { source: from.node, sourceHandle: from.handle, target: other } : { source: other, target: from.node, targetHandle: from.handle };

/** What a connection dragged from this handle can end on, said when a drag ends on nothing it can. */
export function connectHint(d: Document, from: ConnectionStart): string {
  const idx = documentIndex(d);
  const name = idx.name.get(from.node) ?? from.node;
  const kind = idx.kind.get(from.node);
  if (isFlowHandle(from.handle)) {
    return from.end === "source" ? "Drop on a container to draw a flow" : `Drop on a container or an endpoint to draw a flow to ${name}`;
  }
  if (kind === "underlay") return from.end === "source" ? `Drop on a host to put it on ${name}` : `Drop on a router or an endpoint to connect it to ${name}`;
  if (kind === "router") return `Drop on an underlay network that ${name} does not join yet`;
  if (kind === "host") return `Drop on another underlay network to put ${name} on it`;
  if (kind === "external") return `Drop on an underlay network to put ${name} on it`;
  return "Nothing to connect there";
}

/** The nodes a connection dragged from this handle can end on: what the canvas lights up while it is drawn. */
export function connectableEnds(d: Document, from: ConnectionStart): Set<string> {
  const out = new Set<string>();
  for (const id of documentIndex(d).kind.keys()) if (canConnectHandles(d, joining(from, id))) out.add(id);
  return out;
}

/**
 * A connection dragged from a handle and let go at a point (flow coordinates) that is not a handle
 * it can end on: the innermost node under the point it can connect to gets it (anywhere on a
 * container's card draws a flow to it); over nothing of the kind, the status line says where to drop.
 */
export function dropConnection(from: ConnectionStart, point: { x: number; y: number }): boolean {
  const d = doc();
  const under = nodesAt(computeLayout(d), point).find((id) => canConnectHandles(d, joining(from, id)));
  if (under === undefined) {
    announce(connectHint(d, from), "error");
    return false;
  }
  const { source, target } = joining(from, under);
  return connect(source, target);
}

export function canConnect(d: Document, source: string, target: string): boolean {
  const idx = documentIndex(d);
  const kinds = `${idx.kind.get(source)}→${idx.kind.get(target)}`;
  if (source === target) return false;
  if (kinds === "container→container" || kinds === "external→container") return true;
  // Not where it is already (that would only drop a pinned address).
  if (kinds === "underlay→host") return idx.hosts.get(target)?.underlay !== source;
  if (kinds === "external→underlay") return idx.externals.get(source)?.underlay !== target;
  return kinds === "router→underlay" && !idx.routers.get(source)?.underlays.includes(target);
}

export function deleteSelection() {
  const ids = selection();
  if (ids.length === 0) return;
  const d = doc();
  const idx = documentIndex(d);
  const names = ids.map((id) => {
    const flow = idx.flows.get(id);
    return flow ? flowLabel(d, flow) : (idx.name.get(id) ?? id);
  });
  dispatch({ kind: "remove", ids });
  select([]);
  announce(`Deleted ${names.join(", ")}`);
}

let clipboard: Fragment | undefined;

export function copySelection() {
  const ids = selection();
  if (ids.length === 0) return;
  clipboard = copyFragment(doc(), ids);
  const n = ids.length;
  announce(`Copied ${n} object${n === 1 ? "" : "s"}`);
}

export const hasClipboard = () => clipboard !== undefined && !isFragmentEmpty(clipboard);

export function pasteClipboard() {
  if (!clipboard || isFragmentEmpty(clipboard)) return;
  const pasted = pasteFragment(doc(), clipboard, { offset: { x: 32, y: 32 }, selected: selection()[0], avoid: pools() });
  dispatch(pasted.edit);
  select(pasted.ids);
  if (pasted.ids[0]) canvasApi().reveal(pasted.ids[0]);
  announce(`Pasted ${pasted.ids.map((id) => documentIndex(doc()).name.get(id) ?? id).join(", ")}`);
}

export function duplicateSelection() {
  const ids = selection();
  if (ids.length === 0) return;
  const copy = duplicateObjects(doc(), ids, { offset: { x: 32, y: 32 }, selected: ids[0], avoid: pools() });
  dispatch(copy.edit);
  select(copy.ids);
  if (copy.ids[0]) canvasApi().reveal(copy.ids[0]);
  announce(`Duplicated as ${copy.ids.map((id) => documentIndex(doc()).name.get(id) ?? id).join(", ")}`);
}

/** Moves the selected nodes (not the children of selected nodes: they move with their parent). */
export function nudgeSelection(dx: number, dy: number) {
  const layout = computeLayout(doc());
  const ids = new Set(selection());
  const positions: Record<string, Position> = {};
  for (const id of ids) {
    const box = layout.boxes.get(id);
    if (!box) continue;
    let parent = box.parent;
    let ancestorSelected = false;
    while (parent) {
      if (ids.has(parent)) ancestorSelected = true;
      parent = layout.boxes.get(parent)?.parent;
    }
    if (ancestorSelected) continue;
    positions[id] = box.parent ? clampIntoParent(box.kind, { x: box.x + dx, y: box.y + dy }) : { x: box.x + dx, y: box.y + dy };
  }
  if (Object.keys(positions).length > 0) dispatch({ kind: "move", positions: { ...unplacedPositions(doc()), ...positions } });
}

/** After a drag: where each dragged node ended, and which cluster/host it now belongs to. */
export function finishDrag(dragged: { id: string; position: { x: number; y: number } }[]) {
  const d = doc();
  const layout = computeLayout(d);
  const ids = new Set(dragged.map((n) => n.id));
  const edits: Edit[] = [];
  const positions: Record<string, Position> = {};
  const refused: string[] = [];
  /** Hosts a container lands in, and the size they grow to hold it. */
  const grown = new Map<string, { width: number; height: number }>();
  for (const { id, position } of dragged) {
    const box = layout.boxes.get(id);
    if (!box) continue;
    if (box.parent && ids.has(box.parent)) continue; // moved with its parent
    if (!box.parent) {
      const x = Math.round(position.x);
      const y = Math.round(position.y);
      if (x !== box.x || y !== box.y) positions[id] = { x, y };
      continue;
    }
    const parentBox = layout.boxes.get(box.parent)!;
    const abs = { x: parentBox.absX + position.x, y: parentBox.absY + position.y };
    const centre = { x: abs.x + box.width / 2, y: abs.y + box.height / 2 };
    const exclude = new Set([id, ...[...layout.boxes.values()].filter((b) => b.parent === id).map((b) => b.id)]);
    const target = parentAt(layout, box.kind, centre, exclude);
    if (!target) {
      refused.push(`${KIND_LABEL[box.kind]} ${documentIndex(d).name.get(id)} stays in ${documentIndex(d).name.get(box.parent)}: drop it inside a ${box.kind === "host" ? "cluster" : "host"}`);
      continue;
    }
    const t = layout.boxes.get(target)!;
    const rel = settleChild(layout, target, id, clampIntoParent(box.kind, { x: abs.x - t.absX, y: abs.y - t.absY }));
    if (box.kind === "container") {
      const size = grown.get(target) ?? { width: t.width, height: t.height };
      grown.set(target, {
        width: Math.max(size.width, rel.x + SIZE.container.width + HOST_BOX.pad),
        height: Math.max(size.height, rel.y + SIZE.container.height + HOST_BOX.pad),
      });
    }
    if (target !== box.parent) {
      edits.push({ kind: "reparent", id, parent: target, position: rel });
      announce(`Moved ${box.kind} ${documentIndex(d).name.get(id)} into ${documentIndex(d).name.get(target)}`);
    } else if (rel.x !== box.x || rel.y !== box.y) {
      positions[id] = rel;
    }
  }
  // A host that grows to hold a container moves its neighbours on the right along, so it does not cover them.
  for (const [host, size] of grown) {
    for (const [sibling, at] of Object.entries(pushedAside(layout, host, size))) if (!ids.has(sibling)) positions[sibling] = at;
  }
  // Whatever moves, the rest of the auto-layout stays where it is (it is written down with the move).
  if (Object.keys(positions).length > 0 || edits.length > 0) edits.unshift({ kind: "move", positions: { ...unplacedPositions(d), ...positions } });
  if (edits.length === 1) dispatch(edits[0]!);
  else if (edits.length > 1) dispatch({ kind: "batch", edits });
  if (refused.length > 0) announce(refused.join("; "), "error");
}

export function isDocumentEmpty(d: Document = doc()): boolean {
  return d.underlays.length + d.routers.length + d.clusters.length + d.hosts.length + d.containers.length + d.externals.length === 0;
}

/** Replaces the open document (New, Open): one undo step, so it can be taken back. */
export function replaceDocument(next: Document, message: string) {
  dispatch({ kind: "replace", document: next });
  select([]);
  useSelectionStore.getState().highlight([]);
  announce(message);
  setTimeout(() => canvasApi().fitView(), 0); // once the canvas has the new nodes
}
