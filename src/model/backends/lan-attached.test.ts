/** macvlan and ipvlan on dual-stack underlays: containers take an address from cidr and one from cidr6. */
import { describe, expect, it } from "vitest";
import { analyze } from "../analyze.ts";
import type { Report } from "../report.ts";

function run(backend: Record<string, unknown>, o: { ipFamily?: string; cidr6?: string; containers?: Record<string, unknown>[] } = {}): Report {
  const r = analyze({
    format: "topolab", version: 1,
    underlays: [{ id: "lan", cidr: "192.168.1.0/24", ...(o.cidr6 === "" ? {} : { cidr6: o.cidr6 ?? "2001:db8:1::/64" }) }],
    routers: [{ id: "gw", underlays: ["lan"] }],
    clusters: [{ id: "k", orchestrator: "docker", ipFamily: o.ipFamily ?? "dual", backend }],
    hosts: [{ id: "n1", cluster: "k", underlay: "lan" }, { id: "n2", cluster: "k", underlay: "lan" }],
    containers: o.containers ?? [{ id: "web", host: "n1" }, { id: "db", host: "n2" }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

const container = (r: Report, id: string) => r.containers.find((c) => c.id === id);

describe("macvlan, dual stack", () => {
  const r = run({ type: "macvlan" });

  it("gives each container an IPv4 and an IPv6 address after the hosts' own, and no diagnostics", () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.underlays[0]?.hosts).toEqual([{ id: "n1", ip: "192.168.1.2", ip6: "2001:db8:1::2" }, { id: "n2", ip: "192.168.1.3", ip6: "2001:db8:1::3" }]);
    expect(r.containers.map((c) => [c.id, c.addresses])).toEqual([
      ["web", ["192.168.1.4/24", "2001:db8:1::4/64"]],
      ["db", ["192.168.1.5/24", "2001:db8:1::5/64"]],
    ]);
    expect(r.clusters[0]?.pools).toEqual(["192.168.1.0/24", "2001:db8:1::/64"]);
  });

  it("routes both families inside the container via the underlay's gateways, on one macvlan device", () => {
    const web = container(r, "web");
    expect(web?.gateway).toBe("192.168.1.1");
    expect(web?.routes).toEqual([
      { dst: "default", gateway: "192.168.1.1", dev: "eth0" },
      { dst: "192.168.1.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "192.168.1.4" },
      { dst: "default", gateway: "2001:db8:1::1", dev: "eth0", metric: 1024 },
      { dst: "2001:db8:1::/64", dev: "eth0", protocol: "kernel", metric: 256 },
    ]);
    expect(web?.device).toMatchObject({ kind: "macvlan", addresses: ["192.168.1.4/24", "2001:db8:1::4/64"] });
    expect(r.hosts[0]?.subnets).toEqual(["192.168.1.4–192.168.1.4", "2001:db8:1::4–2001:db8:1::4"]);
  });

  it("honours an ip6 pin inside cidr6 and flags one outside it", () => {
    const pinned = run({ type: "macvlan" }, { containers: [{ id: "web", host: "n1", ip6: "2001:db8:1::99" }, { id: "db", host: "n2", ip6: "2001:db8:7::1" }] });
    expect(container(pinned, "web")?.ips).toEqual(["192.168.1.4", "2001:db8:1::99"]);
    expect(container(pinned, "db")?.ips).toEqual(["192.168.1.5", "2001:db8:1::4"]);
    expect(pinned.diagnostics.find((d) => d.code === "ADDRESS_OUTSIDE_SUBNET")).toMatchObject({ severity: "error", subjects: ["db"] });
  });

  it("an IPv6-only cluster on a dual-stack LAN takes IPv6 only, from cidr6", () => {
    const v6 = run({ type: "macvlan" }, { ipFamily: "ipv6" });
    expect(v6.diagnostics).toEqual([]);
    expect(v6.containers.map((c) => c.ips)).toEqual([["2001:db8:1::4"], ["2001:db8:1::5"]]);
    expect(container(v6, "web")?.gateway).toBe("2001:db8:1::1");
    expect(v6.clusters[0]?.pools).toEqual(["2001:db8:1::/64"]);
  });

  it("still says UNDERLAY_FAMILY_MISSING on an IPv4-only LAN", () => {
    const single = run({ type: "macvlan" }, { cidr6: "" });
    expect(single.diagnostics.find((d) => d.code === "UNDERLAY_FAMILY_MISSING")).toMatchObject({ severity: "warning", subjects: ["k", "lan"] });
    expect(single.containers.map((c) => c.ips)).toEqual([["192.168.1.4"], ["192.168.1.5"]]);
  });
});

describe("ipvlan, dual stack", () => {
  it("l2: both families from the underlay, as macvlan but sharing the parent's MAC", () => {
    const r = run({ type: "ipvlan", mode: "l2" });
    expect(r.diagnostics).toEqual([]);
    expect(container(r, "db")?.device).toMatchObject({ kind: "ipvlan", mode: "l2", addresses: ["192.168.1.5/24", "2001:db8:1::5/64"] });
    expect(container(r, "db")?.device).not.toHaveProperty("mac");
  });

  it("l3: the router routes each host's IPv6 subnet via the host's IPv6 address, and hosts route each other's", () => {
    const r = run({ type: "ipvlan", mode: "l3" });
    expect(r.diagnostics).toEqual([]);
    expect(r.routers[0]?.routes.map((x) => [x.dst, x.gateway])).toEqual([
      ["10.1.0.0/24", "192.168.1.2"], ["fd00:10::/64", "2001:db8:1::2"],
      ["10.1.1.0/24", "192.168.1.3"], ["fd00:10:0:1::/64", "2001:db8:1::3"],
    ]);
    const routes = r.hosts[0]?.routes ?? [];
    expect(routes).toContainEqual({ dst: "10.1.1.0/24", gateway: "192.168.1.3", dev: "eth0" });
    expect(routes).toContainEqual({ dst: "fd00:10:0:1::/64", gateway: "2001:db8:1::3", dev: "eth0" });
    expect(routes.some((x) => x.dst === "fd00:10::/64" && x.gateway !== undefined)).toBe(false);
  });
});
