import { describe, expect, it } from "vitest";
import { type Document, parseDocument } from "./document.ts";
import { applyEdit, removalClosure, toRelative } from "./edits.ts";
import { SAMPLE_DOCUMENT } from "./sample.ts";

function sample(): Document {
  const r = parseDocument(SAMPLE_DOCUMENT);
  if (!r.ok) throw new Error("sample invalid");
  return r.document;
}

function reparsed(doc: Document) {
  return parseDocument(JSON.parse(JSON.stringify(doc)));
}

describe("applyEdit", () => {
  it("removes what depends on a removed object, and stays a valid document", () => {
    const doc = sample();
    expect([...removalClosure(doc, ["node1"])].sort()).toEqual(["f-api", "f-web", "node1", "web"]);
    const next = applyEdit(doc, { kind: "remove", ids: ["lan"] });
    expect(next.hosts).toEqual([]);
    expect(next.routers).toEqual([]);
    expect(reparsed(next).ok).toBe(true);
  });

  it("drops a router's pinned address on a removed underlay", () => {
    let doc = sample();
    doc = applyEdit(doc, { kind: "add", collection: "underlays", object: { id: "lan2", name: "lan2", cidr: "192.168.2.0/24", mtu: 1500, kind: "lan" } });
    doc = applyEdit(doc, { kind: "update", collection: "routers", id: "gw", patch: { underlays: ["lan", "lan2"], ips: { lan2: "192.168.2.254" } } });
    const next = applyEdit(doc, { kind: "remove", ids: ["lan2"] });
    expect(next.routers[0]).toMatchObject({ underlays: ["lan"], ips: {} });
    expect(reparsed(next).ok).toBe(true);
  });

  it("moves keep a stored size", () => {
    let doc = sample();
    doc = applyEdit(doc, { kind: "move", positions: { k8s: { x: 0, y: 0, width: 500, height: 300 } } });
    doc = applyEdit(doc, { kind: "move", positions: { k8s: { x: 10, y: 20 } } });
    expect(doc.layout.k8s).toEqual({ x: 10, y: 20, width: 500, height: 300 });
  });

  it("re-parents a container into another host with its new relative position", () => {
    const doc = sample();
    const next = applyEdit(doc, { kind: "reparent", id: "web", parent: "node3", position: toRelative({ x: 300, y: 200 }, { x: 250, y: 100 }) });
    expect(next.containers.find((c) => c.id === "web")?.host).toBe("node3");
    expect(next.layout.web).toEqual({ x: 50, y: 100 });
  });

  it("re-parents a host into another cluster, and ignores impossible parents", () => {
    let doc = sample();
    doc = applyEdit(doc, { kind: "add", collection: "clusters", object: { ...doc.clusters[0]!, id: "k2", name: "k2" } });
    const moved = applyEdit(doc, { kind: "reparent", id: "node2", parent: "k2" });
    expect(moved.hosts.find((h) => h.id === "node2")?.cluster).toBe("k2");
    expect(applyEdit(doc, { kind: "reparent", id: "node2", parent: "web" })).toBe(doc);
    expect(applyEdit(doc, { kind: "reparent", id: "web", parent: "k2" })).toBe(doc);
  });

  it("applies a batch as one change", () => {
    const doc = sample();
    const next = applyEdit(doc, {
      kind: "batch",
      edits: [
        { kind: "rename-document", name: "Renamed" },
        { kind: "move", positions: { lan: { x: 1, y: 2 } } },
      ],
    });
    expect(next.name).toBe("Renamed");
    expect(next.layout.lan).toEqual({ x: 1, y: 2 });
  });
});
