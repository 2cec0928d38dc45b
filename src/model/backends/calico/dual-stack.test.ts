/**
 * Calico on dual-stack underlays (BACKENDS.md §2.3): IPv6 blocks are routed via the peer's IPv6
 * node address (Felix's VXLAN FDB, BIRD's next hop), so dual-stack nodes route both families.
 */
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.ts";
import type { Report } from "../../report.ts";
import { hostFdb } from "../../vteps.ts";

function run(mode: string, o: { routed?: boolean; node3?: string } = {}): Report {
  const underlays: Record<string, unknown>[] = [{ id: "lan", cidr: "10.0.0.0/24", cidr6: "2001:db8:1::/64" }];
  if (o.routed) underlays.push({ id: "lan2", cidr: "10.0.1.0/24", cidr6: "2001:db8:2::/64" });
  const r = analyze({
    format: "topolab", version: 1,
    underlays,
    routers: [{ id: "core", underlays: o.routed ? ["lan", "lan2"] : ["lan"] }],
    clusters: [{ id: "k8s", name: "prod", ipFamily: "dual", backend: { type: "calico", mode } }],
    hosts: [
      { id: "node1", cluster: "k8s", underlay: "lan" },
      { id: "node2", cluster: "k8s", underlay: "lan" },
      { id: "node3", cluster: "k8s", underlay: o.node3 ?? "lan" },
    ],
    containers: [{ id: "web", host: "node1" }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

const host = (r: Report, id: string) => r.hosts.find((h) => h.id === id);
const iface = (r: Report, hostId: string, name: string) => host(r, hostId)?.interfaces.find((i) => i.name === name);

describe("Calico VXLAN, dual stack on dual-stack nodes", () => {
  const r = run("vxlan");

  it("has no diagnostics: every node has an IPv4 and an IPv6 address", () => {
    expect(r.diagnostics).toEqual([]);
  });

  it("gives vxlan-v6.calico the node's IPv6 address as local, MTU 1430; pods take the smaller MTU, 1430", () => {
    expect(iface(r, "node2", "vxlan.calico")).toMatchObject({ mtu: 1450, local: "10.0.0.3" });
    expect(iface(r, "node2", "vxlan-v6.calico")).toMatchObject({ mtu: 1430, local: "2001:db8:1::3", addresses: ["fd00:192:168::40/128"] });
    expect(r.containers[0]).toMatchObject({ ips: ["192.168.0.1", "fd00:192:168::1"], mtu: 1430 });
  });

  it("routes the peers' IPv6 blocks via their VTEPs and points the FDB at the peers' IPv6 addresses", () => {
    const routes = host(r, "node1")?.routes ?? [];
    expect(routes).toContainEqual({ dst: "fd00:192:168::40/122", gateway: "fd00:192:168::40", dev: "vxlan-v6.calico", flags: ["onlink"] });
    expect(routes).toContainEqual({ dst: "fd00:192:168::80/122", gateway: "fd00:192:168::80", dev: "vxlan-v6.calico", flags: ["onlink"] });
    expect(hostFdb(r, host(r, "node1")!).filter((f) => f.dev === "vxlan-v6.calico").map((f) => f.dst)).toEqual(["2001:db8:1::3", "2001:db8:1::4"]);
    expect(hostFdb(r, host(r, "node1")!).filter((f) => f.dev === "vxlan.calico").map((f) => f.dst)).toEqual(["10.0.0.3", "10.0.0.4"]);
  });
});

describe("Calico without encapsulation and cross-subnet, dual stack", () => {
  it("vxlan-cross-subnet: a same-subnet peer's IPv6 block goes via its IPv6 address on eth0 (Felix, proto 80)", () => {
    const r = run("vxlan-cross-subnet", { routed: true, node3: "lan2" });
    const routes = host(r, "node1")?.routes ?? [];
    expect(routes).toContainEqual({ dst: "fd00:192:168::40/122", gateway: "2001:db8:1::3", dev: "eth0", protocol: "80" });
    expect(routes).toContainEqual({ dst: "fd00:192:168::80/122", gateway: "fd00:192:168::80", dev: "vxlan-v6.calico", flags: ["onlink"] });
    expect(r.diagnostics).toEqual([]);
  });

  it("none across routed subnets: the IPv6 route to a far block goes via gateway6, and the router learns it via the node's IPv6 address", () => {
    const r = run("none", { routed: true, node3: "lan2" });
    const routes = host(r, "node1")?.routes ?? [];
    expect(routes).toContainEqual({ dst: "fd00:192:168::40/122", gateway: "2001:db8:1::3", dev: "eth0", protocol: "bird" });
    expect(routes).toContainEqual({ dst: "fd00:192:168::80/122", gateway: "2001:db8:1::1", dev: "eth0", protocol: "bird" });
    expect(r.routers[0]?.routes).toContainEqual(expect.objectContaining({ dst: "fd00:192:168::80/122", gateway: "2001:db8:2::2" }));
    expect(r.diagnostics.map((d) => d.code)).toEqual(["NEEDS_FABRIC_ROUTES"]);
  });
});
