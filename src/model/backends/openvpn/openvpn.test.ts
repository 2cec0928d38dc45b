import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.ts";
import type { Report } from "../../report.ts";
import { openvpnConfig } from "./config.ts";
import { openvpn } from "./index.ts";

function doc(backend: Record<string, unknown> = {}, hostCount = 3, underlay = "192.168.1.0/24", ipFamily = "ipv4") {
  const hosts = Array.from({ length: hostCount }, (_, i) => ({ id: `n${i + 1}`, cluster: "k", underlay: "lan" }));
  return {
    format: "topolab", version: 1,
    underlays: [{ id: "lan", cidr: underlay }],
    clusters: [{ id: "k", orchestrator: "docker", ipFamily, backend: { type: "openvpn", ...backend } }],
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
const tunRoutes = (r: Report, host: string) => r.hosts.find((h) => h.id === host)?.routes.filter((x) => x.dev === "tun0");
const kernel = (dst: string, prefsrc: string) => ({ dst, dev: "tun0", protocol: "kernel", scope: "link", prefsrc });

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

  it("is a host-level VPN: Docker or none, IPv4 and IPv6, PKI", () => {
    expect(openvpn.capabilities(openvpnConfig.parse({ type: "openvpn" }))).toEqual({
      ipv6: true, orchestrators: ["docker", "none"], encryption: true, policy: false, datastore: "none (PKI)", containersOnUnderlay: false, crossHost: true,
    });
  });

  it("defaults to topology subnet, with the IPv6 networks only used when the cluster asks for IPv6", () => {
    expect(openvpnConfig.parse({ type: "openvpn" })).toMatchObject({ topology: "subnet", tunnelNetwork6: "fd00:10:8::/64", containerPool6: "fd00:172:20::/48" });
    expect(openvpnConfig.safeParse({ type: "openvpn", topology: "p2p" }).success).toBe(false);
    expect(run(doc()).hosts.flatMap((h) => h.interfaces.flatMap((i) => i.addresses)).some((a) => a.includes(":"))).toBe(false);
  });
});

