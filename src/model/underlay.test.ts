/** Dual-stack underlays (cidr6): the IPv6 side is planned like the IPv4 one, and single-stack documents are untouched. */
import { describe, expect, it } from "vitest";
import { analyze } from "./analyze.ts";
import type { Report } from "./report.ts";
import { SAMPLE_DOCUMENT } from "./sample.ts";

function run(doc: Record<string, unknown>): Report {
  const r = analyze({ format: "topolab", version: 1, clusters: [{ id: "k8s" }], ...doc });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

const dual = { id: "lan", name: "Rack LAN", cidr: "192.168.1.0/24", cidr6: "2001:db8:1::/64" };
const hosts = (n: number, extra: Record<string, unknown>[] = []) =>
  Array.from({ length: n }, (_, i) => ({ id: `node${i + 1}`, cluster: "k8s", underlay: "lan", ...extra[i] }));
const codes = (r: Report) => r.diagnostics.map((d) => d.code);

describe("a dual-stack underlay", () => {
  it("takes ::1 as gateway6 (held by the first router), the next router ::2, hosts the next free addresses", () => {
    const r = run({ underlays: [dual], routers: [{ id: "gw", underlays: ["lan"] }, { id: "r2", underlays: ["lan"] }], hosts: hosts(2) });
    expect(r.underlays[0]).toEqual({
      id: "lan", cidr: "192.168.1.0/24", gateway: "192.168.1.1", cidr6: "2001:db8:1::/64", gateway6: "2001:db8:1::1", mtu: 1500,
      hosts: [{ id: "node1", ip: "192.168.1.3", ip6: "2001:db8:1::3" }, { id: "node2", ip: "192.168.1.4", ip6: "2001:db8:1::4" }],
    });
    expect(r.routers.map((x) => x.addresses)).toEqual([
      [{ underlay: "lan", ip: "192.168.1.1", ip6: "2001:db8:1::1" }],
      [{ underlay: "lan", ip: "192.168.1.2", ip6: "2001:db8:1::2" }],
    ]);
    expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("gives each host both addresses on eth0, both connected routes and an IPv6 default via gateway6", () => {
    const r = run({ underlays: [dual], hosts: hosts(1) });
    const h = r.hosts[0];
    expect(h).toMatchObject({ ip: "192.168.1.2", ip6: "2001:db8:1::2" });
    expect(h?.interfaces[0]).toEqual({ name: "eth0", kind: "ethernet", addresses: ["192.168.1.2/24", "2001:db8:1::2/64"], mtu: 1500 });
    expect(h?.routes.slice(0, 4)).toEqual([
      { dst: "default", gateway: "192.168.1.1", dev: "eth0" },
      { dst: "192.168.1.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "192.168.1.2" },
      { dst: "default", gateway: "2001:db8:1::1", dev: "eth0", metric: 1024 },
      { dst: "2001:db8:1::/64", dev: "eth0", protocol: "kernel", metric: 256 },
    ]);
  });

  it("honours pins: gateway6, a router's ips6 and a host's ip6; free hosts skip them", () => {
    const r = run({
      underlays: [{ ...dual, gateway6: "2001:db8:1::fe" }],
      routers: [{ id: "gw", underlays: ["lan"] }, { id: "r2", underlays: ["lan"], ips6: { lan: "2001:db8:1::2" } }],
      hosts: hosts(3, [{ ip6: "2001:db8:1::10" }, {}, { ip: "192.168.1.50" }]),
    });
    expect(r.underlays[0]?.gateway6).toBe("2001:db8:1::fe");
    expect(r.routers.map((x) => x.addresses[0]?.ip6)).toEqual(["2001:db8:1::fe", "2001:db8:1::2"]);
    expect(r.underlays[0]?.hosts).toEqual([
      { id: "node1", ip: "192.168.1.3", ip6: "2001:db8:1::10" },
      { id: "node2", ip: "192.168.1.4", ip6: "2001:db8:1::1" },
      { id: "node3", ip: "192.168.1.50", ip6: "2001:db8:1::3" },
    ]);
    expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("the first router's ips6 pin is the gateway when gateway6 is not pinned", () => {
    const r = run({ underlays: [dual], routers: [{ id: "gw", underlays: ["lan"], ips6: { lan: "2001:db8:1::ff" } }], hosts: hosts(1) });
    expect(r.underlays[0]).toMatchObject({ gateway6: "2001:db8:1::ff", hosts: [{ id: "node1", ip6: "2001:db8:1::1" }] });
  });

  it("says ADDRESS_OUTSIDE_SUBNET for an ip6 outside cidr6 and DUPLICATE_ADDRESS for one taken twice", () => {
    const r = run({ underlays: [dual], hosts: hosts(3, [{ ip6: "2001:db8:2::5" }, { ip6: "2001:db8:1::7" }, { ip6: "2001:db8:1::7" }]) });
    const outside = r.diagnostics.find((d) => d.code === "ADDRESS_OUTSIDE_SUBNET");
    expect(outside).toMatchObject({ severity: "error", subjects: ["node1"] });
    expect(outside?.message).toContain("2001:db8:1::/64");
    expect(r.diagnostics.find((d) => d.code === "DUPLICATE_ADDRESS")).toMatchObject({ severity: "error", subjects: ["node2", "node3"] });
    // The stray pin falls back to the next free address.
    expect(r.underlays[0]?.hosts[0]).toEqual({ id: "node1", ip: "192.168.1.2", ip6: "2001:db8:1::2" });
  });

  it("flags a pinned gateway6 outside cidr6", () => {
    const r = run({ underlays: [{ ...dual, gateway6: "2001:db8:9::1" }], hosts: hosts(1) });
    expect(r.diagnostics.find((d) => d.code === "ADDRESS_OUTSIDE_SUBNET")).toMatchObject({ subjects: ["lan"] });
    expect(r.underlays[0]?.gateway6).toBe("2001:db8:1::1");
  });

  it("flags IPv6 pins on an underlay without cidr6 instead of ignoring them", () => {
    const r = run({
      underlays: [{ id: "lan", cidr: "192.168.1.0/24" }],
      routers: [{ id: "gw", underlays: ["lan"], ips6: { lan: "2001:db8:1::1" } }],
      hosts: hosts(1, [{ ip6: "2001:db8:1::9" }]),
    });
    const stray = r.diagnostics.filter((d) => d.code === "ADDRESS_OUTSIDE_SUBNET");
    expect(stray.map((d) => d.subjects)).toEqual([["node1", "lan"], ["gw", "lan"]]);
    expect(stray[0]?.message).toContain("cidr6");
    expect(r.hosts[0]).not.toHaveProperty("ip6");
  });
});

describe("single-stack documents keep their reports", () => {
  const r = run(SAMPLE_DOCUMENT as unknown as Record<string, unknown>);

  it("the sample: one address on eth0, two underlay routes, no IPv6 fields anywhere", () => {
    expect(r.underlays).toEqual([{
      id: "lan", cidr: "192.168.1.0/24", gateway: "192.168.1.1", mtu: 1500,
      hosts: [{ id: "node1", ip: "192.168.1.11" }, { id: "node2", ip: "192.168.1.12" }, { id: "node3", ip: "192.168.1.13" }],
    }]);
    expect(r.routers[0]?.addresses).toEqual([{ underlay: "lan", ip: "192.168.1.1" }]);
    expect(r.hosts[0]?.interfaces[0]).toEqual({ name: "eth0", kind: "ethernet", addresses: ["192.168.1.11/24"], mtu: 1500 });
    expect(r.hosts[0]?.routes.slice(0, 3)).toEqual([
      { dst: "default", gateway: "192.168.1.1", dev: "eth0" },
      { dst: "192.168.1.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "192.168.1.11" },
      { dst: "10.244.0.0/24", dev: "cni0", protocol: "kernel", scope: "link", prefsrc: "10.244.0.1" },
    ]);
    const json = JSON.stringify(r);
    for (const key of ['"ip6"', '"cidr6"', '"gateway6"']) expect(json).not.toContain(key);
    expect(codes(r)).toEqual([]);
  });

  it("an IPv6-only underlay keeps its single address and routes", () => {
    const v6 = run({ underlays: [{ id: "lan", cidr: "2001:db8:1::/64" }], clusters: [{ id: "k8s", ipFamily: "ipv6" }], hosts: hosts(1) });
    expect(v6.underlays[0]).toEqual({ id: "lan", cidr: "2001:db8:1::/64", gateway: "2001:db8:1::1", mtu: 1500, hosts: [{ id: "node1", ip: "2001:db8:1::2" }] });
    expect(v6.hosts[0]?.interfaces[0]?.addresses).toEqual(["2001:db8:1::2/64"]);
    expect(v6.hosts[0]?.routes.slice(0, 2)).toEqual([
      { dst: "default", gateway: "2001:db8:1::1", dev: "eth0" },
      { dst: "2001:db8:1::/64", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "2001:db8:1::2" },
    ]);
  });
});
