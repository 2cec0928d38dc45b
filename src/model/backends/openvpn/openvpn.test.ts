import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.ts";
import type { Report } from "../../report.ts";
import { openvpn } from "./index.ts";

function doc(backend: Record<string, unknown> = {}, hostCount = 3, underlay = "192.168.1.0/24") {
  const hosts = Array.from({ length: hostCount }, (_, i) => ({ id: `n${i + 1}`, cluster: "k", underlay: "lan" }));
  return {
    format: "topolab", version: 1,
    underlays: [{ id: "lan", cidr: underlay }],
    clusters: [{ id: "k", orchestrator: "docker", backend: { type: "openvpn", ...backend } }],
    hosts,
    containers: [{ id: "a", host: "n1" }, { id: "b", host: "n2" }, { id: "c", host: "n2" }].filter((c) => hosts.some((h) => h.id === c.host)),
  };
}

function run(input: unknown): Report {
  const r = analyze(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

const tun = (r: Report, host: string) => r.hosts.find((h) => h.id === host)?.interfaces.find((i) => i.name === "tun0");
const codes = (r: Report) => r.diagnostics.map((d) => d.code);

describe("openvpn sample server (vector 21)", () => {
  it("opens UDP 1194 towards the server and encrypts", () => {
    const c = run(doc()).clusters[0];
    expect(c).toMatchObject({ backend: "openvpn", mode: "udp", encapsulation: "openvpn", encryption: true, policy: false, pools: ["172.20.0.0/16", "10.8.0.0/24"] });
    expect(c?.firewall).toEqual([{ protocol: "udp", port: 1194, between: "to-server", reason: expect.any(String) }]);
  });

  it("gives the server tun0 10.8.0.1/24 and the clients .2, .3 in host order", () => {
    const r = run(doc());
    expect(tun(r, "n1")).toMatchObject({ kind: "tun", addresses: ["10.8.0.1/24"], port: 1194 });
    expect(tun(r, "n2")).toMatchObject({ addresses: ["10.8.0.2/24"], remote: "192.168.1.2" });
    expect(tun(r, "n3")?.addresses).toEqual(["10.8.0.3/24"]);
  });

  it("runs the server on config.server when set", () => {
    const r = run(doc({ server: "n2" }));
    expect([tun(r, "n1"), tun(r, "n2"), tun(r, "n3")].map((t) => t?.addresses[0])).toEqual(["10.8.0.2/24", "10.8.0.1/24", "10.8.0.3/24"]);
    expect(r.clusters[0]?.firewall[0]?.reason).toContain('"n2"');
  });

  it("hands clients .2 to .253: the 253rd client gets POOL_EXHAUSTED", () => {
    const r = run(doc({}, 254, "192.168.0.0/16"));
    expect(tun(r, "n253")?.addresses).toEqual(["10.8.0.253/24"]);
    expect(tun(r, "n254")).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === "POOL_EXHAUSTED");
    expect(d).toMatchObject({ severity: "error", subjects: ["k", "n254"] });
    expect(d?.message).toContain("10.8.0.2–10.8.0.253 (252 addresses)");
  });

  it("costs 52 bytes over UDP (MTU 1448) and 66 over TCP (MTU 1434)", () => {
    expect(run(doc()).clusters[0]).toMatchObject({ overhead: 52, mtu: 1448 });
    const tcp = run(doc({ mode: "tcp" })).clusters[0];
    expect(tcp).toMatchObject({ overhead: 66, mtu: 1434 });
    expect(tcp?.firewall.map((f) => [f.protocol, f.port, f.between])).toEqual([["tcp", 1194, "to-server"]]);
    expect(run(doc()).clusters[0]?.notes.some((n) => n.includes("tun-mtu 1500, mssfix 1492"))).toBe(true);
  });
});

describe("openvpn container subnets and routes", () => {
  it("gives each host's ctr0 the next /24 of 172.20.0.0/16, containers from .2", () => {
    const r = run(doc());
    expect(r.hosts.map((h) => h.subnets)).toEqual([["172.20.0.0/24"], ["172.20.1.0/24"], ["172.20.2.0/24"]]);
    expect(r.hosts[1]?.interfaces.find((i) => i.name === "ctr0")).toEqual({ name: "ctr0", kind: "bridge", addresses: ["172.20.1.1/24"], mtu: 1448 });
    expect(r.containers.map((c) => [c.id, c.ips[0], c.gateway])).toEqual([["a", "172.20.0.2", "172.20.0.1"], ["b", "172.20.1.2", "172.20.1.1"], ["c", "172.20.1.3", "172.20.1.1"]]);
    expect(r.containers[1]?.routes).toEqual([
      { dst: "default", gateway: "172.20.1.1", dev: "eth0" },
      { dst: "172.20.1.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "172.20.1.2" },
    ]);
    expect(r.containers[1]?.mtu).toBe(1448);
  });

  it("routes each client's /24 on the server via that client's tunnel address", () => {
    const routes = run(doc()).hosts[0]?.routes.filter((x) => x.dev === "tun0");
    expect(routes).toEqual([
      { dst: "10.8.0.0/24", dev: "tun0", protocol: "kernel", scope: "link", prefsrc: "10.8.0.1" },
      { dst: "172.20.1.0/24", gateway: "10.8.0.2", dev: "tun0" },
      { dst: "172.20.2.0/24", gateway: "10.8.0.3", dev: "tun0" },
    ]);
  });

  it("routes every other host's /24 on a client via the server, never its own", () => {
    const routes = run(doc()).hosts[1]?.routes.filter((x) => x.dev === "tun0");
    expect(routes).toEqual([
      { dst: "10.8.0.0/24", dev: "tun0", protocol: "kernel", scope: "link", prefsrc: "10.8.0.2" },
      { dst: "172.20.0.0/24", gateway: "10.8.0.1", dev: "tun0" },
      { dst: "172.20.2.0/24", gateway: "10.8.0.1", dev: "tun0" },
    ]);
  });
});

describe("openvpn diagnostics and capabilities", () => {
  it("reports clients that cannot reach the server's underlay, with the fix", () => {
    const base = doc({}, 2);
    const split = { ...base, underlays: [...base.underlays, { id: "far", cidr: "192.168.9.0/24" }], hosts: [base.hosts[0], { ...base.hosts[1], underlay: "far" }] };
    const d = run(split).diagnostics.find((x) => x.code === "OPENVPN_SERVER_UNREACHABLE");
    expect(d).toMatchObject({ severity: "error", subjects: ["n1", "n2"] });
    expect(d?.message).toContain("router");
    expect(d?.message).toContain("public address");
    expect(codes(run({ ...split, routers: [{ id: "r", underlays: ["lan", "far"] }] }))).not.toContain("OPENVPN_SERVER_UNREACHABLE");
  });

  it("rejects a tunnel network OpenVPN refuses and a pool smaller than a /24", () => {
    expect(run(doc({ tunnelNetwork: "10.8.0.0/30" })).diagnostics.find((d) => d.code === "POOL_INVALID")?.message).toContain("/16 to /29");
    expect(codes(run(doc({ containerPool: "172.20.0.0/25" })))).toContain("POOL_INVALID");
    expect(codes(run(doc({ containerPool: "10.8.0.0/16" })))).toContain("POOL_INVALID");
  });

  it("runs out of /24s when the pool holds fewer than the hosts", () => {
    const d = run(doc({ containerPool: "172.20.0.0/23" })).diagnostics.find((x) => x.code === "POOL_EXHAUSTED");
    expect(d?.subjects).toEqual(["k", "n3"]);
  });

  it("is a host-level VPN: Docker or none, IPv4 only, PKI", () => {
    expect(openvpn.capabilities({ type: "openvpn", mode: "udp", tunnelNetwork: "10.8.0.0/24", containerPool: "172.20.0.0/16", port: 1194 })).toEqual({
      ipv6: false, orchestrators: ["docker", "none"], encryption: true, policy: false, datastore: "none (PKI)", containersOnUnderlay: false, crossHost: true,
    });
  });
});
