import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../../model/analyze.ts";
import { parseDocument } from "../../model/document.ts";
import { SAMPLE_DOCUMENT } from "../../model/sample.ts";
import { addressPlan } from "./address-plan.ts";

function sample() {
  const r = parseDocument(SAMPLE_DOCUMENT);
  if (!r.ok) throw new Error("sample invalid");
  return r.document;
}

describe("addressPlan", () => {
  it("draws the sample's pool with one /24 per host, coloured per host, with the containers in each", () => {
    const doc = sample();
    const plan = addressPlan(analyzeDocument(doc), new Map([["k8s", "prod"], ["lan", "Rack LAN"]]));
    expect(plan.clusters).toHaveLength(1);
    const [cluster] = plan.clusters;
    expect(cluster!.name).toBe("prod");
    expect(cluster!.pools.map((p) => p.cidr)).toEqual(["10.244.0.0/16"]);
    expect(cluster!.pools[0]!.zoom?.cidr).toBe("10.244.0.0/22");
    expect(cluster!.pools[0]!.zoom?.layout.segments.map((s) => s.width)).toEqual([0.25, 0.25, 0.25]);
    const segments = cluster!.pools[0]!.layout.segments;
    expect(segments.map((s) => [s.text, s.data[0]!.name, s.data[0]!.colour])).toEqual([
      ["10.244.0.0/24", "node-1", 0],
      ["10.244.1.0/24", "node-2", 1],
      ["10.244.2.0/24", "node-3", 2],
    ]);
    expect(segments[0]!.data[0]!.use).toBe("1 container (web 10.244.0.2)");
    expect(cluster!.hosts.map((h) => [h.name, h.ip, h.containers.map((c) => c.ips[0])])).toEqual([
      ["node-1", "192.168.1.11", ["10.244.0.2"]],
      ["node-2", "192.168.1.12", ["10.244.1.2"]],
      ["node-3", "192.168.1.13", ["10.244.2.2"]],
    ]);
  });

  it("lists and draws the underlay's gateway router and hosts", () => {
    const plan = addressPlan(analyzeDocument(sample()), new Map());
    const [lan] = plan.underlays;
    expect(lan!.rows.map((r) => [r.name, r.kind, r.ip])).toEqual([
      ["Gateway", "router (gateway)", "192.168.1.1"],
      ["node-1", "host", "192.168.1.11"],
      ["node-2", "host", "192.168.1.12"],
      ["node-3", "host", "192.168.1.13"],
    ]);
    expect(lan!.bar!.layout.segments).toHaveLength(4);
    expect(lan!.bar!.layout.segments[0]!.data[0]!.colour).toBe(2);
    expect(lan!.bar!.zoom?.cidr).toBe("192.168.1.0/28");
  });
});
