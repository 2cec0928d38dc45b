import { describe, expect, it } from "vitest";
import { parseDocument } from "../document.ts";
import { generateDocument } from "./generate.ts";

describe("generateDocument", () => {
  it("builds a valid document of the requested size, the same every time", () => {
    const options = { hosts: 12, containersPerHost: 3, backend: { type: "flannel" as const, mode: "vxlan" }, underlays: 3 };
    const doc = generateDocument(options);
    expect(doc).toEqual(generateDocument(options));
    const parsed = parseDocument(doc);
    expect(parsed.ok).toBe(true);
    expect(doc.hosts).toHaveLength(12);
    expect(doc.containers).toHaveLength(36);
    expect(doc.underlays.map((u) => u.cidr)).toEqual(["172.16.0.0/24", "172.16.1.0/24", "172.16.2.0/24"]);
    expect(doc.hosts.map((h) => h.underlay)).toEqual(["lan0", "lan0", "lan0", "lan0", "lan1", "lan1", "lan1", "lan1", "lan2", "lan2", "lan2", "lan2"]);
    expect(doc.routers).toEqual([{ id: "core", name: "Core router", underlays: ["lan0", "lan1", "lan2"] }]);
    expect(doc.containers[0]).toEqual({ id: "h0c0", name: "app-0-0", host: "h0", ports: [{ port: 8000, protocol: "tcp", publish: "auto" }] });
    expect(doc.containers[1]?.ports).toEqual([{ port: 8001, protocol: "tcp" }]);
    expect(doc.flows).toHaveLength(5);
    expect(doc.flows[0]).toEqual({ id: "f0", from: "internet", to: "h0c0", port: 8000, protocol: "tcp" });
  });

  it("widens the underlay to hold every host: 1,000 hosts on one underlay need a /22", () => {
    const doc = generateDocument({ hosts: 1000, containersPerHost: 0, backend: { type: "weave" } });
    expect(doc.underlays).toEqual([{ id: "lan0", name: "LAN 0", cidr: "172.16.0.0/22" }]);
    expect(doc.flows).toEqual([]);
  });

  it("every flow ends at a container that exists and targets its port", () => {
    const doc = generateDocument({ hosts: 7, containersPerHost: 4, backend: { type: "calico" }, flows: 20 });
    const ports = new Map(doc.containers.map((c) => [c.id, c.ports[0]?.port]));
    for (const f of doc.flows) {
      expect(ports.get(f.to)).toBe(f.port);
      if (f.from !== "internet") expect(ports.has(f.from)).toBe(true);
    }
  });
});
