import { beforeEach, describe, expect, it, vi } from "vitest";
import { CLUSTER_BOX, computeLayout } from "../canvas/layout.ts";
import { emptyDocument } from "../model/document.ts";
import { sampleDocument, undo, useDocumentStore } from "../store/document-store.ts";
import { useReportStore } from "../store/report-store.ts";
import { useSelectionStore } from "../store/selection-store.ts";
import { useStatusStore } from "../store/status-store.ts";
import {
  addFromPalette,
  canConnect,
  canConnectHandles,
  connect,
  connectHint,
  connectableEnds,
  copySelection,
  deleteSelection,
  dropConnection,
  dropFromPalette,
  duplicateSelection,
  finishDrag,
  nudgeSelection,
  pasteClipboard,
} from "./actions.ts";

const doc = () => useDocumentStore.getState().document;
const steps = () => useDocumentStore.temporal.getState().pastStates.length;
const selected = () => useSelectionStore.getState().selected;
const status = () => useStatusStore.getState().message;

function open(document = sampleDocument()) {
  useDocumentStore.setState({ document });
  useDocumentStore.temporal.getState().clear();
  useSelectionStore.getState().select([]);
}

beforeEach(() => open());

describe("palette actions", () => {
  it("builds a design from nothing, selecting each new object so the next goes inside it", () => {
    open(emptyDocument());
    addFromPalette("underlay");
    addFromPalette("cluster");
    expect(addFromPalette("host")).toBe("node-1");
    expect(addFromPalette("container")).toBe("app-1");
    expect(status()).toBe("Added container app-1 in node-1");
    expect(addFromPalette("host")).toBe("node-2");
    expect(addFromPalette("container")).toBe("app-2");
    expect(doc().containers.map((c) => c.host)).toEqual(["node-1", "node-2"]);
    expect(selected()).toEqual(["app-2"]);
    expect(steps()).toBe(6);
  });

  it("adds what a container needs when there is nothing, in one undo step", () => {
    open(emptyDocument());
    addFromPalette("container");
    expect(doc().hosts).toHaveLength(1);
    expect(doc().clusters).toHaveLength(1);
    expect(status()).toMatch(/^Added container app-1 \(and host node-1, underlay network lan-1, cluster cluster-1, which it needs\)/);
    undo();
    expect(doc()).toEqual(emptyDocument());
  });

  it("a new cluster's pool avoids the existing cluster's", async () => {
    // It reads the pools from the report, which arrives asynchronously (from the Worker in a browser).
    await vi.waitFor(() => expect(useReportStore.getState().analysed).toBe(doc()));
    addFromPalette("cluster");
    const added = doc().clusters.at(-1)!;
    expect(added.backend).toMatchObject({ type: "flannel", mode: "vxlan", network: "10.245.0.0/16" });
  });

  it("a container dropped on a host goes into it, at the drop point", () => {
    const layout = computeLayout(doc());
    const node2 = layout.boxes.get("node2")!;
    const id = dropFromPalette("container", { x: node2.absX + node2.width / 2, y: node2.absY + node2.height - 10 });
    expect(doc().containers.find((c) => c.id === id)?.host).toBe("node2");
    expect(doc().layout[id]!.y).toBeGreaterThan(0);
  });

  it("dropped on a sibling, a container settles below it and a host beside it, never on top", () => {
    const overlaps = (a: string, b: string) => {
      const l = computeLayout(doc());
      const x = l.boxes.get(a)!;
      const y = l.boxes.get(b)!;
      return x.absX < y.absX + y.width && y.absX < x.absX + x.width && x.absY < y.absY + y.height && y.absY < x.absY + x.height;
    };
    const centre = (id: string) => {
      const b = computeLayout(doc()).boxes.get(id)!;
      return { x: b.absX + b.width / 2, y: b.absY + b.height / 2 };
    };
    const api = doc().containers.find((c) => c.host === "node2")!.id;
    const container = dropFromPalette("container", centre(api));
    expect(doc().containers.find((c) => c.id === container)?.host).toBe("node2");
    expect(overlaps(container, api)).toBe(false);
    expect(doc().layout[container]!.y).toBeGreaterThan(doc().layout[api]?.y ?? computeLayout(doc()).boxes.get(api)!.y);

    const host = dropFromPalette("host", centre("node1"));
    expect(doc().hosts.find((h) => h.id === host)?.cluster).toBe("k8s");
    for (const other of ["node1", "node2", "node3"]) expect(overlaps(host, other)).toBe(false);
  });
});

