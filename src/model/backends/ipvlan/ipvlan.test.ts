import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.ts";
import type { Report } from "../../report.ts";
import { ipvlan } from "./index.ts";

interface Options {
  orchestrator?: string;
  ipFamily?: string;
  kernel?: string;
  underlay?: Record<string, unknown>;
  routers?: unknown[];
  hosts?: Record<string, unknown>[];
  containers?: Record<string, unknown>[];
}

function doc(backend: Record<string, unknown>, o: Options = {}) {
  return {
    format: "topolab", version: 1,
    underlays: [{ id: "lan", cidr: "192.168.1.0/24", ...o.underlay }],
    routers: o.routers ?? [{ id: "gw", underlays: ["lan"] }],
    clusters: [{ id: "k", orchestrator: o.orchestrator ?? "docker", ipFamily: o.ipFamily ?? "ipv4", backend: { type: "ipvlan", ...backend } }],
    hosts: o.hosts ?? [{ id: "n1", cluster: "k", underlay: "lan", kernel: o.kernel ?? "6.1" }, { id: "n2", cluster: "k", underlay: "lan", kernel: o.kernel ?? "6.1" }],
    containers: o.containers ?? [{ id: "a", host: "n1" }, { id: "b", host: "n1" }, { id: "c", host: "n2" }],
  };
}

