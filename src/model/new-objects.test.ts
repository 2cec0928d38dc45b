import { describe, expect, it } from "vitest";
import { analyzeDocument } from "./analyze.ts";
import { type Document, emptyDocument, parseDocument } from "./document.ts";
import { applyEdit } from "./edits.ts";
import {
  canConnectFlow,
  copyFragment,
  duplicateObjects,
  nameBase,
  newCluster,
  newFlow,
  newUnderlay,
  nextFreeName,
  parentFor,
  pasteFragment,
  placeNew,
} from "./new-objects.ts";
import { SAMPLE_DOCUMENT } from "./sample.ts";

function sample(): Document {
  const r = parseDocument(SAMPLE_DOCUMENT);
  if (!r.ok) throw new Error("sample invalid");
  return r.document;
}

/** Every document the editor produces must load again: autosave and files go through parseDocument. */
function expectValid(doc: Document): Document {
  const r = parseDocument(JSON.parse(JSON.stringify(doc)));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.document;
}

describe("names", () => {
  it("numbers from 1 and skips what is taken", () => {
    expect(nextFreeName("node", new Set())).toBe("node-1");
    expect(nextFreeName("node", new Set(["node-1", "node-2"]))).toBe("node-3");
    expect(nextFreeName("Rack LAN", new Set(["Rack LAN 1"]))).toBe("Rack LAN 2");
  });
  it("strips a trailing number to find the base", () => {
    expect(nameBase("node-3")).toBe("node");
    expect(nameBase("node3")).toBe("node");
    expect(nameBase("web")).toBe("web");
    expect(nameBase("42")).toBe("42");
  });
});

describe("new objects", () => {
  it("a new underlay takes the next free /24 and the schema's defaults", () => {
    const u = newUnderlay(sample());
    expect(u).toMatchObject({ id: "lan-1", name: "lan-1", cidr: "192.168.2.0/24", mtu: 1500, kind: "lan" });
  });

  it("a new cluster is flannel VXLAN on a pool that overlaps no other", () => {
    const doc = sample();
    const c = newCluster(doc, ["10.244.0.0/16"]);
    expect(c.backend).toMatchObject({ type: "flannel", mode: "vxlan", network: "10.245.0.0/16", vni: 1 });
    expect(c).toMatchObject({ orchestrator: "kubernetes", ipFamily: "ipv4" });
  });

  it("a flow defaults to the target's first port", () => {
    const doc = sample();
    expect(newFlow(doc, "web", "db")).toMatchObject({ from: "web", to: "db", port: 5432, protocol: "tcp" });
    expect(canConnectFlow(doc, "internet", "web")).toBe(true);
    expect(canConnectFlow(doc, "web", "internet")).toBe(false);
    expect(canConnectFlow(doc, "web", "web")).toBe(false);
  });
});

describe("placing objects", () => {
  it("builds a working design from nothing, one placement at a time", () => {
    let doc = emptyDocument();
    const place = (kind: Parameters<typeof placeNew>[1], selected?: string) => {
      const p = placeNew(doc, kind, { selected });
      doc = expectValid(applyEdit(doc, p.edit));
      return p.id;
    };
    expect(place("underlay")).toBe("lan-1");
    expect(place("cluster")).toBe("cluster-1");
    const h1 = place("host");
    const c1 = place("container", h1);
    const h2 = place("host", c1); // the selected container's cluster
    const c2 = place("container", h2);
    expect(doc.hosts.map((h) => [h.id, h.cluster, h.underlay])).toEqual([["node-1", "cluster-1", "lan-1"], ["node-2", "cluster-1", "lan-1"]]);
    expect(doc.containers.map((c) => [c.id, c.host])).toEqual([[c1, "node-1"], [c2, "node-2"]]);
    const report = analyzeDocument(doc);
    expect(report.hosts.map((h) => h.ip)).toEqual(["192.168.1.2", "192.168.1.3"]);
    expect(report.hosts.map((h) => h.subnets[0])).toEqual(["10.244.0.0/24", "10.244.1.0/24"]);
    expect(report.containers.every((c) => c.ips.length === 1)).toBe(true);
  });

  it("creates what a host needs when the document has nothing, as one edit", () => {
    const p = placeNew(emptyDocument(), "container");
    expect(p.created.map((c) => c.kind)).toEqual(["cluster", "underlay", "host", "container"]);
    const doc = expectValid(applyEdit(emptyDocument(), p.edit));
    expect(doc.containers[0]?.host).toBe(doc.hosts[0]?.id);
  });

  it("puts hosts into the selected cluster and containers into the selected host", () => {
    let doc = sample();
    doc = applyEdit(doc, placeNew(doc, "cluster", { position: { x: 0, y: 600 } }).edit);
    expect(parentFor(doc, "host", "cluster-1")).toBe("cluster-1");
    expect(parentFor(doc, "host", "web")).toBe("k8s");
    expect(parentFor(doc, "container", "node2")).toBe("node2");
    expect(parentFor(doc, "container", "db")).toBe("node3");
    expect(parentFor(doc, "container", undefined)).toBe("node1");
    const p = placeNew(doc, "host", { parent: "cluster-1", position: { x: 20, y: 60 } });
    doc = expectValid(applyEdit(doc, p.edit));
    // "node-1" is taken as a name in the sample, so the new host is node-4.
    expect(doc.hosts.at(-1)).toMatchObject({ id: "node-4", cluster: "cluster-1", underlay: "lan" });
    expect(doc.layout["node-4"]).toEqual({ x: 20, y: 60 });
    expect(doc.layout["cluster-1"]).toEqual({ x: 0, y: 600 });
  });

  it("a new router joins the first two underlays", () => {
    let doc = sample();
    doc = applyEdit(doc, placeNew(doc, "underlay").edit);
    const p = placeNew(doc, "router");
    doc = expectValid(applyEdit(doc, p.edit));
    expect(doc.routers.at(-1)?.underlays).toEqual(["lan", "lan-1"]);
  });
});

