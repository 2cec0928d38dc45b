import { beforeEach, describe, expect, it } from "vitest";
import { redo, sampleDocument, undo, useDocumentStore } from "../store/document-store.ts";
import { useStatusStore } from "../store/status-store.ts";
import { computeLayout } from "./layout.ts";
import { resizeGroup, resizeGroupBy } from "./resize.ts";

const doc = () => useDocumentStore.getState().document;
const steps = () => useDocumentStore.temporal.getState().pastStates.length;
const box = (id: string) => computeLayout(doc()).boxes.get(id)!;

beforeEach(() => {
  useDocumentStore.setState({ document: sampleDocument() });
  useDocumentStore.temporal.getState().clear();
});

describe("resizing a cluster or host", () => {
  it("writes the size into the layout as one undo step, and says so", () => {
    const before = box("node1");
    expect(resizeGroup("node1", { width: 360.6, height: 240 })).toBe(true);
    expect(doc().layout.node1).toEqual({ x: before.x, y: before.y, width: 361, height: 240 });
    expect(box("node1")).toMatchObject({ width: 361, height: 240 });
    expect(steps()).toBe(1);
    expect(useStatusStore.getState().message).toBe("Host node-1 is now 361 × 240");
    undo();
    expect(box("node1")).toMatchObject({ width: before.width, height: before.height });
    redo();
    expect(box("node1").width).toBe(361);
  });

  it("keeps one dimension when given the other", () => {
    const height = box("k8s").height;
    resizeGroup("k8s", { width: 1500 });
    expect(box("k8s")).toMatchObject({ width: 1500, height });
  });

  it("never goes below what the group holds, and an unchanged size is no undo step", () => {
    resizeGroup("node1", { width: 400 });
    expect(resizeGroup("node1", { width: 1 })).toBe(true);
    expect(box("node1").width).toBe(box("node1").minWidth);
    expect(resizeGroup("node1", { width: 1 })).toBe(false);
    expect(resizeGroup("node1", {})).toBe(false);
    expect(resizeGroup("web", { width: 500 })).toBe(false); // containers have a fixed size
    expect(steps()).toBe(2);
  });

  it("leaves every other node where it was (the auto-layout is written down, as after a drag)", () => {
    const others = ["node2", "node3", "k8s", "lan", "gw", "internet"].map((id) => [id, box(id).absX, box(id).absY]);
    resizeGroup("node1", { width: 600 });
    expect(others.map(([id]) => [id, box(id as string).absX, box(id as string).absY])).toEqual(others);
  });

  it("grows and shrinks by steps from the keyboard, stopping at the minimum", () => {
    const { width, height, minHeight } = box("node2");
    expect(resizeGroupBy("node2", 8, 0)).toBe(true);
    expect(box("node2")).toMatchObject({ width: width + 8, height });
    expect(height).toBe(minHeight); // the sample's hosts are as small as they can be
    expect(resizeGroupBy("node2", 0, -8)).toBe(false);
    expect(box("node2").height).toBe(height);
    expect(useStatusStore.getState().message).toMatch(/^Host node-2 is at its smallest/);
    expect(resizeGroupBy("web", 8, 8)).toBe(false);
  });
});
