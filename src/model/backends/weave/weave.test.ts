/** Weave Net against BACKENDS.md §3 and test vector 15: exact user-visible values. */
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.ts";
import type { Report } from "../../report.ts";
import { fastdpOuterSize } from "./dataplane.ts";
import { weave } from "./index.ts";
import { consensusShares } from "./ring.ts";

interface Options {
  backend?: Record<string, unknown>;
  orchestrator?: string;
  underlays?: { id: string; cidr: string; mtu?: number }[];
  hosts?: number | { id: string; underlay?: string; kernel?: string }[];
  containers?: { id: string; host: string; ip?: string }[];
}

function run(o: Options = {}): Report {
  const hosts = typeof o.hosts === "object" ? o.hosts : Array.from({ length: o.hosts ?? 3 }, (_, i) => ({ id: `node${i + 1}` }));
  const doc = {
    format: "topolab", version: 1,
    underlays: o.underlays ?? [{ id: "lan", cidr: "192.168.1.0/24" }],
    clusters: [{ id: "k8s", name: "prod", orchestrator: o.orchestrator ?? "kubernetes", backend: { type: "weave", ...o.backend } }],
    hosts: hosts.map((h) => ({ cluster: "k8s", underlay: "lan", ...h })),
    containers: o.containers ?? [{ id: "web", host: "node1" }, { id: "web2", host: "node1" }, { id: "api", host: "node2" }, { id: "db", host: "node3" }],
  };
  const r = analyze(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

const host = (r: Report, id: string) => r.hosts.find((h) => h.id === id);
const container = (r: Report, id: string) => r.containers.find((c) => c.id === id);
const diag = (r: Report, code: string) => r.diagnostics.filter((d) => d.code === code);

describe("Weave defaults, 3 Kubernetes nodes (vector 15)", () => {
  const r = run();

  it("uses the one range 10.32.0.0/12, split by consensus in host order into CIDR shares", () => {
    expect(r.clusters[0]?.pools).toEqual(["10.32.0.0/12"]);
    expect(r.hosts.map((h) => h.subnets)).toEqual([["10.32.0.0/13"], ["10.40.0.0/14"], ["10.44.0.0/14"]]);
  });

  it("gives pods addresses with the range's /12 prefix, from the start of their host's share", () => {
    expect(r.containers.map((c) => [c.id, c.addresses])).toEqual([
      ["web", ["10.32.0.2/12"]], ["web2", ["10.32.0.3/12"]], ["api", ["10.40.0.1/12"]], ["db", ["10.44.0.1/12"]],
    ]);
  });

  it("puts the first share address on the weave bridge, with one route for the whole range and no per-host routes", () => {
    expect(r.hosts.map((h) => h.interfaces.find((i) => i.name === "weave")?.addresses)).toEqual([["10.32.0.1/12"], ["10.40.0.0/12"], ["10.44.0.0/12"]]);
    expect(host(r, "node2")?.routes).toEqual([
      { dst: "default", gateway: "192.168.1.1", dev: "eth0" },
      { dst: "192.168.1.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "192.168.1.3" },
      { dst: "10.32.0.0/12", dev: "weave", protocol: "kernel", scope: "link", prefsrc: "10.40.0.0" },
    ]);
  });

  it("routes pods (CNI eth0) by default via their host's weave bridge address", () => {
    expect(container(r, "api")).toMatchObject({
      ips: ["10.40.0.1"], gateway: "10.40.0.0", mtu: 1376, interface: "eth0",
      routes: [
        { dst: "default", gateway: "10.40.0.0", dev: "eth0" },
        { dst: "10.32.0.0/12", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "10.40.0.1" },
      ],
    });
  });

  it("runs fastdp: MTU 1376, VXLAN overhead 50, TCP 6783 + UDP 6783 + UDP 6784, policy by weave-npc", () => {
    expect(r.clusters[0]).toMatchObject({ backend: "weave", mode: "fastdp", encapsulation: "vxlan", overhead: 50, mtu: 1376, encryption: false, policy: true });
    expect(r.clusters[0]?.firewall.map((f) => [f.protocol, f.port, f.between])).toEqual([["tcp", 6783, "hosts"], ["udp", 6783, "hosts"], ["udp", 6784, "hosts"]]);
    expect(host(r, "node1")?.interfaces.map((i) => [i.name, i.kind, i.mtu])).toEqual([
      ["eth0", "ethernet", 1500], ["weave", "bridge", 1376], ["vethwe-bridge", "veth", 1376], ["vethwe-datapath", "veth", 1376], ["datapath", "ovs", 1376],
    ]);
    expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });
});

describe("ring shares", () => {
  it("halves recursively as Weave's ClaimForPeers does", () => {
    expect(consensusShares(16, 3)).toEqual([{ start: 0, size: 8 }, { start: 8, size: 4 }, { start: 12, size: 4 }]);
    expect(run({ hosts: 4, containers: [] }).hosts.map((h) => h.subnets[0])).toEqual(["10.32.0.0/14", "10.36.0.0/14", "10.40.0.0/14", "10.44.0.0/14"]);
    expect(run({ hosts: 5, containers: [] }).hosts.map((h) => h.subnets[0])).toEqual(["10.32.0.0/14", "10.36.0.0/14", "10.40.0.0/14", "10.44.0.0/15", "10.46.0.0/15"]);
  });

  it("keeps a host within its share; a small range runs out", () => {
    const r = run({ backend: { range: "10.32.0.0/29" }, hosts: 2, containers: [{ id: "a", host: "node1" }, { id: "b", host: "node1" }, { id: "c", host: "node1" }, { id: "d", host: "node2" }] });
    expect(r.hosts.map((h) => h.subnets)).toEqual([["10.32.0.0/30"], ["10.32.0.4/30"]]);
    expect(r.containers.map((c) => c.ips)).toEqual([["10.32.0.2"], ["10.32.0.3"], [], ["10.32.0.5"]]);
    expect(diag(r, "SUBNET_EXHAUSTED")[0]?.message).toMatch(/ask other peers/);
  });

  it("gives no share to hosts beyond the range's size", () => {
    const r = run({ backend: { range: "10.32.0.0/30" }, hosts: 5, containers: [{ id: "late", host: "node5" }] });
    expect(host(r, "node5")?.subnets).toEqual([]);
    expect(diag(r, "POOL_EXHAUSTED")[0]?.subjects).toEqual(["k8s", "node5", "late"]);
  });

  it("honours pinned addresses anywhere in the range, once", () => {
    const r = run({ containers: [{ id: "web", host: "node1", ip: "10.45.0.9" }, { id: "api", host: "node2" }, { id: "db", host: "node3", ip: "10.45.0.9" }, { id: "x", host: "node3", ip: "10.44.0.0" }] });
    expect(container(r, "web")?.addresses).toEqual(["10.45.0.9/12"]);
    expect(container(r, "api")?.ips).toEqual(["10.40.0.1"]);
    expect(diag(r, "DUPLICATE_ADDRESS").map((d) => d.subjects)).toEqual([["web", "db"], ["x"]]);
  });
});

describe("modes, MTU and encryption", () => {
  it("Docker mode: containers get ethwe and keep docker0's eth0 for the default route", () => {
    const r = run({ orchestrator: "docker" });
    expect(container(r, "web2")).toMatchObject({
      interface: "ethwe", gateway: "172.17.0.1",
      routes: [
        { dst: "default", gateway: "172.17.0.1", dev: "eth0" },
        { dst: "172.17.0.0/16", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "172.17.0.3" },
        { dst: "10.32.0.0/12", dev: "ethwe", protocol: "kernel", scope: "link", prefsrc: "10.32.0.3" },
      ],
    });
  });

  it("Docker mode: every host holds dockerd's docker0 172.17.0.1/16 with its connected route, as a Weave-on-Docker host does", () => {
    const r = run({ orchestrator: "docker", containers: [{ id: "web", host: "node1" }] });
    expect(host(r, "node1")?.interfaces.find((i) => i.name === "docker0")).toEqual({ name: "docker0", kind: "bridge", addresses: ["172.17.0.1/16"], mtu: 1500 });
    expect(host(r, "node1")?.routes).toContainEqual({ dst: "172.17.0.0/16", dev: "docker0", protocol: "kernel", scope: "link", prefsrc: "172.17.0.1" });
    // No container plugged into docker0 yet: the kernel marks the route linkdown.
    expect(host(r, "node2")?.routes).toContainEqual({ dst: "172.17.0.0/16", dev: "docker0", protocol: "kernel", scope: "link", prefsrc: "172.17.0.1", flags: ["linkdown"] });
    // Under Kubernetes (CNI) Weave owns eth0 and no docker0 is reported.
    expect(run().hosts.some((h) => h.interfaces.some((i) => i.name === "docker0"))).toBe(false);
  });

  it("a Docker-mode host on 172.17.0.0/16 gets docker0 from the next free local pool", () => {
    const r = run({ orchestrator: "docker", underlays: [{ id: "lan", cidr: "172.17.5.0/24" }], containers: [{ id: "web", host: "node1" }] });
    expect(host(r, "node1")?.interfaces.find((i) => i.name === "docker0")?.addresses).toEqual(["172.18.0.1/16"]);
    expect(container(r, "web")?.routes[0]).toEqual({ dst: "default", gateway: "172.18.0.1", dev: "eth0" });
  });

  it("fastdp's datapath carries VXLAN on UDP 6784 (the Weave port plus one), which the flows show", () => {
    const r = run();
    expect(host(r, "node1")?.interfaces.find((i) => i.name === "datapath")).toMatchObject({ kind: "ovs", port: 6784 });
    expect(run({ backend: { mode: "sleeve" } }).hosts[0]?.interfaces.find((i) => i.name === "datapath")).toBeUndefined();
    const doc = {
      format: "topolab", version: 1, underlays: [{ id: "lan", cidr: "192.168.1.0/24" }],
      clusters: [{ id: "k8s", orchestrator: "kubernetes", backend: { type: "weave" } }],
      hosts: [{ id: "node1", cluster: "k8s", underlay: "lan" }, { id: "node2", cluster: "k8s", underlay: "lan" }],
      containers: [{ id: "web", host: "node1" }, { id: "api", host: "node2", ports: [{ port: 80 }] }],
      flows: [{ from: "web", to: "api", port: 80 }],
    };
    const a = analyze(doc);
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
    const hop = a.report.flows[0]?.path.find((p) => p.encapsulation);
    expect(hop).toMatchObject({ node: "node1", device: "datapath", encapsulation: { type: "vxlan", outerSrc: "192.168.1.2", outerDst: "192.168.1.3", port: 6784 } });
  });

  it("honours WEAVE_MTU: 8916 fits a 9000-byte underlay even encrypted", () => {
    const r = run({ backend: { mtu: 8916, encrypted: true }, underlays: [{ id: "lan", cidr: "192.168.1.0/24", mtu: 9000 }] });
    expect(r.clusters[0]).toMatchObject({ mtu: 8916, overhead: 84, encryption: true });
    expect(diag(r, "WEAVE_MTU_ABOVE_UNDERLAY")).toEqual([]);
  });

  it("encrypted fastdp opens ESP; 1376 is sized for GCE's 1460 with ESP", () => {
    const r = run({ backend: { encrypted: true }, underlays: [{ id: "lan", cidr: "192.168.1.0/24", mtu: 1460 }] });
    expect(r.clusters[0]?.firewall.at(-1)).toMatchObject({ protocol: "esp", between: "hosts" });
    expect(fastdpOuterSize(1376, true)).toBe(1460);
    expect(diag(r, "WEAVE_MTU_ABOVE_UNDERLAY")).toEqual([]);
  });

  it("warns that fastdp falls back to sleeve when the underlay is too small", () => {
    const r = run({ underlays: [{ id: "lan", cidr: "192.168.1.0/24", mtu: 1400 }] });
    expect(diag(r, "WEAVE_MTU_ABOVE_UNDERLAY")).toMatchObject([{ severity: "warning", subjects: ["k8s", "node1", "node2", "node3"] }]);
    expect(diag(r, "WEAVE_MTU_ABOVE_UNDERLAY")[0]?.message).toMatch(/sleeve.*WEAVE_MTU to 1350/);
  });

  it("sleeve: MTU 65535 (Weave fragments itself), overhead 62 (80 with NaCl), no 6784 and no ESP", () => {
    const r = run({ backend: { mode: "sleeve" } });
    expect(r.clusters[0]).toMatchObject({ encapsulation: "sleeve", mtu: 65535, overhead: 62 });
    expect(r.clusters[0]?.firewall.map((f) => [f.protocol, f.port])).toEqual([["tcp", 6783], ["udp", 6783]]);
    expect(diag(r, "WEAVE_SLEEVE_FRAGMENTS")[0]?.message).toMatch(/WEAVE_MTU to 1438/);
    const enc = run({ backend: { mode: "sleeve", encrypted: true } });
    expect(enc.clusters[0]).toMatchObject({ overhead: 80, encryption: true });
    expect(enc.clusters[0]?.firewall.some((f) => f.protocol === "esp")).toBe(false);
  });
});

describe("checks", () => {
  it("refuses a range that overlaps a host's network", () => {
    const r = run({ underlays: [{ id: "lan", cidr: "10.32.1.0/24" }], containers: [] });
    expect(diag(r, "POOL_INVALID")).toMatchObject([{ severity: "error", subjects: ["k8s", "lan", "node1", "node2", "node3"] }]);
  });

  it("falls back to sleeve on kernels before 3.12", () => {
    const r = run({ hosts: [{ id: "node1", kernel: "3.10" }, { id: "node2" }], containers: [] });
    expect(diag(r, "KERNEL_TOO_OLD")).toMatchObject([{ severity: "warning", subjects: ["k8s", "node1"] }]);
  });

  it("declares no IPv6, Kubernetes/Docker/none, policy, no datastore, and that it is unmaintained", () => {
    expect(weave.capabilities({ type: "weave", mode: "fastdp", range: "10.32.0.0/12", encrypted: false })).toMatchObject({
      ipv6: false, orchestrators: ["kubernetes", "docker", "none"], policy: true, datastore: "none (gossip CRDT, weavedb file)", crossHost: true,
    });
    expect(weave.topolabDefaults).toMatch(/unmaintained.*2022/);
    expect(diag(run({ orchestrator: "swarm", containers: [] }), "ORCHESTRATOR_UNSUPPORTED")).toHaveLength(1);
  });
});
