import { describe, expect, it } from "vitest";
import { type Document, emptyDocument, parseDocument } from "../model/document.ts";
import { applyEdit } from "../model/edits.ts";
import { placeNew } from "../model/new-objects.ts";
import { SAMPLE_DOCUMENT } from "../model/sample.ts";
import {
  CLUSTER_BOX,
  HOST_BOX,
  SIZE,
  clampIntoParent,
  computeLayout,
  diagramBounds,
  freeSpot,
  groupMinSize,
  nodesAt,
  parentAt,
  pushedAside,
  resizedEntry,
} from "./layout.ts";

function sample(): Document {
  const r = parseDocument(SAMPLE_DOCUMENT);
  if (!r.ok) throw new Error("sample invalid");
  return r.document;
}

describe("the canvas layout", () => {
  it("lists parents before their children, depth first", () => {
    const { order } = computeLayout(sample());
    expect(order).toEqual(["lan", "gw", "k8s", "node1", "web", "node2", "api", "node3", "db", "internet"]);
  });

  it("puts hosts inside their cluster and containers inside their host, relative to the parent", () => {
    const { boxes } = computeLayout(sample());
    const k8s = boxes.get("k8s")!;
    const node2 = boxes.get("node2")!;
    const api = boxes.get("api")!;
    expect(node2).toMatchObject({ parent: "k8s", y: CLUSTER_BOX.header });
    expect(api).toMatchObject({ parent: "node2", x: HOST_BOX.pad, y: HOST_BOX.header, ...SIZE.container });
    expect(api.absX).toBe(k8s.absX + node2.x + api.x);
    // Each parent holds its children with padding to spare.
    for (const child of boxes.values()) {
      if (!child.parent) continue;
      const parent = boxes.get(child.parent)!;
      expect(child.x + child.width).toBeLessThanOrEqual(parent.width);
      expect(child.y + child.height).toBeLessThanOrEqual(parent.height);
    }
    // Siblings side by side do not overlap.
    const node1 = boxes.get("node1")!;
    expect(node1.x + node1.width).toBeLessThan(node2.x);
  });

  it("honours stored positions and grows the parent to hold a moved child", () => {
    const doc = applyEdit(sample(), { kind: "move", positions: { web: { x: 16, y: 300 } } });
    const { boxes } = computeLayout(doc);
    expect(boxes.get("web")).toMatchObject({ x: 16, y: 300 });
    expect(boxes.get("node1")!.height).toBe(300 + SIZE.container.height + HOST_BOX.pad);
    expect(boxes.get("k8s")!.height).toBeGreaterThan(boxes.get("node1")!.height);
  });

  it("is the same for the same document (deterministic), and computed once per document", () => {
    const a = computeLayout(sample());
    const b = computeLayout(sample());
    expect([...a.boxes.values()]).toEqual([...b.boxes.values()]);
    const doc = sample();
    expect(computeLayout(doc)).toBe(computeLayout(doc));
  });

  it("finds the cluster or host under a point", () => {
    const layout = computeLayout(sample());
    const node3 = layout.boxes.get("node3")!;
    const inside = { x: node3.absX + 10, y: node3.absY + node3.height - 5 };
    expect(parentAt(layout, "container", inside)).toBe("node3");
    expect(parentAt(layout, "host", inside)).toBe("k8s");
    expect(parentAt(layout, "container", { x: -5000, y: 0 })).toBeUndefined();
    expect(parentAt(layout, "container", inside, new Set(["node3"]))).toBeUndefined();
    expect(parentAt(layout, "underlay", inside)).toBeUndefined();
  });

  it("never draws a child over its parent's header, whatever its stored position", () => {
    // Stored when the cluster's header was lower (scenarios from before its chips could wrap).
    const doc = applyEdit(sample(), { kind: "move", positions: { node1: { x: 20, y: 72 }, web: { x: 16, y: 40 } } });
    const { boxes } = computeLayout(doc);
    expect(boxes.get("node1")).toMatchObject({ x: 20, y: CLUSTER_BOX.header });
    expect(boxes.get("web")).toMatchObject({ x: 16, y: HOST_BOX.header });
  });

  it("lists the nodes under a point, innermost first", () => {
    const layout = computeLayout(sample());
    const web = layout.boxes.get("web")!;
    expect(nodesAt(layout, { x: web.absX + web.width / 2, y: web.absY + web.height / 2 })).toEqual(["web", "node1", "k8s"]);
    const node1 = layout.boxes.get("node1")!;
    expect(nodesAt(layout, { x: node1.absX + 10, y: node1.absY + 10 })).toEqual(["node1", "k8s"]);
    expect(nodesAt(layout, { x: -5000, y: -5000 })).toEqual([]);
  });

  it("frames the whole diagram", () => {
    const layout = computeLayout(sample());
    const bounds = diagramBounds(layout);
    for (const b of layout.boxes.values()) {
      expect(b.absX).toBeGreaterThanOrEqual(bounds.x);
      expect(b.absY).toBeGreaterThanOrEqual(bounds.y);
      expect(b.absX + b.width).toBeLessThanOrEqual(bounds.x + bounds.width);
      expect(b.absY + b.height).toBeLessThanOrEqual(bounds.y + bounds.height);
    }
    expect(diagramBounds(computeLayout(emptyDocument()))).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });

  it("keeps a child below its parent's header", () => {
    expect(clampIntoParent("container", { x: -20, y: 3 })).toEqual({ x: HOST_BOX.pad, y: HOST_BOX.header });
    expect(clampIntoParent("cluster", { x: -20, y: 3 })).toEqual({ x: -20, y: 3 });
  });

  it("finds free spots that do not overlap what is there", () => {
    let doc = emptyDocument();
    const spots = [];
    for (let i = 0; i < 4; i++) {
      const at = freeSpot(computeLayout(doc), "underlay", { x: 0, y: 0 });
      spots.push(at);
      doc = applyEdit(doc, placeNew(doc, "underlay", { position: at }).edit);
    }
    const boxes = [...computeLayout(doc).boxes.values()];
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b) continue;
        const overlap = a.absX < b.absX + b.width && b.absX < a.absX + a.width && a.absY < b.absY + b.height && b.absY < a.absY + a.height;
        expect(overlap).toBe(false);
      }
    }
    expect(spots[0]).toEqual({ x: -SIZE.underlay.width / 2, y: -SIZE.underlay.height / 2 });
  });
});

