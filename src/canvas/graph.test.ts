import { describe, expect, it } from "vitest";
import { type Document, parseDocument } from "../model/document.ts";
import { applyEdit } from "../model/edits.ts";
import { SAMPLE_DOCUMENT } from "../model/sample.ts";
import { GraphCache, buildEdges, buildNodes } from "./graph.ts";
import { computeLayout } from "./layout.ts";

function sample(): Document {
  const r = parseDocument(SAMPLE_DOCUMENT);
  if (!r.ok) throw new Error("sample invalid");
  return r.document;
}

describe("document → React Flow graph", () => {
  it("makes one node per object, parents first, children relative to them, each with an accessible name", () => {
    const doc = sample();
    const nodes = buildNodes(doc, computeLayout(doc), new Set(["node2"]));
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    for (const n of nodes) if (n.parentId) expect(index.get(n.parentId)!).toBeLessThan(index.get(n.id)!);
    expect(nodes.find((n) => n.id === "web")).toMatchObject({ type: "container", parentId: "node1", ariaLabel: "Container web" });
    expect(nodes.find((n) => n.id === "lan")).toMatchObject({ type: "underlay", ariaLabel: "Underlay network Rack LAN" });
    expect(nodes.find((n) => n.id === "internet")?.ariaLabel).toBe("External endpoint Internet");
    expect(nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(["node2"]);
  });

  it("gives the nodes of a kind the description asked for (how to draw a flow from a container or endpoint)", () => {
    const doc = sample();
    const nodes = buildNodes(doc, computeLayout(doc), new Set(), new GraphCache(), { container: "flow-desc rf-desc", external: "flow-desc rf-desc" });
    expect(nodes.find((n) => n.id === "web")?.domAttributes).toEqual({ "aria-describedby": "flow-desc rf-desc" });
    expect(nodes.find((n) => n.id === "internet")?.domAttributes).toEqual({ "aria-describedby": "flow-desc rf-desc" });
    expect(nodes.find((n) => n.id === "node1")?.domAttributes).toBeUndefined(); // React Flow's own
  });

  it("links hosts and routers to their underlays and labels flows with port/protocol", () => {
    const edges = buildEdges(sample(), new Set());
    expect(edges.filter((e) => e.type === "link").map((e) => `${e.source}→${e.target}`)).toEqual(["gw→lan", "lan→node1", "lan→node2", "lan→node3"]);
    const flows = edges.filter((e) => e.type === "flow");
    expect(flows.map((f) => f.label)).toEqual(["80/tcp", "8000/tcp", "5432/tcp"]);
    expect(flows[0]).toMatchObject({ id: "f-web", source: "internet", target: "web", ariaLabel: "Flow Internet → web, 80/tcp" });
  });

  it("reuses the node objects that did not change", () => {
    const cache = new GraphCache();
    const doc = sample();
    const before = buildNodes(doc, computeLayout(doc), new Set(), cache);
    const moved = applyEdit(doc, { kind: "move", positions: { db: { x: 16, y: 200 } } });
    const after = buildNodes(moved, computeLayout(moved), new Set(), cache);
    const same = after.filter((n, i) => n === before[i]).map((n) => n.id);
    expect(same).toContain("web");
    expect(same).toContain("lan");
    expect(same).not.toContain("db");
    expect(same).not.toContain("node3"); // it grew to hold db
  });
});
