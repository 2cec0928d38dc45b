/**
 * The few things outside the canvas (palette clicks, New, Open, the report panels) ask of it: where
 * the visible centre is in flow coordinates, to fit the drawing or some of its nodes into view, to
 * bring a node into view. The canvas registers them when mounted.
 */
export interface CanvasApi {
  /** The centre of the visible canvas, in flow coordinates. */
  centre(): { x: number; y: number };
  /** Fit the whole drawing into view (after New or Open). */
  fitView(): void;
  /**
   * Brings a node just added or pasted (or the packet tracer's hop) into view: nothing if it is, the
   * whole drawing if it fits at a readable zoom, else the least pan (reveal.ts).
   */
  reveal(id: string): void;
  /** Frames all the given nodes (a diagnostic's subjects); ids that are not nodes are skipped. */
  fitNodes(ids: readonly string[]): void;
}

let current: CanvasApi | undefined;

export function registerCanvas(api: CanvasApi | undefined) {
  current = api;
}

export function canvasApi(): CanvasApi {
  return current ?? { centre: () => ({ x: 0, y: 0 }), fitView: () => {}, reveal: () => {}, fitNodes: () => {} };
}