describe("editing the selection", () => {
  it("deletes the selection and what depends on it; undo brings it back", () => {
    useSelectionStore.getState().select(["node1"]);
    deleteSelection();
    expect(doc().hosts.map((h) => h.id)).toEqual(["node2", "node3"]);
    expect(doc().flows.map((f) => f.id)).toEqual(["f-db"]);
    expect(selected()).toEqual([]);
    undo();
    expect(doc().flows).toHaveLength(3);
  });

  it("duplicates and pastes with fresh names", () => {
    useSelectionStore.getState().select(["db"]);
    duplicateSelection();
    expect(selected()).toEqual(["db-1"]);
    copySelection();
    pasteClipboard();
    expect(selected()).toEqual(["db-2"]);
    expect(doc().containers.filter((c) => c.host === "node3").map((c) => c.id)).toEqual(["db", "db-1", "db-2"]);
  });

  it("nudges selected nodes, but not the children of selected nodes", () => {
    const before = computeLayout(doc()).boxes;
    useSelectionStore.getState().select(["node1", "web", "lan"]);
    nudgeSelection(8, 0);
    const after = computeLayout(doc()).boxes;
    expect(after.get("node1")!.x).toBe(before.get("node1")!.x + 8);
    expect(after.get("lan")!.x).toBe(before.get("lan")!.x + 8);
    expect(after.get("web")!.x).toBe(before.get("web")!.x);
    expect(steps()).toBe(1);
  });

  it("connects containers with a flow to the target's port, and a host to another underlay", () => {
    expect(canConnect(doc(), "web", "db")).toBe(true);
    expect(canConnect(doc(), "db", "internet")).toBe(false);
    expect(canConnect(doc(), "gw", "lan")).toBe(false); // already joined
    expect(connect("web", "db")).toBe(true);
    expect(doc().flows.at(-1)).toMatchObject({ from: "web", to: "db", port: 5432, protocol: "tcp" });
    expect(selected()).toEqual([doc().flows.at(-1)!.id]);
  });
});