describe("openvpn topology net30 (vector 21)", () => {
  const net30 = (extra: Record<string, unknown> = {}, hosts = 3, underlay = "192.168.1.0/24") => run(doc({ topology: "net30", ...extra }, hosts, underlay));

  it("gives the server 10.8.0.1 peer 10.8.0.2 and each client the .2 of its /30 from 10.8.0.4, peer the .1", () => {
    const r = net30({}, 4);
    expect(tun(r, "n1")).toEqual({ name: "tun0", kind: "tun", addresses: ["10.8.0.1/32"], peer: "10.8.0.2", mtu: 1448, port: 1194 });
    expect(tun(r, "n2")).toEqual({ name: "tun0", kind: "tun", addresses: ["10.8.0.6/32"], peer: "10.8.0.5", mtu: 1448, remote: "192.168.1.2" });
    expect([tun(r, "n3"), tun(r, "n4")].map((t) => [t?.addresses, t?.peer])).toEqual([[["10.8.0.10/32"], "10.8.0.9"], [["10.8.0.14/32"], "10.8.0.13"]]);
    expect(r.clusters[0]?.pools).toEqual(["172.20.0.0/16", "10.8.0.0/24"]);
  });

  it("routes the tunnel /24 on the server via its peer, and each client's /24 via the same peer", () => {
    expect(tunRoutes(net30(), "n1")).toEqual([
      kernel("10.8.0.2", "10.8.0.1"),
      { dst: "10.8.0.0/24", gateway: "10.8.0.2", dev: "tun0" },
      { dst: "172.20.1.0/24", gateway: "10.8.0.2", dev: "tun0" },
      { dst: "172.20.2.0/24", gateway: "10.8.0.2", dev: "tun0" },
    ]);
  });

  it("gives each client a p2p route to its peer, the pushed route 10.8.0.1 and the container pool via its peer", () => {
    const r = net30({ containerPool: "172.21.0.0/16" });
    expect(tunRoutes(r, "n2")).toEqual([kernel("10.8.0.5", "10.8.0.6"), { dst: "10.8.0.1", gateway: "10.8.0.5", dev: "tun0" }, { dst: "172.21.0.0/16", gateway: "10.8.0.5", dev: "tun0" }]);
    expect(tunRoutes(r, "n3")).toEqual([kernel("10.8.0.9", "10.8.0.10"), { dst: "10.8.0.1", gateway: "10.8.0.9", dev: "tun0" }, { dst: "172.21.0.0/16", gateway: "10.8.0.9", dev: "tun0" }]);
    // Its own /24 stays on ctr0, more specific than the pool route.
    expect(r.hosts[1]?.routes).toContainEqual({ dst: "172.21.1.0/24", dev: "ctr0", protocol: "kernel", scope: "link", prefsrc: "172.21.1.1" });
    expect(r.containers.map((c) => [c.id, c.ips[0], c.gateway])).toEqual([["a", "172.21.0.2", "172.21.0.1"], ["b", "172.21.1.2", "172.21.1.1"], ["c", "172.21.1.3", "172.21.1.1"]]);
  });

  it("fits 62 clients in a /24: the 62nd is 10.8.0.250 peer 10.8.0.249, the 63rd gets POOL_EXHAUSTED", () => {
    const r = net30({}, 64, "192.168.0.0/16");
    expect([tun(r, "n63")?.addresses, tun(r, "n63")?.peer]).toEqual([["10.8.0.250/32"], "10.8.0.249"]);
    expect(tun(r, "n64")).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === "POOL_EXHAUSTED");
    expect(d).toMatchObject({ severity: "error", subjects: ["k", "n64"] });
    expect(d?.message).toContain("pool 10.8.0.4–10.8.0.251: the tunnel network 10.8.0.0/24 holds 62 clients");
    expect(d?.message).toContain("Switch to topology subnet (one address per client: 252 clients in 10.8.0.0/24) or use a bigger tunnelNetwork");
    expect(codes(net30({}, 63, "192.168.0.0/16"))).not.toContain("POOL_EXHAUSTED");
  });

  it("holds 2 clients in a /28 and refuses a /29, whose pool is a single /30", () => {
    const r = net30({ tunnelNetwork: "10.8.0.0/28" }, 4);
    expect([tun(r, "n2")?.peer, tun(r, "n3")?.peer, tun(r, "n4")]).toEqual(["10.8.0.5", "10.8.0.9", undefined]);
    expect(r.diagnostics.find((x) => x.code === "POOL_EXHAUSTED")?.message).toContain("pool 10.8.0.4–10.8.0.11: the tunnel network 10.8.0.0/28 holds 2 clients");
    const small = net30({ tunnelNetwork: "10.8.0.0/29" });
    expect(small.diagnostics.find((x) => x.code === "POOL_INVALID")?.message).toContain("IPv4 pool size is too small (1), must be at least 2");
    expect(tun(small, "n1")).toBeUndefined();
  });

  it("warns that net30 is deprecated; subnet does not", () => {
    expect(net30().diagnostics.find((d) => d.code === "OPENVPN_NET30_DEPRECATED")).toMatchObject({ severity: "warning", subjects: ["k"] });
    expect(codes(run(doc()))).not.toContain("OPENVPN_NET30_DEPRECATED");
    expect(net30().clusters[0]?.notes.some((n) => n.includes('push "route 172.20.0.0 255.255.0.0"'))).toBe(true);
  });
});

