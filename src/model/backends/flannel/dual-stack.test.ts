/**
 * flannel on dual-stack underlays (BACKENDS.md §1.3): IPv6 pod traffic between nodes uses each
 * node's own IPv6 address (PublicIPv6), and flannel-v6.<VNI> is VXLAN over IPv6.
 */
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.ts";
import type { Report } from "../../report.ts";
import { hostFdb, hostNeighbors } from "../../vteps.ts";

interface Options {
  backend?: Record<string, unknown>;
  ipFamily?: string;
  /** lan is 192.168.1.0/24 + fd00:1::/64; lan2 (joined by router core) 192.168.2.0/24, + fd00:2::/64 unless lan2SingleStack. */
  routed?: boolean;
  lan2SingleStack?: boolean;
  hosts?: { id: string; underlay?: string }[];
}

function run(o: Options = {}): Report {
  const underlays: Record<string, unknown>[] = [{ id: "lan", name: "Rack LAN", cidr: "192.168.1.0/24", cidr6: "fd00:1::/64" }];
  if (o.routed) underlays.push({ id: "lan2", name: "Rack 2", cidr: "192.168.2.0/24", ...(o.lan2SingleStack ? {} : { cidr6: "fd00:2::/64" }) });
  const hostList = o.hosts ?? [{ id: "node1" }, { id: "node2" }, { id: "node3" }];
  const r = analyze({
    format: "topolab", version: 1,
    underlays,
    routers: [{ id: "core", underlays: o.routed ? ["lan", "lan2"] : ["lan"] }],
    clusters: [{ id: "k8s", name: "prod", ipFamily: o.ipFamily ?? "dual", backend: { type: "flannel", mode: "vxlan", ...o.backend } }],
    hosts: hostList.map((h) => ({ cluster: "k8s", underlay: "lan", ...h })),
    containers: [{ id: "web", host: (hostList[1] ?? hostList[0])?.id }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

const host = (r: Report, id: string) => r.hosts.find((h) => h.id === id);
const device = (r: Report, hostId: string, name: string) => host(r, hostId)?.interfaces.find((i) => i.name === name);
const routeTo = (r: Report, hostId: string, dst: string) => host(r, hostId)?.routes.filter((x) => x.dst === dst);
const codes = (r: Report) => r.diagnostics.map((d) => d.code);

describe("flannel vxlan, dual stack on a dual-stack LAN", () => {
  const r = run();

  it("needs no UNDERLAY_FAMILY_MISSING: every node has PublicIP and PublicIPv6", () => {
    expect(codes(r)).not.toContain("UNDERLAY_FAMILY_MISSING");
    expect(r.hosts.map((h) => [h.ip, h.ip6])).toEqual([["192.168.1.2", "fd00:1::2"], ["192.168.1.3", "fd00:1::3"], ["192.168.1.4", "fd00:1::4"]]);
  });

  it("builds flannel-v6.1 on the node's IPv6 address, as flannel.1 on its IPv4 one", () => {
    expect(device(r, "node2", "flannel.1")).toMatchObject({ addresses: ["10.244.1.0/32"], mtu: 1450, local: "192.168.1.3", port: 8472 });
    expect(device(r, "node2", "flannel-v6.1")).toMatchObject({ addresses: ["fd00:10:244:1::/128"], mtu: 1430, local: "fd00:1::3", port: 8472, parent: "eth0" });
  });

  it("holds the kernel's route for flannel-v6.1's /128 (an IPv6 address always gets one; flannel.1's IPv4 /32 none)", () => {
    expect(routeTo(r, "node2", "fd00:10:244:1::")).toEqual([{ dst: "fd00:10:244:1::", dev: "flannel-v6.1", protocol: "kernel", metric: 256 }]);
    expect(host(r, "node2")?.routes.filter((x) => x.dev === "flannel.1" && x.gateway === undefined)).toEqual([]);
    const wg = run({ backend: { mode: "wireguard" } });
    expect(routeTo(wg, "node1", "fd00:10:244::")).toEqual([{ dst: "fd00:10:244::", dev: "flannel-wg-v6", protocol: "kernel", metric: 256 }]);
  });

  it("routes each peer's IPv6 subnet via its flannel-v6.1 address onlink, with a neighbour and an FDB entry to the peer's IPv6 address", () => {
    expect(routeTo(r, "node1", "fd00:10:244:1::/64")).toEqual([{ dst: "fd00:10:244:1::/64", gateway: "fd00:10:244:1::", dev: "flannel-v6.1", flags: ["onlink"] }]);
    expect(routeTo(r, "node1", "fd00:10:244:2::/64")).toEqual([{ dst: "fd00:10:244:2::/64", gateway: "fd00:10:244:2::", dev: "flannel-v6.1", flags: ["onlink"] }]);
    const mac = device(r, "node2", "flannel-v6.1")?.mac;
    expect(hostNeighbors(r, host(r, "node1")!)).toContainEqual({ dst: "fd00:10:244:1::", lladdr: mac, dev: "flannel-v6.1", state: ["PERMANENT"] });
    expect(hostFdb(r, host(r, "node1")!)).toContainEqual({ mac, dev: "flannel-v6.1", dst: "fd00:1::3", flags: ["self", "permanent"] });
    expect(hostFdb(r, host(r, "node1")!).filter((f) => f.dev === "flannel-v6.1").map((f) => f.dst)).toEqual(["fd00:1::3", "fd00:1::4"]);
    expect(hostFdb(r, host(r, "node1")!).filter((f) => f.dev === "flannel.1").map((f) => f.dst)).toEqual(["192.168.1.3", "192.168.1.4"]);
  });

  it("gives pods both families at FLANNEL_MTU 1450", () => {
    expect(r.containers[0]).toMatchObject({ ips: ["10.244.1.2", "fd00:10:244:1::2"], mtu: 1450 });
    expect(r.clusters[0]?.mtu).toBe(1450);
  });

  it("warns once that IPv6 pods get 1450 where flannel-v6.1 carries 1430, with both fixes", () => {
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["FLANNEL_V6_MTU_UNDERALLOWANCE", "warning"]]);
    const message = r.diagnostics[0]?.message ?? "";
    expect(message).toContain("the kernel caps flannel-v6.1 at 1430");
    expect(message).toContain("IPv6 packets of 1431–1450 bytes");
    expect(message).toContain("set Backend.MTU to 1480");
    expect(message).toContain('"mtu": 1430');
  });
});

describe("FLANNEL_V6_MTU_UNDERALLOWANCE only where IPv6 pods cross VXLAN", () => {
  it("IPv6-only cluster: also warned (the v6 device is VXLAN over IPv6)", () => {
    expect(codes(run({ ipFamily: "ipv6" }))).toEqual(["FLANNEL_V6_MTU_UNDERALLOWANCE"]);
  });

  it("not for IPv4 pods, one node, host-gw, wireguard (−80 covers IPv6), nor DirectRouting on one LAN", () => {
    expect(codes(run({ ipFamily: "ipv4" }))).toEqual([]);
    expect(codes(run({ hosts: [{ id: "node1" }] }))).toEqual([]);
    expect(codes(run({ backend: { mode: "host-gw" } }))).toEqual([]);
    expect(codes(run({ backend: { mode: "wireguard" } }))).toEqual([]);
    expect(codes(run({ backend: { directRouting: true } }))).toEqual([]);
  });

  it("DirectRouting across a router still crosses VXLAN: warned", () => {
    const r = run({ routed: true, backend: { directRouting: true }, hosts: [{ id: "node1" }, { id: "node2" }, { id: "node3", underlay: "lan2" }] });
    expect(codes(r)).toEqual(["FLANNEL_V6_MTU_UNDERALLOWANCE"]);
    expect(routeTo(r, "node1", "fd00:10:244:1::/64")).toEqual([{ dst: "fd00:10:244:1::/64", gateway: "fd00:1::3", dev: "eth0" }]);
    expect(routeTo(r, "node1", "fd00:10:244:2::/64")).toEqual([{ dst: "fd00:10:244:2::/64", gateway: "fd00:10:244:2::", dev: "flannel-v6.1", flags: ["onlink"] }]);
  });
});

describe("flannel host-gw and wireguard, dual stack", () => {
  it("host-gw routes each peer's IPv6 subnet via the peer's IPv6 address, with no warning", () => {
    const r = run({ backend: { mode: "host-gw" } });
    expect(r.diagnostics).toEqual([]);
    expect(routeTo(r, "node1", "fd00:10:244:1::/64")).toEqual([{ dst: "fd00:10:244:1::/64", gateway: "fd00:1::3", dev: "eth0" }]);
    expect(routeTo(r, "node1", "10.244.1.0/24")).toEqual([{ dst: "10.244.1.0/24", gateway: "192.168.1.3", dev: "eth0" }]);
  });

  it("wireguard: flannel-wg-v6 on 51821, no UNDERLAY_FAMILY_MISSING", () => {
    const r = run({ backend: { mode: "wireguard" } });
    expect(r.diagnostics).toEqual([]);
    expect(device(r, "node1", "flannel-wg-v6")).toMatchObject({ mtu: 1420, port: 51821 });
  });
});

describe("UNDERLAY_FAMILY_MISSING stays where a family is really missing", () => {
  it("names only the single-stack underlay, and leaves out the FDB entries towards its hosts", () => {
    const r = run({ routed: true, lan2SingleStack: true, hosts: [{ id: "node1" }, { id: "node2" }, { id: "node3", underlay: "lan2" }] });
    const missing = r.diagnostics.filter((d) => d.code === "UNDERLAY_FAMILY_MISSING");
    expect(missing.map((d) => d.subjects)).toEqual([["k8s", "lan2"]]);
    expect(missing[0]?.message).toContain("IPv6");
    expect(host(r, "node3")).not.toHaveProperty("ip6");
    expect(hostFdb(r, host(r, "node1")!).filter((f) => f.dev === "flannel-v6.1").map((f) => f.dst)).toEqual(["fd00:1::3"]);
  });
});