describe("a connection dragged from a handle", () => {
  const centre = (id: string) => {
    const b = computeLayout(doc()).boxes.get(id)!;
    return { x: b.absX + b.width / 2, y: b.absY + b.height / 2 };
  };
  const fromWeb = { node: "web", end: "source" as const, handle: "out" };

  it("draws a flow when let go anywhere on a container's card, not only on its handle", () => {
    expect(dropConnection(fromWeb, centre("db"))).toBe(true);
    expect(doc().flows.at(-1)).toMatchObject({ from: "web", to: "db", port: 5432 });
    expect(status()).toBe("Added flow web → db on 5432/tcp");
    expect(steps()).toBe(1);
    // From a container's left handle, the other way round.
    expect(dropConnection({ node: "db", end: "target", handle: "in" }, centre("api"))).toBe(true);
    expect(doc().flows.at(-1)).toMatchObject({ from: "api", to: "db" });
  });

  it("says where to drop when let go on nothing it can end on", () => {
    const before = doc();
    expect(dropConnection(fromWeb, { x: -4000, y: -4000 })).toBe(false);
    expect(useStatusStore.getState()).toMatchObject({ message: "Drop on a container to draw a flow", tone: "error" });
    const node3 = computeLayout(doc()).boxes.get("node3")!;
    expect(dropConnection(fromWeb, { x: node3.absX + 10, y: node3.absY + 10 })).toBe(false); // on the host, not its container
    expect(dropConnection(fromWeb, centre("web"))).toBe(false); // on itself
    expect(doc()).toBe(before);
    expect(status()).toBe("Drop on a container to draw a flow");
  });

  it("puts a host on another underlay from either end, and keeps links and flows apart", () => {
    const lan2 = addFromPalette("underlay");
    expect(dropConnection({ node: lan2, end: "source", handle: "bottom" }, centre("node2"))).toBe(true);
    expect(doc().hosts.find((h) => h.id === "node2")?.underlay).toBe(lan2);
    expect(dropConnection({ node: "node3", end: "target", handle: "top" }, centre(lan2))).toBe(true);
    expect(doc().hosts.find((h) => h.id === "node3")?.underlay).toBe(lan2);
    expect(canConnectHandles(doc(), { source: lan2, sourceHandle: "bottom", target: "node1", targetHandle: "top" })).toBe(true);
    // Not onto the network it is on already (that would only drop its pinned address).
    expect(dropConnection({ node: "node1", end: "target", handle: "top" }, centre("lan"))).toBe(false);
    expect(status()).toBe("Drop on another underlay network to put node-1 on it");
    // The endpoint's link handle goes to a network, not to a container.
    expect(dropConnection({ node: "internet", end: "source", handle: "link" }, centre("db"))).toBe(false);
    expect(status()).toBe("Drop on an underlay network to put Internet on it");
  });

  it("knows which handles join and which nodes a drag can end on", () => {
    expect(canConnectHandles(doc(), { source: "web", sourceHandle: "out", target: "db", targetHandle: "in" })).toBe(true);
    expect(canConnectHandles(doc(), { source: "internet", sourceHandle: "out", target: "web", targetHandle: "in" })).toBe(true);
    expect(canConnectHandles(doc(), { source: "internet", sourceHandle: "link", target: "web", targetHandle: "in" })).toBe(false);
    expect(canConnectHandles(doc(), { source: "lan", sourceHandle: "bottom", target: "node1", targetHandle: "top" })).toBe(false); // on it already
    expect(canConnectHandles(doc(), { source: "web", target: "db" })).toBe(true);
    expect([...connectableEnds(doc(), fromWeb)].sort()).toEqual(["api", "db"]);
    expect([...connectableEnds(doc(), { node: "lan", end: "source", handle: "bottom" })]).toEqual([]); // every host is on it
    expect([...connectableEnds(doc(), { node: "internet", end: "source", handle: "link" })]).toEqual(["lan"]);
    expect([...connectableEnds(doc(), { node: "node1", end: "target", handle: "top" })]).toEqual([]);
    expect(connectHint(doc(), { node: "gw", end: "source", handle: "bottom" })).toBe("Drop on an underlay network that Gateway does not join yet");
    expect(connectHint(doc(), { node: "db", end: "target", handle: "in" })).toBe("Drop on a container or an endpoint to draw a flow to db");
  });
});

describe("the end of a drag", () => {
  it("moves a container into the host it was dropped on, as one step, converting its position", () => {
    const layout = computeLayout(doc());
    const node1 = layout.boxes.get("node1")!;
    const node3 = layout.boxes.get("node3")!;
    // web's position relative to node1 that puts its centre in node3, partly over db.
    const position = { x: node3.absX + 20 - node1.absX, y: node3.absY + 110 - node1.absY };
    finishDrag([{ id: "web", position }]);
    expect(doc().containers.find((c) => c.id === "web")?.host).toBe("node3");
    expect(doc().layout.web).toEqual({ x: 20, y: 166 }); // clear of db (92 + 62 + 12)
    expect(steps()).toBe(1);
  });

  it("refuses to leave a host outside every cluster, and says why", () => {
    const before = doc();
    finishDrag([{ id: "node1", position: { x: -3000, y: -3000 } }]);
    expect(doc()).toBe(before);
    expect(useStatusStore.getState()).toMatchObject({ tone: "error" });
    expect(status()).toMatch(/Host node-1 stays in prod: drop it inside a cluster/);
  });

  it("moves top-level nodes to whole-pixel positions, and a child inside its parent", () => {
    finishDrag([
      { id: "lan", position: { x: 10.4, y: 20.6 } },
      { id: "api", position: { x: 30, y: 100 } },
    ]);
    expect(doc().layout.lan).toEqual({ x: 10, y: 21 });
    expect(doc().layout.api).toEqual({ x: 30, y: 100 });
    expect(steps()).toBe(1);
  });
});

