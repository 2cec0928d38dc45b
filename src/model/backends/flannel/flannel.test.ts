/** flannel against BACKENDS.md §1 and test vectors 1–10 (§11): exact user-visible values. */
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.ts";
import type { Report } from "../../report.ts";
import { flannelConfig } from "./config.ts";
import { flannel } from "./index.ts";
import { hostFdb, hostNeighbors } from "../../vteps.ts";

interface Options {
  backend?: Record<string, unknown>;
  orchestrator?: string;
  ipFamily?: string;
  /** Host count, or explicit hosts. */
  hosts?: number | { id: string; underlay?: string; ip?: string; kernel?: string }[];
  containers?: { id: string; host: string; ip?: string; ip6?: string }[];
  /** Two underlays joined by a router: lan (192.168.1.0/24) and lan2 (192.168.2.0/24). */
  routed?: boolean;
  mtu?: Record<string, number>;
  cloud?: boolean;
}

function run(o: Options = {}): Report {
  const hostList = typeof o.hosts === "object"
    ? o.hosts
    : Array.from({ length: o.hosts ?? 3 }, (_, i) => ({ id: `node${i + 1}`, ip: i < 200 ? `192.168.1.${11 + i}` : undefined }));
  const underlays = [{ id: "lan", name: "Rack LAN", cidr: o.hosts !== undefined && typeof o.hosts === "number" && o.hosts > 200 ? "192.168.0.0/22" : "192.168.1.0/24", mtu: o.mtu?.lan ?? 1500, ...(o.cloud ? { kind: "cloud" } : {}) }];
  if (o.routed) underlays.push({ id: "lan2", name: "Rack 2", cidr: "192.168.2.0/24", mtu: o.mtu?.lan2 ?? 1500 });
  const doc = {
    format: "topolab", version: 1,
    underlays,
    routers: o.routed ? [{ id: "core", underlays: ["lan", "lan2"] }] : [],
    clusters: [{ id: "k8s", name: "prod", orchestrator: o.orchestrator ?? "kubernetes", ipFamily: o.ipFamily ?? "ipv4", backend: { type: "flannel", mode: "vxlan", ...o.backend } }],
    hosts: hostList.map((h) => ({ cluster: "k8s", underlay: "lan", ...h })),
    containers: o.containers ?? [],
  };
  const r = analyze(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

const host = (r: Report, id: string) => {
  const h = r.hosts.find((x) => x.id === id);
  if (!h) throw new Error(`no host ${id}`);
  return h;
};
const device = (r: Report, hostId: string, name: string) => host(r, hostId).interfaces.find((i) => i.name === name);
const routeTo = (r: Report, hostId: string, dst: string) => host(r, hostId).routes.filter((x) => x.dst === dst);
const codes = (r: Report) => r.diagnostics.map((d) => d.code);
const diag = (r: Report, code: string) => r.diagnostics.filter((d) => d.code === code);

describe("flannel vxlan, etcd mode (vector 1)", () => {
  const r = run({ backend: { network: "10.5.0.0/16", subnetManager: "etcd" }, containers: [{ id: "web", host: "node1" }] });

  it("skips the first subnet and leases from SubnetMin 10.5.1.0 in host order", () => {
    expect(r.hosts.map((h) => h.subnets)).toEqual([["10.5.1.0/24"], ["10.5.2.0/24"], ["10.5.3.0/24"]]);
    expect(r.clusters[0]?.pools).toEqual(["10.5.0.0/16"]);
    expect(r.clusters[0]?.notes.join(" ")).toMatch(/at random among the first 100 free subnets/);
  });

  it("sets up flannel.1, cni0 and the pod MTU as flannel does", () => {
    expect(device(r, "node1", "flannel.1")).toMatchObject({ kind: "vxlan", addresses: ["10.5.1.0/32"], mtu: 1450, vni: 1, port: 8472, local: "192.168.1.11" });
    expect(device(r, "node1", "cni0")).toMatchObject({ kind: "bridge", addresses: ["10.5.1.1/24"], mtu: 1450 });
    expect(r.clusters[0]).toMatchObject({ encapsulation: "vxlan", overhead: 50, mtu: 1450, encryption: false, policy: false });
    expect(r.clusters[0]?.firewall).toEqual([expect.objectContaining({ protocol: "udp", port: 8472, between: "hosts" })]);
    expect(r.containers[0]).toMatchObject({ ips: ["10.5.1.2"], addresses: ["10.5.1.2/24"], gateway: "10.5.1.1", mtu: 1450, interface: "eth0" });
  });

  it("gives A one route, one neighbour and one FDB entry towards B", () => {
    const macB = device(r, "node2", "flannel.1")?.mac as string;
    expect(macB).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(routeTo(r, "node1", "10.5.2.0/24")).toEqual([{ dst: "10.5.2.0/24", gateway: "10.5.2.0", dev: "flannel.1", flags: ["onlink"] }]);
    expect(hostNeighbors(r, host(r, "node1"))).toContainEqual({ dst: "10.5.2.0", lladdr: macB, dev: "flannel.1", state: ["PERMANENT"] });
    expect(hostFdb(r, host(r, "node1"))).toContainEqual({ mac: macB, dev: "flannel.1", dst: "192.168.1.12", flags: ["self", "permanent"] });
    expect(host(r, "node1").routes.filter((x) => x.dev === "flannel.1")).toHaveLength(2);
    expect(hostNeighbors(r, host(r, "node1"))).toHaveLength(2);
    expect(hostFdb(r, host(r, "node1"))).toHaveLength(2);
    expect(routeTo(r, "node1", "10.5.1.0/24")).toEqual([{ dst: "10.5.1.0/24", dev: "cni0", protocol: "kernel", scope: "link", prefsrc: "10.5.1.1" }]);
  });

  it("keeps the VTEPs once, in the cluster: each host's entries are the others'", () => {
    const tables = r.clusters[0]?.vteps ?? [];
    expect(tables.map((t) => [t.dev, t.skip, t.vteps.map((v) => v.host)])).toEqual([["flannel.1", "own", ["node1", "node2", "node3"]]]);
    expect(hostNeighbors(r, host(r, "node2")).map((n) => n.dst)).toEqual(["10.5.1.0", "10.5.3.0"]);
    expect(hostFdb(r, host(r, "node3")).map((f) => f.dst)).toEqual(["192.168.1.11", "192.168.1.12"]);
    expect(JSON.stringify(r.hosts[0])).not.toContain("lladdr");
  });

  it("has 255 leases: 10.5.255.0/24 is the last, the 256th host gets none", () => {
    const full = run({ backend: { network: "10.5.0.0/16", subnetManager: "etcd" }, hosts: 256 });
    expect(full.hosts[254]?.subnets).toEqual(["10.5.255.0/24"]);
    expect(full.hosts[255]?.subnets).toEqual([]);
    const [d] = diag(full, "POOL_EXHAUSTED");
    expect(d?.subjects).toEqual(["k8s", "node256"]);
    expect(d?.message).toContain('"node256" gets no subnet');
    expect(d?.message).toContain("255 subnets of /24 (10.5.1.0/24 to 10.5.255.0/24");
  });

  it("defaults to the etcd subnet manager outside Kubernetes, with docker0 under Docker", () => {
    const d = run({ orchestrator: "docker", backend: { network: "10.5.0.0/16" }, containers: [{ id: "web", host: "node1" }] });
    expect(d.hosts[0]?.subnets).toEqual(["10.5.1.0/24"]);
    expect(device(d, "node1", "docker0")).toMatchObject({ addresses: ["10.5.1.1/24"], mtu: 1450 });
    expect(d.containers[0]?.routes.map((x) => x.dst)).toEqual(["default", "10.5.1.0/24"]);
  });
});

describe("flannel kube mode (vector 2)", () => {
  const r = run({ containers: [{ id: "a", host: "node1" }, { id: "b", host: "node2" }, { id: "c", host: "node3" }] });

  it("gives nodes podCIDRs in order from the first subnet", () => {
    expect(r.hosts.map((h) => h.subnets)).toEqual([["10.244.0.0/24"], ["10.244.1.0/24"], ["10.244.2.0/24"]]);
    expect(device(r, "node1", "flannel.1")?.addresses).toEqual(["10.244.0.0/32"]);
  });

  it("routes pods via 10.244.N.1 by default and to the Network", () => {
    r.containers.forEach((c, n) => {
      expect(c.gateway).toBe(`10.244.${n}.1`);
      expect(c.ips).toEqual([`10.244.${n}.2`]);
      expect(c.routes).toEqual([
        { dst: "default", gateway: `10.244.${n}.1`, dev: "eth0" },
        { dst: "10.244.0.0/16", gateway: `10.244.${n}.1`, dev: "eth0" },
        { dst: `10.244.${n}.0/24`, dev: "eth0", protocol: "kernel", scope: "link", prefsrc: `10.244.${n}.2` },
      ]);
    });
  });

  it("exhausts after 256 nodes of a /16 and names the nodes left out", () => {
    const full = run({ hosts: 258 });
    expect(full.hosts[255]?.subnets).toEqual(["10.244.255.0/24"]);
    const [d] = diag(full, "POOL_EXHAUSTED");
    expect(d?.severity).toBe("error");
    expect(d?.subjects).toEqual(["k8s", "node257", "node258"]);
    expect(d?.message).toContain('"node257" and "node258" get no subnet');
  });
});

describe("flannel SubnetLen, SubnetMin, SubnetMax (vectors 3–5)", () => {
  it("splits 10.10.0.0/24 into /26s from 10.10.0.64: three leases (vector 3)", () => {
    const r = run({ backend: { network: "10.10.0.0/24", subnetManager: "etcd" }, hosts: 4 });
    expect(r.hosts.map((h) => h.subnets)).toEqual([["10.10.0.64/26"], ["10.10.0.128/26"], ["10.10.0.192/26"], []]);
    expect(device(r, "node1", "cni0")?.addresses).toEqual(["10.10.0.65/26"]);
    expect(diag(r, "POOL_EXHAUSTED")[0]?.subjects).toEqual(["k8s", "node4"]);
  });

  it("refuses a /29 Network: network is too small (vector 4)", () => {
    const r = run({ backend: { network: "10.10.0.0/29" } });
    const [d] = diag(r, "POOL_INVALID");
    expect(d).toMatchObject({ severity: "error", subjects: ["k8s"] });
    expect(d?.message).toContain("network is too small");
    expect(r.hosts.every((h) => h.subnets.length === 0)).toBe(true);
    expect(r.clusters[0]?.pools).toEqual(["10.10.0.0/29"]);
  });

  it("refuses SubnetLen 31 (vector 5), in either subnet manager", () => {
    for (const subnetManager of ["etcd", "kube"]) {
      const [d] = diag(run({ backend: { subnetLen: 31, subnetManager } }), "POOL_INVALID");
      expect(d?.message).toContain("SubnetLen must be less than /31");
    }
  });

  it("refuses a SubnetLen that gives fewer than four subnets in etcd mode", () => {
    const [d] = diag(run({ backend: { network: "10.10.0.0/24", subnetLen: 25, subnetManager: "etcd" } }), "POOL_INVALID");
    expect(d?.message).toContain("network must be able to accommodate at least four subnets");
  });

  it("honours SubnetMin/SubnetMax and rejects misaligned ones", () => {
    const r = run({ backend: { network: "10.5.0.0/16", subnetManager: "etcd", subnetMin: "10.5.10.0", subnetMax: "10.5.11.0" }, hosts: 3 });
    expect(r.hosts.map((h) => h.subnets)).toEqual([["10.5.10.0/24"], ["10.5.11.0/24"], []]);
    const bad = run({ backend: { network: "10.5.0.0/16", subnetManager: "etcd", subnetMin: "10.5.10.7" } });
    expect(diag(bad, "POOL_INVALID")[0]?.message).toContain("SubnetMin is not on a SubnetLen boundary: 10.5.10.7");
    const outside = run({ backend: { network: "10.5.0.0/16", subnetManager: "etcd", subnetMax: "10.6.0.0" } });
    expect(diag(outside, "POOL_INVALID")[0]?.message).toContain("SubnetMax is not in the range of the Network");
  });
});

describe("flannel vxlan DirectRouting (vector 6)", () => {
  const hosts = [{ id: "node1", ip: "192.168.1.11" }, { id: "node2", ip: "192.168.1.12" }, { id: "node3", underlay: "lan2", ip: "192.168.2.13" }];
  const r = run({ routed: true, hosts, backend: { directRouting: true } });

  it("routes same-underlay peers directly and keeps VXLAN across the router", () => {
    expect(routeTo(r, "node1", "10.244.1.0/24")).toEqual([{ dst: "10.244.1.0/24", gateway: "192.168.1.12", dev: "eth0" }]);
    expect(routeTo(r, "node1", "10.244.2.0/24")).toEqual([{ dst: "10.244.2.0/24", gateway: "10.244.2.0", dev: "flannel.1", flags: ["onlink"] }]);
    expect(hostNeighbors(r, host(r, "node1")).map((n) => n.dst)).toEqual(["10.244.2.0"]);
    expect(hostFdb(r, host(r, "node1")).map((f) => f.dst)).toEqual(["192.168.2.13"]);
    expect(routeTo(r, "node3", "10.244.0.0/24")[0]).toMatchObject({ gateway: "10.244.0.0", dev: "flannel.1" });
  });

  it("keeps MTU 1450 and the VXLAN port", () => {
    expect(r.clusters[0]).toMatchObject({ mtu: 1450, encapsulation: "vxlan" });
    expect(device(r, "node1", "flannel.1")?.mtu).toBe(1450);
    expect(r.clusters[0]?.firewall.map((f) => f.port)).toEqual([8472]);
  });
});

describe("flannel host-gw (vector 7)", () => {
  it("routes via the peer on eth0 with the underlay MTU and no port", () => {
    const r = run({ backend: { mode: "host-gw" }, containers: [{ id: "web", host: "node1" }] });
    expect(routeTo(r, "node1", "10.244.2.0/24")).toEqual([{ dst: "10.244.2.0/24", gateway: "192.168.1.13", dev: "eth0" }]);
    expect(r.clusters[0]).toMatchObject({ encapsulation: "none", overhead: 0, mtu: 1500, firewall: [] });
    expect(host(r, "node1").interfaces.map((i) => i.name)).toEqual(["eth0", "cni0"]);
    expect(r.containers[0]?.mtu).toBe(1500);
    expect(codes(r)).not.toContain("NOT_L2_ADJACENT");
  });

  it("says NOT_L2_ADJACENT for hosts on different underlays, with the fix", () => {
    const hosts = [{ id: "node1", ip: "192.168.1.11" }, { id: "node2", ip: "192.168.1.12" }, { id: "node3", underlay: "lan2", ip: "192.168.2.13" }];
    const r = run({ routed: true, hosts, backend: { mode: "host-gw" } });
    const found = diag(r, "NOT_L2_ADJACENT");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", subjects: ["k8s", "lan", "lan2", "node1", "node2", "node3"] });
    expect(found[0]?.message).toContain("Use mode vxlan, or vxlan with directRouting");
    // The gateway is not on-link: no route across the router, but within the LAN there is one.
    expect(routeTo(r, "node1", "10.244.2.0/24")).toEqual([]);
    expect(routeTo(r, "node1", "10.244.1.0/24")).toEqual([{ dst: "10.244.1.0/24", gateway: "192.168.1.12", dev: "eth0" }]);
  });

  it("warns that clouds drop host-gw traffic", () => {
    expect(diag(run({ backend: { mode: "host-gw" }, cloud: true }), "HOST_GW_IN_CLOUD")).toHaveLength(1);
  });
});

describe("flannel udp, wireguard, ipip, ipsec (vectors 8–10)", () => {
  it("udp: flannel0 MTU 1472, UDP 8285, 10.244.0.0/16 dev flannel0 (vector 8)", () => {
    const r = run({ backend: { mode: "udp" } });
    expect(device(r, "node2", "flannel0")).toMatchObject({ kind: "tun", addresses: ["10.244.1.0/32"], mtu: 1472 });
    expect(r.clusters[0]).toMatchObject({ encapsulation: "udp", overhead: 28, mtu: 1472 });
    expect(r.clusters[0]?.firewall.map((f) => [f.protocol, f.port])).toEqual([["udp", 8285]]);
    expect(routeTo(r, "node1", "10.244.0.0/16")).toEqual([{ dst: "10.244.0.0/16", dev: "flannel0" }]);
    expect(run({ backend: { mode: "udp", port: 9000 } }).clusters[0]?.firewall[0]?.port).toBe(9000);
  });

  it("wireguard: flannel-wg MTU 1420, UDP 51820, scope link route (vector 9)", () => {
    const r = run({ backend: { mode: "wireguard" } });
    expect(device(r, "node1", "flannel-wg")).toMatchObject({ kind: "wireguard", addresses: ["10.244.0.0/32"], mtu: 1420, port: 51820 });
    expect(r.clusters[0]).toMatchObject({ encapsulation: "wireguard", overhead: 80, mtu: 1420, encryption: true });
    expect(r.clusters[0]?.firewall.map((f) => f.port)).toEqual([51820]);
    expect(routeTo(r, "node1", "10.244.0.0/16")).toEqual([{ dst: "10.244.0.0/16", dev: "flannel-wg", scope: "link" }]);
    expect(codes(r)).not.toContain("KERNEL_TOO_OLD");
  });

  it("wireguard dual stack: flannel-wg-v6 on 51821, still −80", () => {
    const r = run({ backend: { mode: "wireguard" }, ipFamily: "dual" });
    expect(r.clusters[0]?.firewall.map((f) => f.port)).toEqual([51820, 51821]);
    expect(device(r, "node1", "flannel-wg-v6")).toMatchObject({ addresses: ["fd00:10:244::/128"], mtu: 1420, port: 51821 });
    expect(routeTo(r, "node1", "fd00:10:244::/56")).toEqual([{ dst: "fd00:10:244::/56", dev: "flannel-wg-v6", scope: "link" }]);
  });

  it("wireguard on a kernel older than 5.6 needs the out-of-tree module", () => {
    const r = run({ backend: { mode: "wireguard" }, hosts: [{ id: "old", kernel: "5.4" }, { id: "new", kernel: "5.15" }] });
    const [d] = diag(r, "KERNEL_TOO_OLD");
    expect(d).toMatchObject({ severity: "warning", subjects: ["old"] });
    expect(d?.message).toContain("out-of-tree wireguard module");
  });

  it("ipip: flannel.ipip MTU 1480, IP protocol 4, via the peer onlink (vector 10)", () => {
    const r = run({ backend: { mode: "ipip" } });
    expect(device(r, "node1", "flannel.ipip")).toMatchObject({ kind: "ipip", addresses: ["10.244.0.0/32"], mtu: 1480, local: "192.168.1.11" });
    expect(r.clusters[0]).toMatchObject({ encapsulation: "ipip", overhead: 20, mtu: 1480 });
    expect(r.clusters[0]?.firewall).toEqual([expect.objectContaining({ protocol: "ipip", between: "hosts" })]);
    expect(routeTo(r, "node1", "10.244.1.0/24")).toEqual([{ dst: "10.244.1.0/24", gateway: "192.168.1.12", dev: "flannel.ipip", flags: ["onlink"] }]);
    expect(hostNeighbors(r, host(r, "node1"))).toEqual([]);
  });

  it("ipip with DirectRouting routes same-underlay peers on eth0", () => {
    const hosts = [{ id: "node1", ip: "192.168.1.11" }, { id: "node2", ip: "192.168.1.12" }, { id: "node3", underlay: "lan2", ip: "192.168.2.13" }];
    const r = run({ routed: true, hosts, backend: { mode: "ipip", directRouting: true } });
    expect(routeTo(r, "node1", "10.244.1.0/24")).toEqual([{ dst: "10.244.1.0/24", gateway: "192.168.1.12", dev: "eth0" }]);
    expect(routeTo(r, "node1", "10.244.2.0/24")).toEqual([{ dst: "10.244.2.0/24", gateway: "192.168.2.13", dev: "flannel.ipip", flags: ["onlink"] }]);
  });

  it("ipsec: MTU 1423, 1415 with UDPEncap; ESP, UDP 500 and 4500 (vector 10)", () => {
    const r = run({ backend: { mode: "ipsec" } });
    expect(r.clusters[0]).toMatchObject({ encapsulation: "esp", overhead: 77, mtu: 1423, encryption: true });
    expect(r.clusters[0]?.firewall.map((f) => [f.protocol, f.port])).toEqual([["esp", undefined], ["udp", 500], ["udp", 4500]]);
    expect(device(r, "node1", "cni0")?.mtu).toBe(1423);
    expect(routeTo(r, "node1", "10.244.1.0/24")).toEqual([{ dst: "10.244.1.0/24", gateway: "192.168.1.12", dev: "eth0" }]);
    expect(r.clusters[0]?.notes.join(" ")).toContain("xfrm policies");
    expect(run({ backend: { mode: "ipsec", udpEncap: true } }).clusters[0]).toMatchObject({ overhead: 85, mtu: 1415 });
  });
});

describe("flannel MTU, ports, IPv6 and capabilities", () => {
  it("uses each host's own MTU for its devices and the smallest for the cluster", () => {
    const hosts = [{ id: "node1", ip: "192.168.1.11" }, { id: "node2", underlay: "lan2", ip: "192.168.2.12" }];
    const r = run({ routed: true, hosts, mtu: { lan: 1500, lan2: 9000 }, containers: [{ id: "big", host: "node2" }] });
    expect(r.clusters[0]?.mtu).toBe(1450);
    expect(device(r, "node2", "flannel.1")?.mtu).toBe(8950);
    expect(r.containers[0]?.mtu).toBe(8950);
  });

  it("takes the VXLAN port and VNI from the config", () => {
    const r = run({ backend: { port: 4789, vni: 4096 } });
    expect(r.clusters[0]?.firewall[0]?.port).toBe(4789);
    expect(device(r, "node1", "flannel.4096")).toMatchObject({ vni: 4096, port: 4789 });
    expect(routeTo(r, "node1", "10.244.1.0/24")[0]?.dev).toBe("flannel.4096");
  });

  it("dual stack vxlan: flannel-v6.1 and an IPv6 /64 per node in kube order", () => {
    const r = run({ ipFamily: "dual", containers: [{ id: "web", host: "node2" }] });
    expect(r.clusters[0]?.pools).toEqual(["10.244.0.0/16", "fd00:10:244::/56"]);
    expect(host(r, "node2").subnets).toEqual(["10.244.1.0/24", "fd00:10:244:1::/64"]);
    // The kernel caps a VXLAN device over IPv6 at ext − 70 (flannel-io/flannel#1781); FLANNEL_MTU stays ext − 50.
    expect(device(r, "node2", "flannel-v6.1")).toMatchObject({ addresses: ["fd00:10:244:1::/128"], mtu: 1430 });
    expect(routeTo(r, "node1", "fd00:10:244:1::/64")).toEqual([{ dst: "fd00:10:244:1::/64", gateway: "fd00:10:244:1::", dev: "flannel-v6.1", flags: ["onlink"] }]);
    expect(r.containers[0]).toMatchObject({ ips: ["10.244.1.2", "fd00:10:244:1::2"], gateway: "10.244.1.1" });
    expect(r.containers[0]?.routes).toContainEqual({ dst: "default", gateway: "fd00:10:244:1::1", dev: "eth0" });
    // The hosts have no IPv6 underlay address, which flanneld needs for IPv6 pods.
    expect(diag(r, "UNDERLAY_FAMILY_MISSING")[0]?.subjects).toEqual(["k8s", "lan"]);
  });

  it("etcd mode skips the first IPv6 subnet; kube mode refuses more than 16 bits of node CIDRs", () => {
    const etcd = run({ ipFamily: "ipv6", backend: { subnetManager: "etcd", ipv6Network: "fd00:1::/48" }, hosts: 1 });
    expect(etcd.hosts[0]?.subnets).toEqual(["fd00:1:0:1::/64"]);
    expect(etcd.clusters[0]?.pools).toEqual(["fd00:1::/48"]);
    const kube = run({ ipFamily: "ipv6", backend: { ipv6Network: "fd00:1::/40" } });
    expect(diag(kube, "POOL_INVALID")[0]?.message).toContain("the node CIDR size is too big");
  });

  it("udp, ipip and ipsec stay IPv4 even in a dual-stack cluster", () => {
    for (const mode of ["udp", "ipip", "ipsec"] as const) {
      expect(flannel.capabilities(flannelConfig.parse({ type: "flannel", mode })).ipv6).toBe(false);
      expect(run({ ipFamily: "dual", backend: { mode } }).hosts[0]?.subnets).toEqual(["10.244.0.0/24"]);
    }
    for (const mode of ["vxlan", "host-gw", "wireguard"] as const) {
      expect(flannel.capabilities(flannelConfig.parse({ type: "flannel", mode })).ipv6).toBe(true);
    }
  });

  it("declares its orchestrators, datastore and encryption", () => {
    const caps = flannel.capabilities(flannelConfig.parse({ type: "flannel" }));
    expect(caps).toMatchObject({ orchestrators: ["kubernetes", "docker", "none"], policy: false, encryption: false, datastore: "Kubernetes API (kube subnet manager) or etcd" });
    expect(flannel.capabilities(flannelConfig.parse({ type: "flannel", mode: "wireguard" }))).toMatchObject({ encryption: true, minKernel: { version: "5.6" } });
    expect(flannel.capabilities(flannelConfig.parse({ type: "flannel", mode: "ipsec" })).encryption).toBe(true);
  });
});

describe("flannel container addresses", () => {
  it("honours pinned addresses and numbers the rest from .2", () => {
    const r = run({ containers: [{ id: "a", host: "node2" }, { id: "pinned", host: "node2", ip: "10.244.1.2" }, { id: "b", host: "node2" }] });
    expect(r.containers.map((c) => [c.id, c.ips[0]])).toEqual([["a", "10.244.1.3"], ["pinned", "10.244.1.2"], ["b", "10.244.1.4"]]);
    expect(r.diagnostics).toEqual([]);
  });

  it("rejects a pin on the bridge's .1 and one outside the host's subnet", () => {
    const r = run({ containers: [{ id: "gw", host: "node1", ip: "10.244.0.1" }, { id: "far", host: "node1", ip: "10.244.1.9" }] });
    expect(codes(r)).toEqual(expect.arrayContaining(["DUPLICATE_ADDRESS", "ADDRESS_OUTSIDE_SUBNET"]));
    expect(diag(r, "ADDRESS_OUTSIDE_SUBNET")[0]?.message).toContain("10.244.0.0/24");
  });

  it("says SUBNET_EXHAUSTED when a host's subnet is full (a /26 holds 61 containers after .1)", () => {
    const containers = Array.from({ length: 62 }, (_, k) => ({ id: `c${k}`, host: "node1" }));
    const r = run({ backend: { network: "10.10.0.0/24", subnetManager: "etcd" }, hosts: 1, containers });
    expect(r.containers[0]?.ips).toEqual(["10.10.0.66"]);
    expect(r.containers[60]?.ips).toEqual(["10.10.0.126"]);
    expect(r.containers[61]).toMatchObject({ ips: [], routes: [] });
    expect(diag(r, "SUBNET_EXHAUSTED")[0]?.subjects).toEqual(["node1", "c61"]);
  });

  it("pins IPv6 addresses with ip6 in dual stack", () => {
    const r = run({ ipFamily: "dual", containers: [{ id: "a", host: "node1" }, { id: "b", host: "node1", ip6: "fd00:10:244::2" }] });
    expect(r.containers.map((c) => c.ips)).toEqual([["10.244.0.2", "fd00:10:244::3"], ["10.244.0.3", "fd00:10:244::2"]]);
  });

  it("is deterministic", () => {
    const o: Options = { ipFamily: "dual", hosts: 5, containers: [{ id: "x", host: "node3" }] };
    expect(run(o)).toEqual(run(o));
  });
});