describe("openvpn IPv6 (server-ipv6)", () => {
  it("dual stack: server ::1, clients from ::1000 in host order, a /64 per host's ctr0", () => {
    const r = run(doc({}, 3, "192.168.1.0/24", "dual"));
    expect([tun(r, "n1"), tun(r, "n2"), tun(r, "n3")].map((t) => t?.addresses)).toEqual([
      ["10.8.0.1/24", "fd00:10:8::1/64"], ["10.8.0.2/24", "fd00:10:8::1000/64"], ["10.8.0.3/24", "fd00:10:8::1001/64"],
    ]);
    expect(r.hosts.map((h) => h.subnets)).toEqual([["172.20.0.0/24", "fd00:172:20::/64"], ["172.20.1.0/24", "fd00:172:20:1::/64"], ["172.20.2.0/24", "fd00:172:20:2::/64"]]);
    expect(r.hosts[1]?.interfaces.find((i) => i.name === "ctr0")?.addresses).toEqual(["172.20.1.1/24", "fd00:172:20:1::1/64"]);
    expect(r.clusters[0]?.pools).toEqual(["172.20.0.0/16", "10.8.0.0/24", "fd00:172:20::/48", "fd00:10:8::/64"]);
    expect(r.containers[1]).toMatchObject({ ips: ["172.20.1.2", "fd00:172:20:1::2"], addresses: ["172.20.1.2/24", "fd00:172:20:1::2/64"], gateway: "172.20.1.1" });
    expect(r.containers[1]?.routes).toEqual([
      { dst: "default", gateway: "172.20.1.1", dev: "eth0" },
      { dst: "172.20.1.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "172.20.1.2" },
      { dst: "default", gateway: "fd00:172:20:1::1", dev: "eth0", metric: 1024 },
      { dst: "fd00:172:20:1::/64", dev: "eth0", protocol: "kernel", metric: 256 },
    ]);
  });

  it("routes every other host's /64 into tun0 without a gateway, on the server and the clients alike", () => {
    const r = run(doc({}, 3, "192.168.1.0/24", "dual"));
    const v6 = (host: string) => tunRoutes(r, host)?.filter((x) => x.dst.includes(":"));
    expect(v6("n1")).toEqual([
      { dst: "fd00:10:8::/64", dev: "tun0", protocol: "kernel", metric: 256 },
      { dst: "fd00:172:20:1::/64", dev: "tun0", metric: 1024 },
      { dst: "fd00:172:20:2::/64", dev: "tun0", metric: 1024 },
    ]);
    expect(v6("n2")).toEqual([
      { dst: "fd00:10:8::/64", dev: "tun0", protocol: "kernel", metric: 256 },
      { dst: "fd00:172:20::/64", dev: "tun0", metric: 1024 },
      { dst: "fd00:172:20:2::/64", dev: "tun0", metric: 1024 },
    ]);
  });

  it("IPv6 only: no IPv4 tunnel, pools or container addresses", () => {
    const r = run(doc({}, 3, "192.168.1.0/24", "ipv6"));
    expect(tun(r, "n2")?.addresses).toEqual(["fd00:10:8::1000/64"]);
    expect(r.clusters[0]?.pools).toEqual(["fd00:172:20::/48", "fd00:10:8::/64"]);
    expect(r.containers[1]).toMatchObject({ ips: ["fd00:172:20:1::2"], gateway: "fd00:172:20:1::1" });
    expect(tunRoutes(r, "n2")?.some((x) => !x.dst.includes(":"))).toBe(false);
  });

  it("dual stack with net30: the IPv4 address is point-to-point, the IPv6 one is not", () => {
    const t = tun(run(doc({ topology: "net30" }, 3, "192.168.1.0/24", "dual")), "n2");
    expect([t?.addresses, t?.peer]).toEqual([["10.8.0.6/32", "fd00:10:8::1000/64"], "10.8.0.5"]);
  });

  it("a /112 to /124 pool starts at ::2; its size limits IPv4 too, as both share one pool slot", () => {
    const r = run(doc({ tunnelNetwork6: "fd00:10:8::/124" }, 16, "192.168.1.0/24", "dual"));
    expect(tun(r, "n2")?.addresses).toEqual(["10.8.0.2/24", "fd00:10:8::2/124"]);
    expect(tun(r, "n15")?.addresses).toEqual(["10.8.0.15/24", "fd00:10:8::f/124"]);
    expect(tun(r, "n16")).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === "POOL_EXHAUSTED");
    expect(d?.subjects).toEqual(["k", "n16"]);
    expect(d?.message).toContain("fd00:10:8::2–fd00:10:8::f (14 addresses)");
  });

  it("rejects an IPv6 tunnel network outside /64–/124 and bad IPv6 container pools", () => {
    const ipv6 = (backend: Record<string, unknown>) => run(doc(backend, 3, "192.168.1.0/24", "ipv6"));
    expect(ipv6({ tunnelNetwork6: "fd00:10:8::/48" }).diagnostics.find((d) => d.code === "POOL_INVALID")?.message).toContain("from /64 to /124");
    expect(codes(ipv6({ tunnelNetwork6: "fd00:10:8::/125" }))).toContain("POOL_INVALID");
    expect(ipv6({ containerPool6: "fd00:172:20::/72" }).diagnostics.find((d) => d.code === "POOL_INVALID")?.message).toContain("smaller than one /64");
    expect(ipv6({ containerPool6: "fd00:10::/32" }).diagnostics.find((d) => d.code === "POOL_INVALID")?.message).toContain("overlaps the tunnel network fd00:10:8::/64");
    expect(codes(run(doc({ tunnelNetwork6: "fd00:10:8::/48" })))).not.toContain("POOL_INVALID");
  });
});