describe("drawing a flow from the keyboard", () => {
  it("starts from a container, ends at the next container selected, and can be cancelled", async () => {
    const { canStartFlow, cancelFlow, offerFlowTarget, startFlow, useFlowDraft } = await import("./flow-draft.ts");
    expect(canStartFlow("web")).toBe(true);
    expect(canStartFlow("node1")).toBe(false);
    startFlow("internet");
    expect(offerFlowTarget("node2")).toBe(false); // not a container: still drawing
    expect(useFlowDraft.getState().from).toBe("internet");
    expect(offerFlowTarget("db")).toBe(true);
    expect(doc().flows.at(-1)).toMatchObject({ from: "internet", to: "db", port: 5432 });
    expect(useFlowDraft.getState().from).toBeUndefined();
    startFlow("web");
    cancelFlow();
    expect(offerFlowTarget("db")).toBe(false);
    expect(status()).toBe("No flow drawn");
  });
});

describe("moving one thing leaves the rest where it is", () => {
  it("freezes the auto-layout with the first move, so no sibling jumps", () => {
    const before = computeLayout(doc()).boxes;
    useSelectionStore.getState().select(["node2"]);
    nudgeSelection(8, 0);
    const after = computeLayout(doc()).boxes;
    for (const [id, b] of before) {
      if (id === "node2" || id === "api") continue;
      expect([id, after.get(id)!.absX, after.get(id)!.absY]).toEqual([id, b.absX, b.absY]);
    }
    expect(after.get("node2")!.absX).toBe(before.get("node2")!.absX + 8);
    expect(steps()).toBe(1);
  });

  it("a host that grows to hold a container dropped in it moves its neighbours along, in the same step", () => {
    const layout = computeLayout(doc());
    const node1 = layout.boxes.get("node1")!;
    const node3 = layout.boxes.get("node3")!;
    // db, dragged from node3 to node1's right-hand side, below web: node1 grows past where node2 is.
    finishDrag([{ id: "db", position: { x: node1.absX + 100 - node3.absX, y: node1.absY + 100 - node3.absY } }]);
    const after = computeLayout(doc()).boxes;
    expect(after.get("db")!.parent).toBe("node1");
    expect(after.get("node1")!.width).toBeGreaterThan(node1.width);
    const hosts = ["node1", "node2", "node3"].map((id) => after.get(id)!);
    for (let i = 1; i < hosts.length; i++) expect(hosts[i]!.x).toBeGreaterThanOrEqual(hosts[i - 1]!.x + hosts[i - 1]!.width + CLUSTER_BOX.gap);
    expect(steps()).toBe(1);
    undo();
    expect(computeLayout(doc()).boxes.get("node2")!.x).toBe(layout.boxes.get("node2")!.x);
  });

  it("a container dropped onto a sibling settles below it", () => {
    const layout = computeLayout(doc());
    const node1 = layout.boxes.get("node1")!;
    const node3 = layout.boxes.get("node3")!;
    const db = layout.boxes.get("db")!;
    // web dropped exactly onto db.
    finishDrag([{ id: "web", position: { x: node3.absX + db.x - node1.absX, y: node3.absY + db.y - node1.absY } }]);
    const after = computeLayout(doc()).boxes;
    expect(after.get("web")).toMatchObject({ parent: "node3", x: db.x });
    expect(after.get("web")!.y).toBeGreaterThanOrEqual(db.y + db.height);
    expect(after.get("db")).toMatchObject({ x: db.x, y: db.y });
  });
});