describe("a host that grows", () => {
  it("pushes the hosts on its right along, keeping the gap between them", () => {
    const layout = computeLayout(sample());
    const [node1, node2, node3] = ["node1", "node2", "node3"].map((id) => layout.boxes.get(id)!);
    const moved = pushedAside(layout, "node1", { width: node1!.width + 150, height: node1!.height });
    expect(moved.node2).toEqual({ x: node1!.x + node1!.width + 150 + CLUSTER_BOX.gap, y: node2!.y });
    expect(moved.node3).toEqual({ x: moved.node2!.x + node2!.width + CLUSTER_BOX.gap, y: node3!.y });
  });

  it("moves only the hosts it comes too close to", () => {
    const layout = computeLayout(sample());
    const node1 = layout.boxes.get("node1")!;
    const node2 = layout.boxes.get("node2")!;
    expect(pushedAside(layout, "node1", { width: node1.width, height: 400 })).toEqual({}); // taller only
    expect(pushedAside(layout, "node3", { width: 600, height: 200 })).toEqual({}); // nothing on its right
    // Far enough from node3 after pushing node2 by 30: node3 stays.
    const spread = applyEdit(sample(), { kind: "move", positions: { node1: { x: node1.x, y: node1.y }, node2: { x: node2.x, y: node2.y }, node3: { x: 2000, y: node2.y } } });
    const moved = pushedAside(computeLayout(spread), "node1", { width: node1.width + 30, height: node1.height });
    expect(Object.keys(moved)).toEqual(["node2"]);
    expect(pushedAside(layout, "web", { width: 600, height: 600 })).toEqual({}); // containers push nothing
  });
});

describe("the size of clusters and hosts", () => {
  const resized = (doc: Document, sizes: Record<string, { width?: number; height?: number }>) => {
    const positions = Object.fromEntries(
      Object.entries(sizes).map(([id, size]) => {
        const box = computeLayout(doc).boxes.get(id)!;
        return [id, { x: box.x, y: box.y, ...size }];
      }),
    );
    return applyEdit(doc, { kind: "move", positions });
  };

  it("is at least what the children need: their bounding box and the padding", () => {
    const layout = computeLayout(sample());
    const web = layout.boxes.get("web")!;
    expect(groupMinSize(layout, "node1")).toEqual({ width: HOST_BOX.minWidth, height: web.y + web.height + HOST_BOX.pad });
    const node3 = layout.boxes.get("node3")!;
    expect(groupMinSize(layout, "k8s")).toEqual({ width: node3.x + node3.width + CLUSTER_BOX.pad, height: node3.y + node3.height + CLUSTER_BOX.pad });
    expect(groupMinSize(layout, "web")).toBeUndefined();
    expect(groupMinSize(layout, "lan")).toBeUndefined();
  });

  it("honours a stored width and height, and a bigger host makes its cluster bigger", () => {
    const before = computeLayout(sample());
    const doc = resized(sample(), { node1: { width: 400, height: 300 } });
    const { boxes } = computeLayout(doc);
    expect(boxes.get("node1")).toMatchObject({ width: 400, height: 300, minWidth: before.boxes.get("node1")!.minWidth });
    expect(boxes.get("k8s")!.height).toBe(CLUSTER_BOX.header + 300 + CLUSTER_BOX.pad);
    expect(boxes.get("k8s")!.minHeight).toBe(boxes.get("k8s")!.height);
  });

  it("never hides a child: a stored size below the minimum gives the minimum", () => {
    const doc = resized(sample(), { node1: { width: 10, height: 10 }, k8s: { width: 5 } });
    const layout = computeLayout(doc);
    expect(layout.boxes.get("node1")).toMatchObject(groupMinSize(layout, "node1")!);
    expect(layout.boxes.get("k8s")!.width).toBe(groupMinSize(layout, "k8s")!.width);
  });

  it("resizedEntry: whole pixels, clamped to the minimum, keeping the position; nothing when nothing changes", () => {
    const doc = sample();
    const node1 = computeLayout(doc).boxes.get("node1")!;
    expect(resizedEntry(doc, "node1", { width: 300.4 })).toEqual({ x: node1.x, y: node1.y, width: 300, height: node1.height });
    expect(resizedEntry(doc, "node1", { width: 1, height: 1 })).toBeUndefined(); // the minimum is its size already
    expect(resizedEntry(doc, "node1", { width: 1, height: 500 })).toEqual({ x: node1.x, y: node1.y, width: node1.minWidth, height: 500 });
    expect(resizedEntry(doc, "node1", { width: node1.width })).toBeUndefined();
    expect(resizedEntry(doc, "web", { width: 500 })).toBeUndefined(); // containers keep their size
    expect(resizedEntry(doc, "nowhere", { width: 500 })).toBeUndefined();
  });
});
