import { describe, expect, it } from "vitest";
import { VERSION, emptyDocument, parseDocument } from "./document.ts";
import { SAMPLE_DOCUMENT } from "./sample.ts";

const base = { format: "topolab", version: 1 };

function errorsOf(input: unknown) {
  const r = parseDocument(input);
  if (r.ok) throw new Error("expected the document to be invalid");
  return r.errors;
}

describe("the document format", () => {
  it("fills in the real projects' defaults", () => {
    const r = parseDocument({
      ...base,
      underlays: [{ id: "lan", cidr: "192.168.1.0/24" }],
      clusters: [{ id: "k8s" }],
      hosts: [{ id: "n1", cluster: "k8s", underlay: "lan" }],
      containers: [{ id: "web", host: "n1" }],
      flows: [{ from: "web", to: "web", port: 80 }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const doc = r.document;
    expect(doc.underlays[0]).toMatchObject({ name: "lan", mtu: 1500, kind: "lan" });
    expect(doc.clusters[0]).toMatchObject({ name: "k8s", orchestrator: "kubernetes", ipFamily: "ipv4", serviceCidr: "10.96.0.0/12" });
    expect(doc.clusters[0]?.backend).toMatchObject({ type: "flannel", mode: "vxlan", network: "10.244.0.0/16", vni: 1, directRouting: false });
    expect(doc.containers[0]?.ports).toEqual([]);
    expect(doc.flows[0]).toMatchObject({ id: "flow-1", protocol: "tcp" });
  });

  it("each backend type gets its own defaults", () => {
    const backendDefaults = (backend: object) => {
      const r = parseDocument({ ...base, clusters: [{ id: "c", backend }] });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.document.clusters[0]?.backend;
    };
    expect(backendDefaults({ type: "calico" })).toMatchObject({ mode: "ipip", blockSize: 26, natOutgoing: true });
    expect(backendDefaults({ type: "weave" })).toMatchObject({ mode: "fastdp", range: "10.32.0.0/12" });
    expect(backendDefaults({ type: "docker-overlay" })).toMatchObject({ mode: "swarm", defaultAddrPool: "10.0.0.0/8", maskLength: 24, dataPathPort: 4789 });
    expect(backendDefaults({ type: "openvpn" })).toMatchObject({ mode: "udp", tunnelNetwork: "10.8.0.0/24", port: 1194 });
    expect(backendDefaults({ type: "ipvlan" })).toMatchObject({ mode: "l2", parent: "eth0" });
    expect(backendDefaults({ type: "macvlan" })).toMatchObject({ mode: "bridge" });
    expect(backendDefaults({ type: "ovs" })).toMatchObject({ mode: "vxlan", cidr: "10.200.0.0/16" });
  });

  it("names the JSON path and what was expected for every problem", () => {
    const errors = errorsOf({
      ...base,
      underlays: [{ id: "lan", cidr: "192.168.1.0/33" }],
      clusters: [{ id: "k8s", backend: { type: "flanel" } }],
      hosts: [{ id: "n1", cluster: "k8s", underlay: "lan", ip: "192.168.1.300" }],
    });
    const paths = errors.map((e) => e.path);
    expect(paths).toContain("underlays[0].cidr");
    expect(paths).toContain("hosts[0].ip");
    expect(paths.some((p) => p.startsWith("clusters[0].backend"))).toBe(true);
    expect(errors.find((e) => e.path === "underlays[0].cidr")?.message).toContain("prefix length");
  });

  it("reports references to ids that do not exist, and ids used twice", () => {
    const errors = errorsOf({
      ...base,
      underlays: [{ id: "lan", cidr: "192.168.1.0/24" }],
      clusters: [{ id: "k8s" }],
      hosts: [{ id: "n1", cluster: "k8s", underlay: "lan3" }, { id: "lan", cluster: "nope", underlay: "lan" }],
      containers: [{ id: "web", host: "n9" }],
      flows: [{ from: "web", to: "ghost", port: 80 }],
    });
    expect(errors).toContainEqual({ path: "hosts[0].underlay", message: 'no underlay "lan3"' });
    expect(errors).toContainEqual({ path: "hosts[1].cluster", message: 'no cluster "nope"' });
    expect(errors).toContainEqual({ path: "hosts[1].id", message: 'id "lan" is already used at underlays[0].id' });
    expect(errors).toContainEqual({ path: "containers[0].host", message: 'no host "n9"' });
    expect(errors.find((e) => e.path === "flows[0].to")?.message).toContain('"ghost"');
  });

  it("refuses other formats and newer versions, saying why", () => {
    expect(errorsOf([1, 2])[0]?.message).toContain("JSON object");
    expect(errorsOf({ format: "excalidraw", version: 2 })[0]).toMatchObject({ path: "format" });
    expect(errorsOf({ format: "topolab", version: VERSION + 1 })[0]?.message).toContain("newer Topolab");
    expect(errorsOf({ format: "topolab", version: "1" })[0]).toMatchObject({ path: "version" });
  });

  it("accepts the sample and the empty document", () => {
    expect(parseDocument(SAMPLE_DOCUMENT).ok).toBe(true);
    expect(emptyDocument().hosts).toEqual([]);
  });
});
