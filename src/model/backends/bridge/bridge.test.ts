/** The Docker bridge baseline against BACKENDS.md §4 and test vector 16: exact user-visible values. */
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.ts";
import type { Report } from "../../report.ts";
import { bridge } from "./index.ts";

interface Options {
  backend?: Record<string, unknown>;
  ipFamily?: string;
  underlays?: { id: string; cidr: string; mtu?: number }[];
  hosts?: { id: string; underlay?: string }[];
  containers?: { id: string; host: string; ip?: string; ip6?: string }[];
}

function run(o: Options = {}): Report {
  const doc = {
    format: "topolab", version: 1,
    underlays: o.underlays ?? [{ id: "lan", cidr: "192.168.1.0/24" }],
    clusters: [{ id: "dock", name: "docker hosts", orchestrator: "docker", ipFamily: o.ipFamily ?? "ipv4", backend: { type: "bridge", ...o.backend } }],
    hosts: (o.hosts ?? [{ id: "h1" }, { id: "h2" }]).map((h) => ({ cluster: "dock", underlay: "lan", ...h })),
    containers: o.containers ?? [{ id: "web", host: "h1" }, { id: "api", host: "h1" }, { id: "db", host: "h2" }],
  };
  const r = analyze(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

const host = (r: Report, id: string) => r.hosts.find((h) => h.id === id);
const container = (r: Report, id: string) => r.containers.find((c) => c.id === id);
const diag = (r: Report, code: string) => r.diagnostics.filter((d) => d.code === code);

describe("bridge on fresh hosts", () => {
  const r = run();

  it("gives every host docker0 = 172.17.0.0/16 with gateway 172.17.0.1, MTU 1500", () => {
    for (const id of ["h1", "h2"]) {
      expect(host(r, id)?.subnets).toEqual(["172.17.0.0/16"]);
      expect(host(r, id)?.interfaces.find((i) => i.name === "docker0")).toEqual({ name: "docker0", kind: "bridge", addresses: ["172.17.0.1/16"], mtu: 1500 });
    }
    expect(host(r, "h1")?.routes.at(-1)).toEqual({ dst: "172.17.0.0/16", dev: "docker0", protocol: "kernel", scope: "link", prefsrc: "172.17.0.1" });
  });

  it("numbers containers from .2 per host: the same addresses on different hosts are normal behind NAT", () => {
    expect(r.containers.map((c) => [c.id, c.ips])).toEqual([["web", ["172.17.0.2"]], ["api", ["172.17.0.3"]], ["db", ["172.17.0.2"]]]);
    expect(container(r, "api")).toMatchObject({
      addresses: ["172.17.0.3/16"], gateway: "172.17.0.1", mtu: 1500, interface: "eth0",
      routes: [
        { dst: "default", gateway: "172.17.0.1", dev: "eth0" },
        { dst: "172.17.0.0/16", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "172.17.0.3" },
      ],
    });
    expect(r.diagnostics.filter((d) => d.code === "DUPLICATE_ADDRESS")).toEqual([]);
  });

  it("reports one pool, no encapsulation, no firewall openings between hosts", () => {
    expect(r.clusters[0]).toMatchObject({ backend: "bridge", mode: "nat", pools: ["172.17.0.0/16"], encapsulation: "none", overhead: 0, mtu: 1500, encryption: false, policy: false, firewall: [] });
  });
});

describe("first-fit pool choice per host (vector 16)", () => {
  it("a host on 172.17.5.0/24 gets 172.18.0.0/16; pools are the union of distinct docker0 subnets", () => {
    const r = run({ underlays: [{ id: "lan", cidr: "192.168.1.0/24" }, { id: "lab", cidr: "172.17.5.0/24" }], hosts: [{ id: "h1" }, { id: "h2", underlay: "lab" }] });
    expect(host(r, "h2")?.interfaces.find((i) => i.name === "docker0")?.addresses).toEqual(["172.18.0.1/16"]);
    expect(container(r, "db")).toMatchObject({ ips: ["172.18.0.2"], gateway: "172.18.0.1" });
    expect(r.clusters[0]?.pools).toEqual(["172.17.0.0/16", "172.18.0.0/16"]);
  });

  it("a host whose network covers 172.16.0.0/12 gets the 16th network, 192.168.0.0/20", () => {
    const r = run({ underlays: [{ id: "lan", cidr: "172.16.0.0/12" }] });
    expect(host(r, "h1")?.subnets).toEqual(["192.168.0.0/20"]);
    expect(container(r, "web")?.ips).toEqual(["192.168.0.2"]);
  });

  it("says so when every default network overlaps the host", () => {
    const r = run({ underlays: [{ id: "lan", cidr: "128.0.0.0/1" }] });
    expect(diag(r, "POOL_EXHAUSTED").map((d) => d.subjects)).toEqual([["h1", "dock"], ["h2", "dock"]]);
    expect(container(r, "web")?.ips).toEqual([]);
  });
});

describe("--bip", () => {
  it("sets docker0's address and prefix; containers take the lowest free addresses", () => {
    const r = run({ backend: { bip: "10.99.0.10/24" } });
    expect(host(r, "h1")?.interfaces.find((i) => i.name === "docker0")?.addresses).toEqual(["10.99.0.10/24"]);
    expect(r.containers.map((c) => c.ips[0])).toEqual(["10.99.0.1", "10.99.0.2", "10.99.0.1"]);
    expect(container(r, "web")?.routes[0]).toEqual({ dst: "default", gateway: "10.99.0.10", dev: "eth0" });
    expect(r.clusters[0]?.pools).toEqual(["10.99.0.0/24"]);
  });

  it("rejects a bip without a prefix or on the network address", () => {
    expect(diag(run({ backend: { bip: "172.17.0.1" } }), "POOL_INVALID")).toHaveLength(1);
    expect(diag(run({ backend: { bip: "10.1.0.0/16" } }), "POOL_INVALID")[0]?.message).toMatch(/network address of 10\.1\.0\.0\/16/);
  });
});

describe("addresses, MTU and IPv6", () => {
  it("honours a pinned address and rejects one outside docker0's subnet", () => {
    const r = run({ containers: [{ id: "web", host: "h1" }, { id: "api", host: "h1", ip: "172.17.0.2" }, { id: "db", host: "h2", ip: "10.0.0.5" }] });
    expect(container(r, "api")?.ips).toEqual(["172.17.0.2"]);
    expect(container(r, "web")?.ips).toEqual(["172.17.0.3"]);
    expect(diag(r, "ADDRESS_OUTSIDE_SUBNET")[0]?.subjects).toEqual(["db"]);
  });

  it("marks docker0's route linkdown on a host without containers", () => {
    const r = run({ containers: [{ id: "web", host: "h1" }] });
    expect(host(r, "h2")?.routes.at(-1)?.flags).toEqual(["linkdown"]);
    expect(host(r, "h1")?.routes.at(-1)?.flags).toBeUndefined();
  });

  it("warns when the underlay MTU is below Docker's 1500, not when it is above", () => {
    const low = run({ underlays: [{ id: "lan", cidr: "192.168.1.0/24", mtu: 1400 }] });
    expect(diag(low, "BRIDGE_MTU_ABOVE_UNDERLAY")).toMatchObject([{ severity: "warning", subjects: ["dock", "h1", "h2"] }]);
    expect(diag(low, "BRIDGE_MTU_ABOVE_UNDERLAY")[0]?.message).toMatch(/"mtu": 1400/);
    expect(low.clusters[0]?.mtu).toBe(1500);
    expect(diag(run({ underlays: [{ id: "lan", cidr: "192.168.1.0/24", mtu: 9000 }] }), "BRIDGE_MTU_ABOVE_UNDERLAY")).toEqual([]);
  });

  it("dual stack: host N gets the ULA fd00:N::/64, gateway ::1, containers from ::2", () => {
    const r = run({ ipFamily: "dual" });
    expect(host(r, "h2")?.subnets).toEqual(["172.17.0.0/16", "fd00:1::/64"]);
    expect(host(r, "h1")?.interfaces.find((i) => i.name === "docker0")?.addresses).toEqual(["172.17.0.1/16", "fd00::1/64"]);
    expect(container(r, "db")).toMatchObject({ ips: ["172.17.0.2", "fd00:1::2"], addresses: ["172.17.0.2/16", "fd00:1::2/64"] });
    expect(container(r, "db")?.routes).toContainEqual({ dst: "default", gateway: "fd00:1::1", dev: "eth0", metric: 1024 });
    expect(r.clusters[0]?.pools).toEqual(["172.17.0.0/16", "fd00::/64", "fd00:1::/64"]);
    expect(r.diagnostics.filter((d) => d.code === "IPV6_UNSUPPORTED")).toEqual([]);
  });
});

describe("capabilities", () => {
  it("is single-host: no cross-host container traffic; Docker-family orchestrators; IPv6; local IPAM", () => {
    expect(bridge.capabilities({ type: "bridge", mode: "nat" })).toEqual({
      ipv6: true, orchestrators: ["docker", "swarm", "nomad", "none"], encryption: false, policy: false,
      datastore: "none (local IPAM)", containersOnUnderlay: false, crossHost: false,
    });
  });
});