function run(input: unknown): Report {
  const r = analyze(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

const codes = (r: Report) => r.diagnostics.map((d) => d.code);

describe("ipvlan l3 (vector 22)", () => {
  const vector = doc(
    { mode: "l3", cidr: "10.1.214.0/24", subnetLen: 24 },
    { underlay: { mtu: 9000 }, hosts: [{ id: "n1", cluster: "k", underlay: "lan", ip: "192.168.1.250" }], containers: [{ id: "a", host: "n1" }] },
  );

  it("gives containers `default dev eth0`, no gateway, the parent's MTU, no ports", () => {
    const r = run(vector);
    const a = r.containers[0];
    expect(a?.routes[0]).toEqual({ dst: "default", dev: "eth0", scope: "link" });
    expect(a?.gateway).toBeUndefined();
    expect(a).toMatchObject({ ips: ["10.1.214.1"], addresses: ["10.1.214.1/24"], mtu: 9000 });
    expect(a?.device).toEqual({ name: "eth0", kind: "ipvlan", addresses: ["10.1.214.1/24"], mtu: 9000, parent: "eth0", mode: "l3" });
    expect(r.clusters[0]).toMatchObject({ encapsulation: "none", overhead: 0, mtu: 9000, firewall: [], pools: ["10.1.214.0/24"] });
  });

  it("lists the route the upstream router needs: 10.1.214.0/24 via 192.168.1.250", () => {
    const routes = run(vector).routers[0]?.routes;
    expect(routes).toEqual([{ dst: "10.1.214.0/24", gateway: "192.168.1.250", reason: expect.stringContaining("distributes no routes") }]);
  });

  it("without a router, warns NEEDS_ROUTER_ROUTES and spells out the route for the LAN gateway", () => {
    const d = run({ ...vector, routers: [] }).diagnostics.find((x) => x.code === "NEEDS_ROUTER_ROUTES");
    expect(d).toMatchObject({ severity: "warning", subjects: ["lan", "n1"] });
    expect(d?.message).toContain("ip route add 10.1.214.0/24 via 192.168.1.250");
  });

  it("splits the cidr into /subnetLen in host order", () => {
    const r = run(doc({ mode: "l3" }));
    expect(r.hosts.map((h) => h.subnets)).toEqual([["10.1.0.0/24"], ["10.1.1.0/24"]]);
    expect(r.containers.map((c) => c.ips[0])).toEqual(["10.1.0.1", "10.1.0.2", "10.1.1.1"]);
    expect(r.routers[0]?.routes.map((x) => `${x.dst} via ${x.gateway}`)).toEqual(["10.1.0.0/24 via 192.168.1.2", "10.1.1.0/24 via 192.168.1.3"]);
  });

  it("routes each peer's subnet straight to the peer on the same LAN, through the gateway across a router", () => {
    const same = run(doc({ mode: "l3" }));
    expect(same.hosts.map((h) => h.routes.slice(2))).toEqual([
      [{ dst: "10.1.1.0/24", gateway: "192.168.1.3", dev: "eth0" }],
      [{ dst: "10.1.0.0/24", gateway: "192.168.1.2", dev: "eth0" }],
    ]);
    const base = doc({ mode: "l3" });
    const routed = run({
      ...base,
      underlays: [...base.underlays, { id: "lan2", cidr: "192.168.2.0/24" }],
      routers: [{ id: "gw", underlays: ["lan", "lan2"] }],
      hosts: [...base.hosts, { id: "n3", cluster: "k", underlay: "lan2" }],
    });
    expect(routed.hosts[2]?.routes.slice(2)).toEqual([
      { dst: "10.1.0.0/24", gateway: "192.168.2.1", dev: "eth0" },
      { dst: "10.1.1.0/24", gateway: "192.168.2.1", dev: "eth0" },
    ]);
    expect(routed.hosts[0]?.routes.slice(2)).toEqual([
      { dst: "10.1.1.0/24", gateway: "192.168.1.3", dev: "eth0" },
      { dst: "10.1.2.0/24", gateway: "192.168.1.1", dev: "eth0" },
    ]);
    expect(routed.routers[0]?.routes.map((x) => `${x.dst} via ${x.gateway}`)).toEqual(["10.1.0.0/24 via 192.168.1.2", "10.1.1.0/24 via 192.168.1.3", "10.1.2.0/24 via 192.168.2.2"]);
  });

  it("reports too few host subnets and a subnetLen outside the cidr", () => {
    const full = run(doc({ mode: "l3", cidr: "10.1.0.0/24", subnetLen: 24 })).diagnostics.find((d) => d.code === "POOL_EXHAUSTED");
    expect(full?.subjects).toEqual(["k", "n2"]);
    expect(codes(run(doc({ mode: "l3", subnetLen: 8 })))).toContain("POOL_INVALID");
  });

  it("gives each host a /64 of fd00:10::/48 for IPv6 when the cidr is IPv4", () => {
    const r = run(doc({ mode: "l3" }, { ipFamily: "dual" }));
    expect(r.hosts[1]?.subnets).toEqual(["10.1.1.0/24", "fd00:10:0:1::/64"]);
    expect(r.containers[2]?.ips).toEqual(["10.1.1.1", "fd00:10:0:1::1"]);
  });
});

describe("ipvlan l2 (Docker's default)", () => {
  it("puts containers on the underlay after the hosts, a disjoint range per host, default via the underlay's gateway", () => {
    const r = run(doc({}));
    expect(r.clusters[0]).toMatchObject({ mode: "l2", pools: ["192.168.1.0/24"], mtu: 1500, encapsulation: "none", firewall: [] });
    expect(r.containers.map((c) => [c.id, c.addresses[0]])).toEqual([["a", "192.168.1.4/24"], ["b", "192.168.1.5/24"], ["c", "192.168.1.6/24"]]);
    expect(r.hosts.map((h) => h.subnets)).toEqual([["192.168.1.4–192.168.1.5"], ["192.168.1.6–192.168.1.6"]]);
    const a = r.containers[0];
    expect(a?.gateway).toBe("192.168.1.1");
    expect(a?.routes).toEqual([
      { dst: "default", gateway: "192.168.1.1", dev: "eth0" },
      { dst: "192.168.1.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "192.168.1.4" },
    ]);
    expect(a?.device).toEqual({ name: "eth0", kind: "ipvlan", addresses: ["192.168.1.4/24"], mtu: 1500, parent: "eth0", mode: "l2" });
  });

  it("starts after the highest host address, not after a gateway at .254", () => {
    const r = run(doc({}, {
      routers: [], underlay: { gateway: "192.168.1.254" },
      hosts: [{ id: "n1", cluster: "k", underlay: "lan" }, { id: "n2", cluster: "k", underlay: "lan", ip: "192.168.1.100" }],
    }));
    expect(r.containers.map((c) => c.ips[0])).toEqual(["192.168.1.101", "192.168.1.102", "192.168.1.103"]);
    expect(r.containers[0]?.gateway).toBe("192.168.1.254");
  });

  it("says SUBNET_EXHAUSTED when the underlay has no room left, and honours pins inside it", () => {
    const small = run(doc({}, { underlay: { cidr: "192.168.1.0/29" }, containers: ["a", "b", "c", "d"].map((id) => ({ id, host: "n1" })) }));
    expect(small.containers.map((c) => c.ips[0])).toEqual(["192.168.1.4", "192.168.1.5", "192.168.1.6", undefined]);
    expect(small.diagnostics.find((d) => d.code === "SUBNET_EXHAUSTED")?.subjects).toEqual(["lan", "d"]);
    const pinned = run(doc({}, { containers: [{ id: "a", host: "n1", ip: "192.168.1.200" }, { id: "b", host: "n2", ip: "10.9.9.9" }] }));
    expect(pinned.containers[0]?.ips).toEqual(["192.168.1.200"]);
    expect(pinned.hosts.map((h) => h.subnets)).toEqual([["192.168.1.200–192.168.1.200"], ["192.168.1.4–192.168.1.4"]]);
    expect(pinned.diagnostics.find((d) => d.code === "ADDRESS_OUTSIDE_SUBNET")?.subjects).toEqual(["b"]);
  });

  it("never gives two LAN-attached clusters on one underlay the same address", () => {
    const base = doc({});
    const two = {
      ...base,
      clusters: [...base.clusters, { id: "m", orchestrator: "docker", backend: { type: "macvlan" } }],
      hosts: [...base.hosts, { id: "m1", cluster: "m", underlay: "lan" }],
      containers: [...base.containers, { id: "x", host: "m1" }],
    };
    const r = run(two);
    expect(r.containers.map((c) => [c.id, c.ips[0]])).toEqual([["a", "192.168.1.5"], ["b", "192.168.1.6"], ["c", "192.168.1.7"], ["x", "192.168.1.8"]]);
  });

  it("flags an IPv6 request on an IPv4 underlay", () => {
    const d = run(doc({}, { ipFamily: "dual" })).diagnostics.find((x) => x.code === "UNDERLAY_FAMILY_MISSING");
    expect(d).toMatchObject({ severity: "warning", subjects: ["k", "lan"] });
    expect(run(doc({}, { ipFamily: "ipv6" })).diagnostics.find((x) => x.code === "UNDERLAY_FAMILY_MISSING")?.severity).toBe("error");
  });

  it("notes that containers cannot reach their own host", () => {
    expect(run(doc({})).clusters[0]?.notes[0]).toContain("cannot reach their own host");
  });

  it("warns that a cloud network only delivers the addresses it assigned", () => {
    expect(codes(run(doc({}, { underlay: { kind: "cloud" } })))).toContain("IPVLAN_ON_CLOUD");
  });
});

describe("ipvlan kernels and capabilities", () => {
  it("needs Linux 3.19 for the driver at all", () => {
    const d = run(doc({}, { kernel: "3.10", orchestrator: "kubernetes" })).diagnostics.filter((x) => x.code === "KERNEL_TOO_OLD");
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: "error", subjects: ["n1", "n2"] });
    expect(d[0]?.message).toContain("3.19");
  });

  it("needs 4.2 under Docker and Swarm, not under Kubernetes", () => {
    expect(run(doc({}, { kernel: "4.1" })).diagnostics.find((x) => x.code === "KERNEL_TOO_OLD")?.message).toContain("earlier kernels exist but are buggy");
    expect(codes(run(doc({ mode: "l3" }, { kernel: "4.1", orchestrator: "swarm" })))).toContain("KERNEL_TOO_OLD");
    expect(codes(run(doc({}, { kernel: "4.1", orchestrator: "kubernetes" })))).not.toContain("KERNEL_TOO_OLD");
    expect(codes(run(doc({}, { kernel: "4.2" })))).not.toContain("KERNEL_TOO_OLD");
  });

  it("puts containers on the underlay in l2 only", () => {
    const config = { type: "ipvlan" as const, mode: "l2" as const, parent: "eth0", cidr: "10.1.0.0/16", subnetLen: 24 };
    expect(ipvlan.capabilities(config)).toMatchObject({
      ipv6: true, orchestrators: ["docker", "swarm", "kubernetes", "none"], encryption: false, policy: false,
      datastore: "none (local IPAM per host)", containersOnUnderlay: true,
    });
    expect(ipvlan.capabilities({ ...config, mode: "l3" }).containersOnUnderlay).toBe(false);
  });
});
