/**
 * Canvas geometry, pure: the size of each node, a deterministic position for every object that
 * has no `layout` entry, and absolute rectangles for hit-testing drops. Hosts are laid out inside
 * their cluster and containers inside their host; positions of children are relative to the parent
 * (React Flow's `parentId` convention), and a parent grows to hold its children.
 *
 * Auto-layout, top to bottom: routers, underlay networks, then clusters side by side; external
 * endpoints in a column on the left. Auto-placed siblings continue after the ones the user placed.
 *
 * A group's size is the larger of what its children need (its minimum) and the size the user gave
 * it (the layout entry's optional width/height): a stored size never hides a child. A child is never
 * drawn over its parent's header, whatever its stored position (stored before a header grew, say).
 */
import type { Document } from "../model/document.ts";
import type { ObjectKind } from "./indexes.ts";

export type NodeKind = Exclude<ObjectKind, "flow">;

export interface Box {
  id: string;
  kind: NodeKind;
  parent?: string;
  /** Relative to the parent for hosts and containers, absolute otherwise. */
  x: number;
  y: number;
  width: number;
  height: number;
  absX: number;
  absY: number;
  /** Clusters and hosts only: the smallest size that still holds their children with padding. */
  minWidth?: number;
  minHeight?: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Layout {
  boxes: Map<string, Box>;
  /** Parents before children, depth first: the node order React Flow needs and the Tab order. */
  order: string[];
}

export const SIZE = {
  underlay: { width: 248, height: 64 },
  router: { width: 176, height: 56 },
  external: { width: 176, height: 56 },
  container: { width: 188, height: 62 },
} as const;

/** Inner spacing of the group nodes. `header` is the band holding the group's own name and facts. */
export const HOST_BOX = { minWidth: 220, header: 92, pad: 16, gap: 12, emptyHeight: 56 } as const;
/**
 * Hosts sit 72px apart so a flow's "80/tcp" label fits between them. The header holds the name and
 * two rows of fact chips (backend, MTU, pools, firewall openings), which wrap at the smallest width.
 */
export const CLUSTER_BOX = { minWidth: 300, header: 92, pad: 20, gap: 72, emptyHeight: 120 } as const;

const ROW = { router: 0, underlay: 112, cluster: 248 } as const;
const COLUMN_GAP = 48;
const EXTERNAL_X = -SIZE.external.width - 96;

type XY = { x: number; y: number };

/** Places the auto (unpositioned) items after the placed ones, along one axis. */
function flow<T extends { id: string; width: number; height: number }>(
  items: T[],
  layout: Document["layout"],
  axis: "x" | "y",
  start: XY,
  gap: number,
): Map<string, XY> {
  const out = new Map<string, XY>();
  let cursor = axis === "x" ? start.x : start.y;
  for (const item of items) {
    const p = layout[item.id];
    if (p) {
      out.set(item.id, { x: p.x, y: p.y });
      const end = axis === "x" ? p.x + item.width : p.y + item.height;
      // Only siblings roughly in the auto lane push the cursor, so a node dragged far away leaves no gap.
      const inLane = axis === "x" ? Math.abs(p.y - start.y) < item.height : Math.abs(p.x - start.x) < item.width;
      if (inLane) cursor = Math.max(cursor, end + gap);
    }
  }
  for (const item of items) {
    if (out.has(item.id)) continue;
    out.set(item.id, axis === "x" ? { x: cursor, y: start.y } : { x: start.x, y: cursor });
    cursor += (axis === "x" ? item.width : item.height) + gap;
  }
  return out;
}

const belowHeader = (p: XY, header: number): XY => (p.y < header ? { x: p.x, y: header } : p);

/** The smallest size of a group holding these children (relative boxes). */
function fit(children: Box[], min: Size, pad: number): Size {
  let width = min.width;
  let height = min.height;
  for (const c of children) {
    width = Math.max(width, c.x + c.width + pad);
    height = Math.max(height, c.y + c.height + pad);
  }
  return { width, height };
}

/** A group's size: the size stored in its layout entry, never smaller than its minimum. */
function sized(layout: Document["layout"], id: string, min: Size): Size {
  const p = layout[id];
  return { width: Math.max(min.width, p?.width ?? 0), height: Math.max(min.height, p?.height ?? 0) };
}

function computeLayoutUncached(doc: Document): Layout {
  const boxes = new Map<string, Box>();
  const { layout } = doc;

  const containersOf = new Map<string, Document["containers"]>();
  for (const c of doc.containers) containersOf.set(c.host, [...(containersOf.get(c.host) ?? []), c]);
  const hostsOf = new Map<string, Document["hosts"]>();
  for (const h of doc.hosts) hostsOf.set(h.cluster, [...(hostsOf.get(h.cluster) ?? []), h]);

  // Inside out: containers, then hosts (sized to their containers), then clusters.
  const hostChildren = new Map<string, Box[]>();
  const hostSize = new Map<string, Size>();
  const minSize = new Map<string, Size>();
  for (const h of doc.hosts) {
    const items = (containersOf.get(h.id) ?? []).map((c) => ({ id: c.id, ...SIZE.container }));
    const at = flow(items, layout, "y", { x: HOST_BOX.pad, y: HOST_BOX.header }, HOST_BOX.gap);
    const children = items.map((c): Box => {
      const p = belowHeader(at.get(c.id)!, HOST_BOX.header);
      return { id: c.id, kind: "container", parent: h.id, x: p.x, y: p.y, width: c.width, height: c.height, absX: 0, absY: 0 };
    });
    hostChildren.set(h.id, children);
    const min = fit(children, newNodeSize("host"), HOST_BOX.pad);
    minSize.set(h.id, min);
    hostSize.set(h.id, sized(layout, h.id, min));
  }
  const clusterChildren = new Map<string, Box[]>();
  const clusterSize = new Map<string, Size>();
  for (const c of doc.clusters) {
    const items = (hostsOf.get(c.id) ?? []).map((h) => ({ id: h.id, ...hostSize.get(h.id)! }));
    const at = flow(items, layout, "x", { x: CLUSTER_BOX.pad, y: CLUSTER_BOX.header }, CLUSTER_BOX.gap);
    const children = items.map((h): Box => {
      const p = belowHeader(at.get(h.id)!, CLUSTER_BOX.header);
      return { id: h.id, kind: "host", parent: c.id, x: p.x, y: p.y, width: h.width, height: h.height, absX: 0, absY: 0 };
    });
    clusterChildren.set(c.id, children);
    const min = fit(children, newNodeSize("cluster"), CLUSTER_BOX.pad);
    minSize.set(c.id, min);
    clusterSize.set(c.id, sized(layout, c.id, min));
  }

  const clusterItems = doc.clusters.map((c) => ({ id: c.id, ...clusterSize.get(c.id)! }));
  const clusterAt = flow(clusterItems, layout, "x", { x: 0, y: ROW.cluster }, COLUMN_GAP);
  // Rows above the clusters are centred over them while nobody has moved anything in them.
  const clustersWidth = clusterItems.reduce((w, c) => w + c.width, 0) + COLUMN_GAP * Math.max(0, clusterItems.length - 1);
  const centred = <T extends { id: string; width: number; height: number }>(items: T[], y: number, gap: number) => {
    const width = items.reduce((w, i) => w + i.width, 0) + gap * Math.max(0, items.length - 1);
    const free = items.every((i) => !layout[i.id]);
    return flow(items, layout, "x", { x: free ? Math.max(0, (clustersWidth - width) / 2) : 0, y }, gap);
  };
  const underlayItems = doc.underlays.map((u) => ({ id: u.id, ...SIZE.underlay }));
  const underlayAt = centred(underlayItems, ROW.underlay, COLUMN_GAP);
  const routerItems = doc.routers.map((r) => ({ id: r.id, ...SIZE.router }));
  const routerAt = centred(routerItems, ROW.router, COLUMN_GAP);
  const externalItems = doc.externals.map((e) => ({ id: e.id, ...SIZE.external }));
  const externalAt = flow(externalItems, layout, "y", { x: EXTERNAL_X, y: ROW.cluster }, 24);

  const order: string[] = [];
  const put = (box: Box) => {
    boxes.set(box.id, box);
    order.push(box.id);
  };
  const top = (id: string, kind: NodeKind, at: XY, size: Size) => put({ id, kind, x: at.x, y: at.y, ...size, absX: at.x, absY: at.y });
  const minOf = (id: string) => {
    const min = minSize.get(id)!;
    return { minWidth: min.width, minHeight: min.height };
  };

  for (const u of underlayItems) top(u.id, "underlay", underlayAt.get(u.id)!, SIZE.underlay);
  for (const r of routerItems) top(r.id, "router", routerAt.get(r.id)!, SIZE.router);
  for (const c of clusterItems) {
    const at = clusterAt.get(c.id)!;
    put({ id: c.id, kind: "cluster", x: at.x, y: at.y, width: c.width, height: c.height, absX: at.x, absY: at.y, ...minOf(c.id) });
    for (const h of clusterChildren.get(c.id) ?? []) {
      const host = { ...h, absX: at.x + h.x, absY: at.y + h.y, ...minOf(h.id) };
      put(host);
      for (const k of hostChildren.get(h.id) ?? []) put({ ...k, absX: host.absX + k.x, absY: host.absY + k.y });
    }
  }
  for (const e of externalItems) top(e.id, "external", externalAt.get(e.id)!, SIZE.external);
  return { boxes, order };
}

const cache = new WeakMap<Document, Layout>();

/** The layout of a document, computed once per document object. */
export function computeLayout(doc: Document): Layout {
  let l = cache.get(doc);
  if (!l) {
    l = computeLayoutUncached(doc);
    cache.set(doc, l);
  }
  return l;
}

/**
 * The computed positions of every node that has no layout entry yet. The first time the user moves
 * something, these are written along with the move, so the auto-layout freezes where it was:
 * moving one node never makes the others jump (auto-placed siblings flow after placed ones).
 */
export function unplacedPositions(doc: Document): Record<string, { x: number; y: number }> {
  const out: Record<string, { x: number; y: number }> = {};
  for (const b of computeLayout(doc).boxes.values()) if (!doc.layout[b.id]) out[b.id] = { x: b.x, y: b.y };
  return out;
}

/** Which kind of parent holds a kind of node, if any. */
export function parentKindOf(kind: NodeKind): NodeKind | undefined {
  return kind === "host" ? "cluster" : kind === "container" ? "host" : undefined;
}

/** The innermost cluster (for a host) or host (for a container) whose box contains an absolute point. */
export function parentAt(layout: Layout, kind: NodeKind, point: XY, exclude: ReadonlySet<string> = new Set()): string | undefined {
  const want = parentKindOf(kind);
  if (!want) return undefined;
  let found: string | undefined;
  for (const id of layout.order) {
    const b = layout.boxes.get(id)!;
    if (b.kind !== want || exclude.has(id)) continue;
    if (point.x >= b.absX && point.x <= b.absX + b.width && point.y >= b.absY && point.y <= b.absY + b.height) found = id;
  }
  return found;
}

/** A node's rectangle in flow coordinates. */
export const absoluteRect = (b: Box) => ({ x: b.absX, y: b.absY, width: b.width, height: b.height });

/** The rectangle around every node, in flow coordinates (the top-level nodes hold the others). */
export function diagramBounds(layout: Layout): { x: number; y: number; width: number; height: number } {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of layout.boxes.values()) {
    if (b.parent) continue;
    [x0, y0, x1, y1] = [Math.min(x0, b.absX), Math.min(y0, b.absY), Math.max(x1, b.absX + b.width), Math.max(y1, b.absY + b.height)];
  }
  return x0 === Infinity ? { x: 0, y: 0, width: 0, height: 0 } : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Every node whose box contains an absolute point, the innermost first (a container before its host and cluster). */
export function nodesAt(layout: Layout, point: XY): string[] {
  const found: string[] = [];
  for (const id of layout.order) {
    const b = layout.boxes.get(id)!;
    if (point.x >= b.absX && point.x <= b.absX + b.width && point.y >= b.absY && point.y <= b.absY + b.height) found.push(id);
  }
  return found.reverse();
}

/**
 * When a host grows to `size` (a container dropped near its right edge, say), the sibling hosts on
 * its right that it would now cover or crowd move right, each keeping the gap to the one before;
 * those further along move only if the ones before them push them. Only the hosts that move are
 * returned, with their new positions relative to the cluster.
 */
export function pushedAside(layout: Layout, id: string, size: Size): Record<string, XY> {
  const box = layout.boxes.get(id);
  const moved: Record<string, XY> = {};
  if (!box || box.kind !== "host" || !box.parent) return moved;
  const oldRight = box.x + box.width;
  let right = box.x + Math.max(box.width, size.width);
  if (right <= oldRight) return moved;
  const bottom = box.y + Math.max(box.height, size.height);
  const onTheRight = [...layout.boxes.values()]
    .filter((b) => b.parent === box.parent && b.id !== id && b.x >= oldRight && b.y < bottom && box.y < b.y + b.height)
    .sort((a, b) => a.x - b.x);
  for (const b of onTheRight) {
    if (b.x < right + CLUSTER_BOX.gap) {
      moved[b.id] = { x: right + CLUSTER_BOX.gap, y: b.y };
      right += CLUSTER_BOX.gap + b.width;
    } else {
      right = Math.max(right, b.x + b.width);
    }
  }
  return moved;
}

/** A child's relative position kept inside its parent's content area (below the header, right of the padding). */
export function clampIntoParent(kind: NodeKind, position: XY): XY {
  const box = kind === "host" ? CLUSTER_BOX : kind === "container" ? HOST_BOX : undefined;
  if (!box) return position;
  return { x: Math.max(box.pad, Math.round(position.x)), y: Math.max(box.header, Math.round(position.y)) };
}

/**
 * Where a dropped host or container settles inside `parent`: at `at`, or, when that covers a
 * sibling, just past it (below for containers, which stack; to the right for hosts, which line up).
 * `child` is a node on the canvas (its id) or a new one from the palette (its kind).
 */
export function settleChild(layout: Layout, parent: string, child: string | { kind: "host" | "container" }, at: XY): XY {
  const self = typeof child === "string" ? layout.boxes.get(child) : { id: undefined, kind: child.kind, ...newNodeSize(child.kind) };
  if (!self) return at;
  const siblings = [...layout.boxes.values()].filter((b) => b.parent === parent && b.id !== self.id);
  const vertical = self.kind === "container";
  const gap = vertical ? HOST_BOX.gap : CLUSTER_BOX.gap;
  let p = at;
  for (let i = 0; i <= siblings.length; i++) {
    const hit = siblings.find((b) => p.x < b.x + b.width && b.x < p.x + self.width && p.y < b.y + b.height && b.y < p.y + self.height);
    if (!hit) break;
    p = vertical ? { x: p.x, y: hit.y + hit.height + gap } : { x: hit.x + hit.width + gap, y: p.y };
  }
  return p;
}

/** The size a new node of this kind will have (groups: their empty size). */
export function newNodeSize(kind: NodeKind): Size {
  if (kind === "cluster") return { width: CLUSTER_BOX.minWidth, height: CLUSTER_BOX.header + CLUSTER_BOX.emptyHeight + CLUSTER_BOX.pad };
  if (kind === "host") return { width: HOST_BOX.minWidth, height: HOST_BOX.header + HOST_BOX.emptyHeight + HOST_BOX.pad };
  return SIZE[kind];
}

const LEAN: Record<NodeKind, XY> = {
  router: { x: 0, y: -1 },
  underlay: { x: 0, y: -1 },
  cluster: { x: 0, y: 1 },
  external: { x: -1, y: 0 },
  host: { x: 1, y: 0 },
  container: { x: 0, y: 1 },
};

/**
 * A free spot for a new top-level node, as near `centre` as possible: candidates on growing rings
 * around the centre until one overlaps no other top-level node (with a margin), so repeated
 * additions spread out instead of stacking.
 */
export function freeSpot(layout: Layout, kind: NodeKind, centre: XY): XY {
  const size = newNodeSize(kind);
  const margin = 24;
  const others = [...layout.boxes.values()].filter((b) => !b.parent);
  const fits = (p: XY) =>
    others.every(
      (b) =>
        p.x + size.width + margin <= b.absX ||
        b.absX + b.width + margin <= p.x ||
        p.y + size.height + margin <= b.absY ||
        b.absY + b.height + margin <= p.y,
    );
  const origin = { x: Math.round(centre.x - size.width / 2), y: Math.round(centre.y - size.height / 2) };
  if (fits(origin)) return origin;
  const step = 40;
  for (let ring = 1; ring <= 40; ring++) {
    // Walk the ring's border, nearest points (the axes) first.
    const candidates: XY[] = [];
    for (let i = -ring; i <= ring; i++) {
      candidates.push({ x: i, y: -ring }, { x: i, y: ring }, { x: -ring, y: i }, { x: ring, y: i });
    }
    // Nearest first, leaning the way the auto-layout reads: routers above underlays above clusters, endpoints on the left.
    const lean = LEAN[kind];
    const score = (c: XY) => Math.hypot(c.x, c.y * 1.5) - 0.6 * (c.x * lean.x + c.y * lean.y);
    candidates.sort((a, b) => score(a) - score(b));
    for (const c of candidates) {
      const p = { x: origin.x + c.x * step, y: origin.y + c.y * step };
      if (fits(p)) return p;
    }
  }
  return origin;
}

/** A cluster's or host's smallest size: what its children need, with padding. Undefined for other nodes. */
export function groupMinSize(layout: Layout, id: string): Size | undefined {
  const box = layout.boxes.get(id);
  return box?.minWidth === undefined || box.minHeight === undefined ? undefined : { width: box.minWidth, height: box.minHeight };
}

/**
 * The layout entry that gives a cluster or host a new size (whole pixels, never below its minimum),
 * keeping where it is; undefined when it is not a group or its size would not change. A missing
 * dimension keeps the current one.
 */
export function resizedEntry(doc: Document, id: string, size: Partial<Size>): Document["layout"][string] | undefined {
  const layout = computeLayout(doc);
  const box = layout.boxes.get(id);
  const min = groupMinSize(layout, id);
  if (!box || !min) return undefined;
  const width = Math.max(min.width, Math.round(size.width ?? box.width));
  const height = Math.max(min.height, Math.round(size.height ?? box.height));
  if (width === box.width && height === box.height) return undefined;
  return { ...doc.layout[id], x: box.x, y: box.y, width, height };
}