describe("copy, paste, duplicate", () => {
  it("duplicates a host with its containers, new names, no pinned addresses", () => {
    const doc = sample();
    const d = duplicateObjects(doc, ["node1"]);
    const next = expectValid(applyEdit(doc, d.edit));
    expect(d.ids).toEqual(["node-4"]);
    const copy = next.hosts.find((h) => h.id === "node-4");
    expect(copy).toMatchObject({ name: "node-4", cluster: "k8s", underlay: "lan" });
    expect(copy?.ip).toBeUndefined();
    const copied = next.containers.filter((c) => c.host === "node-4");
    expect(copied).toHaveLength(1);
    expect(copied[0]).toMatchObject({ id: "web-1", ports: [{ port: 80, protocol: "tcp", publish: 8080 }] });
    const report = analyzeDocument(next);
    expect(report.hosts.find((h) => h.id === "node-4")?.ip).toBe("192.168.1.2") // the first free one: .1 is the gateway, .11–.13 are pinned;
  });

  it("copies a cluster with everything in it, and the flows among its containers", () => {
    const doc = sample();
    const fragment = copyFragment(doc, ["k8s"]);
    expect(fragment.hosts).toHaveLength(3);
    expect(fragment.containers).toHaveLength(3);
    expect(fragment.flows.map((f) => f.id)).toEqual(["f-api", "f-db"]);
    const pasted = pasteFragment(doc, fragment, { avoid: ["10.244.0.0/16"] });
    const next = expectValid(applyEdit(doc, pasted.edit));
    expect(next.clusters).toHaveLength(2);
    expect(pasted.ids).toEqual(["prod-1"]); // named after the cluster's name, "prod"
    const newHosts = next.hosts.filter((h) => h.cluster === "prod-1");
    expect(newHosts).toHaveLength(3);
    const newFlows = next.flows.slice(3);
    expect(newFlows).toHaveLength(2);
    expect(newFlows.every((f) => next.containers.find((c) => c.id === f.to)?.host.startsWith("node-"))).toBe(true);
  });

  it("offsets top-level positions and keeps children's relative ones", () => {
    let doc = sample();
    doc = applyEdit(doc, { kind: "move", positions: { k8s: { x: 10, y: 10 }, node1: { x: 20, y: 60 } } });
    const next = applyEdit(doc, duplicateObjects(doc, ["k8s"], { offset: { x: 30, y: 40 } }).edit);
    expect(next.layout["prod-1"]).toEqual({ x: 40, y: 50 });
    expect(next.layout["node-4"]).toEqual({ x: 20, y: 60 });
  });

  it("pastes containers into the selected host when their own is gone", () => {
    const doc = sample();
    const fragment = copyFragment(doc, ["web"]);
    const without = applyEdit(doc, { kind: "remove", ids: ["node1"] });
    const pasted = pasteFragment(without, fragment, { selected: "node3" });
    const next = expectValid(applyEdit(without, pasted.edit));
    expect(next.containers.find((c) => c.id === pasted.ids[0])?.host).toBe("node3");
  });

  it("a pasted underlay gets a network of its own", () => {
    const doc = sample();
    const next = expectValid(applyEdit(doc, duplicateObjects(doc, ["lan"]).edit));
    expect(next.underlays.map((u) => u.cidr)).toEqual(["192.168.1.0/24", "192.168.2.0/24"]);
  });
});
