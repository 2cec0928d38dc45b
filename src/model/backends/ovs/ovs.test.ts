import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.ts";
import type { Report } from "../../report.ts";
import { ovs } from "./index.ts";

function doc(backend: Record<string, unknown>, opts: { hosts?: number; ipFamily?: string; underlay?: string; containers?: Record<string, unknown>[] } = {}) {
  const hosts = Array.from({ length: opts.hosts ?? 3 }, (_, i) => ({ id: `n${i + 1}`, cluster: "k", underlay: "lan" }));
  return {
    format: "topolab", version: 1,
    underlays: [{ id: "lan", cidr: opts.underlay ?? "192.168.1.0/24" }],
    clusters: [{ id: "k", orchestrator: "docker", ipFamily: opts.ipFamily ?? "ipv4", backend: { type: "ovs", ...backend } }],
    hosts,
    containers: (opts.containers ?? [{ id: "a", host: "n1" }, { id: "b", host: "n1" }, { id: "c", host: "n2" }, { id: "d", host: "n3" }]).filter((c) => hosts.some((h) => h.id === c.host)),
  };
}

function run(input: unknown): Report {
  const r = analyze(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

const codes = (r: Report) => r.diagnostics.map((d) => d.code);

describe("ovs tunnels (vector 20)", () => {
  it("vxlan: UDP 4789 between hosts, overhead 50, MTU 1450", () => {
    const c = run(doc({ mode: "vxlan" })).clusters[0];
    expect(c).toMatchObject({ backend: "ovs", mode: "vxlan", encapsulation: "vxlan", overhead: 50, mtu: 1450, encryption: false, policy: false, pools: ["10.200.0.0/16"] });
    expect(c?.firewall).toEqual([{ protocol: "udp", port: 4789, between: "hosts", reason: expect.any(String) }]);
  });

  it("geneve: UDP 6081, MTU 1450, and the notes give OVN's 1442", () => {
    const c = run(doc({ mode: "geneve" })).clusters[0];
    expect(c).toMatchObject({ encapsulation: "geneve", overhead: 50, mtu: 1450 });
    expect(c?.firewall.map((f) => [f.protocol, f.port])).toEqual([["udp", 6081]]);
    expect(c?.notes.some((n) => n.includes("1442"))).toBe(true);
  });

  it("gre: IP protocol 47 with no port, overhead 38, MTU 1462; a key adds 4", () => {
    const c = run(doc({ mode: "gre" })).clusters[0];
    expect(c).toMatchObject({ encapsulation: "gre", overhead: 38, mtu: 1462 });
    expect(c?.firewall).toEqual([{ protocol: "gre", between: "hosts", reason: expect.any(String) }]);
    expect(run(doc({ mode: "gre", greKey: true })).clusters[0]).toMatchObject({ overhead: 42, mtu: 1458 });
  });

  it("an IPv6 underlay costs 70 for vxlan and geneve (MTU 1430), 58 for GRE", () => {
    const v6 = { underlay: "fd00:1::/64" };
    expect(run(doc({ mode: "vxlan" }, v6)).clusters[0]).toMatchObject({ overhead: 70, mtu: 1430 });
    expect(run(doc({ mode: "geneve" }, v6)).clusters[0]).toMatchObject({ overhead: 70, mtu: 1430 });
    expect(run(doc({ mode: "gre" }, v6)).clusters[0]).toMatchObject({ overhead: 58, mtu: 1442 });
  });
});

describe("ovs flat network", () => {
  it("numbers containers in host order from .2 on the flat /16, default via .1", () => {
    const r = run(doc({}));
    expect(r.containers.map((c) => [c.id, c.ips])).toEqual([["a", ["10.200.0.2"]], ["b", ["10.200.0.3"]], ["c", ["10.200.0.4"]], ["d", ["10.200.0.5"]]]);
    const d = r.containers[3];
    expect(d).toMatchObject({ addresses: ["10.200.0.5/16"], gateway: "10.200.0.1", mtu: 1450, interface: "eth0" });
    expect(d?.routes).toEqual([
      { dst: "default", gateway: "10.200.0.1", dev: "eth0" },
      { dst: "10.200.0.0/16", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "10.200.0.5" },
    ]);
  });

  it("puts .1 on the first host's br0 and a tunnel port per peer on every bridge", () => {
    const r = run(doc({}));
    const [n1, n2] = r.hosts;
    expect(n1?.interfaces.slice(1)).toEqual([
      { name: "br0", kind: "ovs", addresses: ["10.200.0.1/16"], mtu: 1450 },
      { name: "vxlan-n2", kind: "vxlan", addresses: [], mtu: 1450, remote: "192.168.1.3", master: "br0", port: 4789, vni: 0 },
      { name: "vxlan-n3", kind: "vxlan", addresses: [], mtu: 1450, remote: "192.168.1.4", master: "br0", port: 4789, vni: 0 },
    ]);
    expect(n2?.interfaces.map((i) => [i.name, i.addresses, i.remote])).toEqual([
      ["eth0", ["192.168.1.3/24"], undefined], ["br0", [], undefined], ["vxlan-n1", [], "192.168.1.2"], ["vxlan-n3", [], "192.168.1.4"],
    ]);
    // The port towards n3 is one object shared by n1 and n2 (no per-pair copies).
    expect(n1?.interfaces[3]).toBe(n2?.interfaces[3]);
  });

  it("routes the flat subnet on br0 only on the first host, the one with an address there", () => {
    const r = run(doc({}));
    const flat = (h: Report["hosts"][number] | undefined) => h?.routes.filter((x) => x.dev === "br0");
    expect(flat(r.hosts[0])).toEqual([{ dst: "10.200.0.0/16", dev: "br0", protocol: "kernel", scope: "link", prefsrc: "10.200.0.1" }]);
    expect(flat(r.hosts[1])).toEqual([]);
    expect(r.hosts.map((h) => h.subnets)).toEqual([["10.200.0.0/16"], ["10.200.0.0/16"], ["10.200.0.0/16"]]);
  });

  it("dual stack adds the fixed ULA fd00:200::/64, gateway ::1 on the first br0", () => {
    const r = run(doc({}, { ipFamily: "dual" }));
    expect(r.clusters[0]?.pools).toEqual(["10.200.0.0/16", "fd00:200::/64"]);
    expect(r.containers[0]?.ips).toEqual(["10.200.0.2", "fd00:200::2"]);
    expect(r.containers[0]?.routes).toContainEqual({ dst: "default", gateway: "fd00:200::1", dev: "eth0", metric: 1024 });
    expect(r.hosts[0]?.interfaces[1]?.addresses).toEqual(["10.200.0.1/16", "fd00:200::1/64"]);
  });

  it("honours pinned addresses and reports a pin on the gateway", () => {
    const r = run(doc({}, { containers: [{ id: "a", host: "n1" }, { id: "b", host: "n2", ip: "10.200.9.9" }, { id: "c", host: "n3", ip: "10.200.0.1" }] }));
    expect(r.containers.find((c) => c.id === "b")?.ips).toEqual(["10.200.9.9"]);
    expect(r.diagnostics.find((d) => d.code === "DUPLICATE_ADDRESS")?.subjects).toEqual(["c"]);
  });

  it("says SUBNET_EXHAUSTED when the flat subnet is full", () => {
    const r = run(doc({ cidr: "10.200.0.0/30" }));
    const d = r.diagnostics.find((x) => x.code === "SUBNET_EXHAUSTED");
    expect(d?.severity).toBe("error");
    expect(d?.subjects).toEqual(["k", "b", "c", "d"]);
    expect(r.containers[0]?.ips).toEqual(["10.200.0.2"]);
  });
});

describe("ovs diagnostics and capabilities", () => {
  it("warns about the broadcast loop of a full mesh from three hosts on", () => {
    expect(codes(run(doc({}, { hosts: 3 })))).toContain("OVS_MESH_LOOP");
    expect(codes(run(doc({}, { hosts: 2 })))).not.toContain("OVS_MESH_LOOP");
  });

  it("reports hosts whose underlay cannot reach the others", () => {
    const input = doc({}, { hosts: 2 });
    const split = { ...input, underlays: [...input.underlays, { id: "far", cidr: "192.168.9.0/24" }], hosts: [input.hosts[0], { ...input.hosts[1], underlay: "far" }] };
    const d = run(split).diagnostics.find((x) => x.code === "TUNNEL_PEER_UNREACHABLE");
    expect(d).toMatchObject({ severity: "error", subjects: ["n1", "n2"] });
    const joined = { ...split, routers: [{ id: "r", underlays: ["lan", "far"] }] };
    expect(codes(run(joined))).not.toContain("TUNNEL_PEER_UNREACHABLE");
  });

  it("declares Docker or no orchestrator, IPv6, no encryption or policy, OVSDB per host", () => {
    expect(ovs.capabilities({ type: "ovs", mode: "vxlan", cidr: "10.200.0.0/16", greKey: false })).toEqual({
      ipv6: true, orchestrators: ["docker", "none"], encryption: false, policy: false,
      datastore: "OVSDB per host (no central controller in this design)", containersOnUnderlay: false, crossHost: true,
    });
  });
});
