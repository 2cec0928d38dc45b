import { describe, expect, it } from "vitest";
import { READABLE_ZOOM, panAxis, revealViewport } from "./reveal.ts";

const FIT = { padding: 0.08, minZoom: 0.15, maxZoom: 1.25 };
const SCREEN = { width: 800, height: 600 };

/** What a viewport shows, in flow coordinates. */
const shown = (v: { x: number; y: number; zoom: number }) => ({ x: -v.x / v.zoom, y: -v.y / v.zoom, width: SCREEN.width / v.zoom, height: SCREEN.height / v.zoom });
const contains = (outer: ReturnType<typeof shown>, r: { x: number; y: number; width: number; height: number }) =>
  r.x >= outer.x - 0.001 && r.y >= outer.y - 0.001 && r.x + r.width <= outer.x + outer.width + 0.001 && r.y + r.height <= outer.y + outer.height + 0.001;

describe("bringing a node into view", () => {
  const viewport = { x: 0, y: 0, zoom: 1 };

  it("leaves the view alone when the node is in full view", () => {
    const node = { x: 100, y: 100, width: 200, height: 60 };
    expect(revealViewport({ viewport, screen: SCREEN, node, diagram: { x: 0, y: 0, width: 3000, height: 2000 }, fit: FIT })).toBeUndefined();
  });

  it("fits the whole diagram when it is readable that way", () => {
    const node = { x: 900, y: 300, width: 220, height: 160 };
    const diagram = { x: 0, y: 0, width: 1120, height: 500 };
    const v = revealViewport({ viewport, screen: SCREEN, node, diagram, fit: FIT })!;
    expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(v.zoom).toBeLessThan(1);
    expect(contains(shown(v), diagram)).toBe(true);
    // Never zoomed in: a smaller diagram is framed at the zoom the user has.
    const small = { x: 500, y: 0, width: 600, height: 300 };
    const w = revealViewport({ viewport, screen: SCREEN, node: { x: 1000, y: 100, width: 100, height: 50 }, diagram: small, fit: FIT })!;
    expect(w.zoom).toBe(1);
    expect(contains(shown(w), small)).toBe(true);
  });

  it("otherwise pans the least, keeping the zoom, and keeps the parent's left edge in view when there is room", () => {
    const diagram = { x: 0, y: 0, width: 4000, height: 3000 }; // fits only at 0.18
    const parent = { x: 500, y: 200, width: 700, height: 300 };
    const node = { x: 950, y: 300, width: 220, height: 160 };
    const v = revealViewport({ viewport, screen: SCREEN, node, parent, diagram, fit: FIT })!;
    expect(v.zoom).toBe(1);
    const view = shown(v);
    expect(contains(view, node)).toBe(true);
    expect(view.x).toBeLessThanOrEqual(parent.x); // not centred on the node: the parent's name stays
    expect(view.y).toBeCloseTo(0); // vertically in view already: no vertical move
  });

  it("zooms out as little as it takes to keep the parent's left edge in view, while that is readable", () => {
    const diagram = { x: 0, y: 0, width: 4000, height: 3000 };
    const parent = { x: 0, y: 0, width: 1100, height: 300 };
    const node = { x: 850, y: 100, width: 220, height: 160 };
    const v = revealViewport({ viewport, screen: SCREEN, node, parent, diagram, fit: FIT })!;
    expect(v.zoom).toBeCloseTo((SCREEN.width - 48) / 1070);
    expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    const view = shown(v);
    expect(contains(view, node)).toBe(true);
    expect(view.x).toBeLessThanOrEqual(parent.x);
  });

  it("shows the node, not its parent's edge, when both do not fit at a readable zoom", () => {
    const diagram = { x: 0, y: 0, width: 4000, height: 3000 };
    const parent = { x: 0, y: 0, width: 2000, height: 300 };
    const node = { x: 1700, y: 100, width: 220, height: 160 };
    const v = revealViewport({ viewport, screen: SCREEN, node, parent, diagram, fit: FIT })!;
    expect(v.zoom).toBe(READABLE_ZOOM);
    const view = shown(v);
    expect(contains(view, node)).toBe(true);
    expect(view.x + view.width).toBeCloseTo(node.x + node.width + 24 / READABLE_ZOOM); // just in, with the margin
  });

  it("keeps a zoom the user chose below the readable one", () => {
    const diagram = { x: 0, y: 0, width: 40000, height: 30000 };
    const node = { x: 5000, y: 100, width: 220, height: 160 };
    expect(revealViewport({ viewport: { x: 0, y: 0, zoom: 0.3 }, screen: SCREEN, node, diagram, fit: FIT })!.zoom).toBe(0.3);
  });
});

describe("panAxis", () => {
  it("moves a view as little as it takes to show a span", () => {
    expect(panAxis(0, 100, 10, 50)).toBe(0);
    expect(panAxis(0, 100, 120, 150)).toBe(50);
    expect(panAxis(200, 100, 120, 150)).toBe(120);
  });

  it("goes back to the anchor when it moved and there is room, never losing the span", () => {
    expect(panAxis(200, 100, 120, 150, 60)).toBe(60);
    expect(panAxis(200, 100, 120, 150, 20)).toBe(50);
    expect(panAxis(0, 100, 120, 150, 20)).toBe(50);
    expect(panAxis(0, 100, 10, 50, -20)).toBe(0); // did not move: stays
    expect(panAxis(0, 100, 300, 500, 250)).toBe(300); // longer than the view: its start
  });
});
