/**
 * Where the view goes to bring a node into sight (a node just added or pasted, the packet tracer's
 * next hop): `reveal` in canvas-api.ts. Pure: rectangles in flow coordinates, the viewport as React
 * Flow keeps it (the flow origin's place on screen, and the zoom).
 *
 * - The node is in full view: the view stays, so adding things never moves the drawing needlessly.
 * - The whole diagram fits at a readable zoom: the view frames it (zooming out if need be, never in),
 *   so the user keeps the context.
 * - Otherwise: the view pans only as far as needed to bring the node in, keeping its parent's left
 *   edge in view (its name, its facts, which centring the node used to cut off): zooming out for it
 *   if need be, but not below the readable zoom (then the node wins). Its parent's top edge stays in
 *   view too when there is room.
 */
import { type Rect, type Viewport, getViewportForBounds } from "@xyflow/react";

/** The smallest zoom at which fitting the whole diagram still leaves it readable. */
export const READABLE_ZOOM = 0.6;
/** Screen pixels kept between a node brought into view and the canvas edge. */
const MARGIN = 24;

export interface RevealRequest {
  viewport: Viewport;
  /** The canvas's size on screen. */
  screen: { width: number; height: number };
  node: Rect;
  /** The node's cluster or host, if it has one. */
  parent?: Rect;
  /** The bounds of every node: what fitting the diagram frames. */
  diagram: Rect;
  /** How the canvas fits the diagram (React Flow's fitView options). */
  fit: { padding: number; minZoom: number; maxZoom: number };
}

/** The viewport that brings the node into view, or undefined when the view should stay as it is. */
export function revealViewport({ viewport, screen, node, parent, diagram, fit }: RevealRequest): Viewport | undefined {
  const { zoom } = viewport;
  const view = { x: -viewport.x / zoom, y: -viewport.y / zoom, width: screen.width / zoom, height: screen.height / zoom };
  const inView = node.x >= view.x && node.y >= view.y && node.x + node.width <= view.x + view.width && node.y + node.height <= view.y + view.height;
  if (inView) return undefined;
  // Framed, never zoomed in: adding something does not change the scale the user chose.
  const frame = (maxZoom: number) => getViewportForBounds(diagram, screen.width, screen.height, fit.minZoom, maxZoom, fit.padding);
  if (frame(fit.maxZoom).zoom >= READABLE_ZOOM) return frame(Math.min(fit.maxZoom, zoom));
  // Zoomed out as far as it takes to show the parent's left edge with the node, if that is readable.
  const left = parent ? Math.min(parent.x, node.x) : node.x;
  const needed = (screen.width - 2 * MARGIN) / (node.x + node.width - left);
  const z = Math.max(fit.minZoom, Math.min(zoom, Math.max(needed, Math.min(zoom, READABLE_ZOOM))));
  const m = MARGIN / z;
  const [width, height] = [screen.width / z, screen.height / z];
  // Across: the view's left edge moves the least, between where the node's right edge just shows and
  // where the parent's left edge does; the node first when both cannot show, its left edge first if it is wider than the view.
  const showsNode = node.x + node.width + m - width;
  const showsParent = left - m;
  const x = node.width + 2 * m > width ? node.x - m : Math.max(Math.min(view.x, showsParent), showsNode);
  const y = panAxis(view.y, height, node.y - m, node.y + node.height + m, parent && parent.y - m);
  return { x: -x * z, y: -y * z, zoom: z };
}

/**
 * Along one axis: the view's new start, moved as little as possible from `start` so that [lo, hi]
 * shows in a view `size` long (its start, if it is longer than the view); if the view moves, also
 * back to `anchor` (the parent's edge, before `lo`) when that keeps `hi` in view.
 */
export function panAxis(start: number, size: number, lo: number, hi: number, anchor?: number): number {
  let s = start;
  if (hi > s + size) s = hi - size;
  if (lo < s) s = lo;
  if (s !== start && anchor !== undefined && anchor < s) s = Math.max(anchor, Math.min(s, hi - size));
  return s;
}
