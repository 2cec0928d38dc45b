import { describe, expect, it } from "vitest";
import { VERSION, documentSchema, emptyDocument, formatPath, parseDocument } from "./document.ts";
import { applyEdit } from "./edits.ts";
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

  it("counts an object whose id is already taken as what it is: a host reusing an underlay's id still hosts containers", () => {
    const errors = errorsOf({
      ...base,
      underlays: [{ id: "lan", cidr: "192.168.1.0/24" }],
      clusters: [{ id: "k8s" }],
      hosts: [{ id: "lan", cluster: "k8s", underlay: "lan" }, { id: "n2", cluster: "k8s", underlay: "lan" }, { id: "n2", cluster: "k8s", underlay: "lan" }],
      containers: [{ id: "web", host: "lan" }, { id: "db", host: "n2" }, { id: "k8s", host: "n2" }],
      flows: [{ from: "k8s", to: "web", port: 80 }],
    });
    expect(errors).toEqual([
      { path: "hosts[0].id", message: 'id "lan" is already used at underlays[0].id' },
      { path: "hosts[2].id", message: 'id "n2" is already used at hosts[1].id' },
      { path: "containers[2].id", message: 'id "k8s" is already used at clusters[0].id' },
    ]);
  });

  it("reports exactly what the uncompiled schema reports: parseDocument runs zod's compiled clone", () => {
    const invalid = [
      { ...base, underlays: [{ id: "", cidr: "10.0.0.0/33", mtu: 40 }], hosts: [{ id: "h", cluster: 1, underlay: "u", ip: "10.0.0.300" }] },
      { ...base, containers: [{ id: "c", host: "h", ports: [{ port: 0, protocol: "icmp", publish: "later" }] }, { id: "d".repeat(201), host: "h", ip6: "::g" }] },
      { ...base, clusters: [{ id: "c", orchestrator: "k3s", ipFamily: "ipv5", serviceCidr: "10.96.0.1/12" }], flows: [{ from: "a", to: "b", port: 70000 }] },
      { ...base, underlays: [{ id: "u", cidr: "2001:db8::/64", gateway6: "10.0.0.1" }], routers: [{ id: "r", underlays: [], ips: { u: "x" } }], layout: { a: { x: "1" } } },
    ];
    for (const input of invalid) {
      const runtime = documentSchema.safeParse(input);
      expect(runtime.success).toBe(false);
      expect(errorsOf(input)).toEqual(runtime.error?.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
    }
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

describe("dual-stack fields", () => {
  const lan = { id: "lan", cidr: "192.168.1.0/24", cidr6: "2001:db8:1::/64" };

  it("are optional and absent by default: a single-stack document parses as before", () => {
    const r = parseDocument({ ...base, underlays: [{ id: "lan", cidr: "192.168.1.0/24" }], routers: [{ id: "gw", underlays: ["lan"] }], clusters: [{ id: "k8s" }], hosts: [{ id: "n1", cluster: "k8s", underlay: "lan" }] });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.document.underlays[0]).toEqual({ id: "lan", name: "lan", cidr: "192.168.1.0/24", mtu: 1500, kind: "lan" });
    expect(r.document.routers[0]).toEqual({ id: "gw", name: "gw", underlays: ["lan"], ips: {} });
    expect(r.document.hosts[0]).not.toHaveProperty("ip6");
  });

  it("accept cidr6, gateway6, a host's ip6 and a router's ips6", () => {
    const r = parseDocument({
      ...base, underlays: [{ ...lan, gateway6: "2001:db8:1::fe" }], routers: [{ id: "gw", underlays: ["lan"], ips6: { lan: "2001:db8:1::1" } }],
      clusters: [{ id: "k8s" }], hosts: [{ id: "n1", cluster: "k8s", underlay: "lan", ip6: "2001:db8:1::10" }],
    });
    expect(r.ok).toBe(true);
  });

  it("refuse cidr6 beside an IPv6 cidr, and the wrong family in each field, each with its path", () => {
    const errors = errorsOf({
      ...base,
      underlays: [{ id: "a", cidr: "2001:db8:1::/64", cidr6: "2001:db8:2::/64" }, { id: "b", cidr: "10.0.0.0/24", cidr6: "10.1.0.0/24" }, { id: "c", cidr: "10.2.0.0/24", gateway6: "10.2.0.1" }],
      routers: [{ id: "gw", underlays: ["c"], ips6: { c: "10.2.0.1" } }],
      clusters: [{ id: "k8s" }],
      hosts: [{ id: "n1", cluster: "k8s", underlay: "c", ip6: "10.2.0.9" }],
    });
    const paths = errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["underlays[1].cidr6", "underlays[2].gateway6", "routers[0].ips6.c", "hosts[0].ip6"]));
    expect(errors.find((e) => e.path === "hosts[0].ip6")?.message).toContain("IPv6 address is expected");
    const ok = errorsOf({ ...base, underlays: [{ id: "a", cidr: "2001:db8:1::/64", cidr6: "2001:db8:2::/64" }] });
    expect(ok).toEqual([{ path: "underlays[0].cidr6", message: expect.stringContaining("cidr 2001:db8:1::/64 is already IPv6") }]);
  });

  it("refuse gateway6 without cidr6, and ips6 for an underlay the router does not join", () => {
    const errors = errorsOf({
      ...base,
      underlays: [{ id: "a", cidr: "10.0.0.0/24", gateway6: "2001:db8::1" }, lan],
      routers: [{ id: "gw", underlays: ["a"], ips6: { lan: "2001:db8:1::1" } }],
    });
    expect(errors).toContainEqual({ path: "routers[0].ips6.lan", message: 'the router does not join underlay "lan"' });
    expect(errors.find((e) => e.path === "underlays[0].gateway6")?.message).toContain("set cidr6 too");
  });

  it("stay valid when an underlay a router pins an IPv6 address on is removed", () => {
    const r = parseDocument({ ...base, underlays: [{ id: "a", cidr: "10.0.0.0/24" }, lan], routers: [{ id: "gw", underlays: ["a", "lan"], ips6: { lan: "2001:db8:1::1" } }] });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const after = applyEdit(r.document, { kind: "remove", ids: ["lan"] });
    expect(after.routers[0]).toMatchObject({ underlays: ["a"], ips6: {} });
    expect(parseDocument(after).ok).toBe(true);
  });
});

