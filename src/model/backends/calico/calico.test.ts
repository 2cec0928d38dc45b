/** Calico against BACKENDS.md §2 and test vectors 11–14 (§11): exact user-visible values. */
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.ts";
import type { Report } from "../../report.ts";
import { calicoConfig } from "./config.ts";
import { calico } from "./index.ts";
import { hostFdb, hostNeighbors } from "../../vteps.ts";

interface Options {
  backend?: Record<string, unknown>;
  ipFamily?: string;
  /** Host count (node1… at 10.0.0.11…), or explicit hosts. */
  hosts?: number | { id: string; underlay?: string; ip?: string; kernel?: string }[];
  containers?: { id: string; host: string; ip?: string; ip6?: string }[];
  /** Two underlays joined by router "core": lan 10.0.0.0/24 and lan2 10.0.1.0/24. */
  routed?: boolean;
  underlays?: { id: string; cidr: string; mtu?: number }[];
}

function run(o: Options = {}): Report {
  const hostList = typeof o.hosts === "object"
    ? o.hosts
    : Array.from({ length: o.hosts ?? 3 }, (_, i) => ({ id: `node${i + 1}`, ip: `10.0.0.${11 + i}` }));
  const underlays = o.underlays ?? [{ id: "lan", cidr: "10.0.0.0/24" }];
  if (o.routed) underlays.push({ id: "lan2", cidr: "10.0.1.0/24" });
  const doc = {
    format: "topolab", version: 1,
    underlays,
    routers: o.routed ? [{ id: "core", underlays: ["lan", "lan2"] }] : [],
    clusters: [{ id: "k8s", name: "prod", ipFamily: o.ipFamily ?? "ipv4", backend: { type: "calico", ...o.backend } }],
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
const container = (r: Report, id: string) => {
  const c = r.containers.find((x) => x.id === id);
  if (!c) throw new Error(`no container ${id}`);
  return c;
};
const iface = (r: Report, hostId: string, name: string) => host(r, hostId).interfaces.find((i) => i.name === name);
const codes = (r: Report) => r.diagnostics.map((d) => d.code);
const onePerHost = [{ id: "web", host: "node1" }, { id: "api", host: "node2" }, { id: "db", host: "node3" }];

describe("config defaults", () => {
  it("follows manifests/calico.yaml: IPIP Always, /26 blocks, natOutgoing, no WireGuard", () => {
    const c = calicoConfig.parse({ type: "calico" });
    expect(c).toMatchObject({ mode: "ipip", blockSize: 26, ipv6BlockSize: 122, wireguard: false, natOutgoing: true, asNumber: 64512 });
    expect(c.pool).toBeUndefined();
  });

  it("states its capabilities", () => {
    const caps = calico.capabilities(calicoConfig.parse({ type: "calico" }));
    expect(caps).toMatchObject({ ipv6: true, orchestrators: ["kubernetes"], encryption: false, policy: true, datastore: "Kubernetes API (KDD) or etcdv3", crossHost: true });
    expect(calico.capabilities(calicoConfig.parse({ type: "calico", wireguard: true })).encryption).toBe(true);
    expect(calico.modes.map((m) => m.id)).toEqual(["ipip", "ipip-cross-subnet", "vxlan", "vxlan-cross-subnet", "none"]);
  });
});

describe("vector 11: calico.yaml defaults (IPIP Always)", () => {
  const r = run({ containers: onePerHost });

  it("is diagnostic-free and uses 192.168.0.0/16 in 1024 blocks of 64 addresses", () => {
    expect(r.diagnostics).toEqual([]);
    const k8s = r.clusters[0];
    expect(k8s).toMatchObject({ backend: "calico", mode: "ipip", pools: ["192.168.0.0/16"], encapsulation: "ipip", overhead: 20, mtu: 1480, encryption: false, policy: true });
    expect(k8s?.notes.some((n) => n.includes("192.168.0.0/16 holds 1024 blocks of /26 (64 addresses each)"))).toBe(true);
    expect(k8s?.notes.some((n) => n.startsWith("natOutgoing is on"))).toBe(true);
    expect(k8s?.notes.some((n) => n.includes("pseudo-random index seeded by the FNV hash"))).toBe(true);
  });

  it("gives each host one /26 block in host order from the pool's start", () => {
    expect(r.hosts.map((h) => h.subnets)).toEqual([["192.168.0.0/26"], ["192.168.0.64/26"], ["192.168.0.128/26"]]);
  });

  it("puts tunl0 on the block's first address with MTU 1480", () => {
    expect(iface(r, "node1", "tunl0")).toEqual({ name: "tunl0", kind: "ipip", addresses: ["192.168.0.0/32"], mtu: 1480 });
    expect(iface(r, "node2", "tunl0")?.addresses).toEqual(["192.168.0.64/32"]);
  });

  it("routes remote blocks via the peer dev tunl0 proto bird onlink, and blackholes its own", () => {
    const routes = host(r, "node1").routes;
    expect(routes).toContainEqual({ dst: "192.168.0.64/26", gateway: "10.0.0.12", dev: "tunl0", protocol: "bird", flags: ["onlink"] });
    expect(routes).toContainEqual({ dst: "192.168.0.128/26", gateway: "10.0.0.13", dev: "tunl0", protocol: "bird", flags: ["onlink"] });
    expect(routes).toContainEqual({ dst: "192.168.0.0/26", type: "blackhole", protocol: "bird" });
    expect(routes.filter((x) => x.dst === "192.168.0.0/26")).toHaveLength(1);
    expect(host(r, "node3").routes).toContainEqual({ dst: "192.168.0.0/26", gateway: "10.0.0.11", dev: "tunl0", protocol: "bird", flags: ["onlink"] });
  });

  it("routes each local pod to its cali veth with scope link", () => {
    const veth = host(r, "node1").interfaces.find((i) => i.kind === "veth");
    expect(veth?.name).toMatch(/^cali[0-9a-f]{11}$/);
    expect(veth).toMatchObject({ mac: "ee:ee:ee:ee:ee:ee", mtu: 1480, addresses: [] });
    expect(host(r, "node1").routes).toContainEqual({ dst: "192.168.0.1", dev: veth?.name, scope: "link" });
  });

  it("gives pods a /32 and the 169.254.1.1 next hop", () => {
    expect(container(r, "web")).toMatchObject({ ips: ["192.168.0.1"], addresses: ["192.168.0.1/32"], gateway: "169.254.1.1", mtu: 1480, interface: "eth0" });
    expect(container(r, "web").routes).toEqual([
      { dst: "169.254.1.1", dev: "eth0", scope: "link" },
      { dst: "default", gateway: "169.254.1.1", dev: "eth0" },
    ]);
    expect(container(r, "api").ips).toEqual(["192.168.0.65"]);
    expect(container(r, "db").ips).toEqual(["192.168.0.129"]);
  });

  it("opens BGP TCP 179 and IP protocol 4 between hosts, nothing else", () => {
    expect(r.clusters[0]?.firewall.map(({ protocol, port, between }) => ({ protocol, port, between }))).toEqual([
      { protocol: "tcp", port: 179, between: "hosts" },
      { protocol: "ipip", port: undefined, between: "hosts" },
    ]);
  });

  it("is deterministic", () => {
    expect(run({ containers: onePerHost })).toEqual(r);
  });
});

describe("block allocation", () => {
  it("gives a host with 70 containers two consecutive blocks; the next host takes the block after", () => {
    const containers = [
      ...Array.from({ length: 70 }, (_, i) => ({ id: `p${i}`, host: "node1" })),
      { id: "other", host: "node2" },
    ];
    const r = run({ hosts: 2, containers });
    expect(r.diagnostics).toEqual([]);
    expect(host(r, "node1").subnets).toEqual(["192.168.0.0/26", "192.168.0.64/26"]);
    expect(host(r, "node2").subnets).toEqual(["192.168.0.128/26"]);
    // tunl0 holds .0; 63 pods fill the first block, the 64th starts the second one at its .64.
    expect(container(r, "p0").ips).toEqual(["192.168.0.1"]);
    expect(container(r, "p62").ips).toEqual(["192.168.0.63"]);
    expect(container(r, "p63").ips).toEqual(["192.168.0.64"]);
    expect(container(r, "p69").ips).toEqual(["192.168.0.70"]);
    expect(container(r, "other").ips).toEqual(["192.168.0.129"]);
    const blackholes = host(r, "node1").routes.filter((x) => x.type === "blackhole").map((x) => x.dst);
    expect(blackholes).toEqual(["192.168.0.0/26", "192.168.0.64/26"]);
    expect(host(r, "node2").routes.filter((x) => x.dev === "tunl0").map((x) => `${x.dst} via ${x.gateway}`)).toEqual([
      "192.168.0.0/26 via 10.0.0.11", "192.168.0.64/26 via 10.0.0.11",
    ]);
  });

  it("reports POOL_EXHAUSTED when the pool has fewer blocks than the hosts need", () => {
    const r = run({ hosts: 5, backend: { pool: "10.244.0.0/24" }, containers: [{ id: "late", host: "node5" }] });
    const d = r.diagnostics.find((x) => x.code === "POOL_EXHAUSTED");
    expect(d?.severity).toBe("error");
    expect(d?.subjects).toEqual(["k8s", "node5"]);
    expect(d?.message).toContain("holds 4 blocks of /26 (64 addresses each) but its hosts need 5");
    expect(r.hosts.map((h) => h.subnets)).toEqual([["10.244.0.0/26"], ["10.244.0.64/26"], ["10.244.0.128/26"], ["10.244.0.192/26"], []]);
    expect(container(r, "late").ips).toEqual([]);
  });

  it("counts a host needing several blocks towards exhaustion", () => {
    const containers = Array.from({ length: 130 }, (_, i) => ({ id: `p${i}`, host: "node1" }));
    const r = run({ hosts: 2, backend: { pool: "10.244.0.0/24" }, containers });
    expect(host(r, "node1").subnets).toEqual(["10.244.0.0/26", "10.244.0.64/26", "10.244.0.128/26"]);
    expect(host(r, "node2").subnets).toEqual(["10.244.0.192/26"]);
    expect(codes(r)).not.toContain("POOL_EXHAUSTED");
    const r2 = run({ hosts: 3, backend: { pool: "10.244.0.0/24" }, containers });
    expect(r2.diagnostics.find((x) => x.code === "POOL_EXHAUSTED")?.subjects).toEqual(["k8s", "node3"]);
  });

  it("rejects a pool smaller than one block", () => {
    const r = run({ backend: { pool: "10.244.0.0/27" } });
    expect(r.diagnostics.find((d) => d.code === "POOL_INVALID")?.message).toContain("smaller than one /26 block");
    expect(r.clusters[0]?.pools).toEqual([]);
  });

  it("honours a pin inside the host's block and refuses one outside it", () => {
    const r = run({ containers: [{ id: "a", host: "node1", ip: "192.168.0.10" }, { id: "b", host: "node1" }, { id: "c", host: "node1", ip: "192.168.0.70" }] });
    expect(container(r, "a").ips).toEqual(["192.168.0.10"]);
    expect(container(r, "b").ips).toEqual(["192.168.0.1"]);
    const d = r.diagnostics.find((x) => x.code === "ADDRESS_OUTSIDE_SUBNET");
    expect(d?.subjects).toEqual(["c", "node1"]);
    expect(container(r, "c").ips).toEqual(["192.168.0.2"]);
  });
});

describe("vector 12: VXLAN", () => {
  it("vxlan.calico: VNI 4096, UDP 4789, MTU 1450, routes via the peer VTEP onlink", () => {
    const r = run({ backend: { mode: "vxlan" }, containers: onePerHost });
    expect(r.diagnostics).toEqual([]);
    const vx = iface(r, "node1", "vxlan.calico");
    expect(vx).toMatchObject({ kind: "vxlan", vni: 4096, port: 4789, mtu: 1450, addresses: ["192.168.0.0/32"], local: "10.0.0.11", parent: "eth0" });
    expect(r.clusters[0]).toMatchObject({ encapsulation: "vxlan", overhead: 50, mtu: 1450 });
    expect(container(r, "web").mtu).toBe(1450);
    const routes = host(r, "node1").routes;
    expect(routes).toContainEqual({ dst: "192.168.0.64/26", gateway: "192.168.0.64", dev: "vxlan.calico", flags: ["onlink"] });
    expect(routes).toContainEqual({ dst: "192.168.0.0/26", type: "blackhole", protocol: "80" });
    const peerMac = iface(r, "node2", "vxlan.calico")?.mac;
    expect(hostNeighbors(r, host(r, "node1"))).toContainEqual({ dst: "192.168.0.64", lladdr: peerMac, dev: "vxlan.calico", state: ["PERMANENT"] });
    expect(hostFdb(r, host(r, "node1"))).toContainEqual({ mac: peerMac, dev: "vxlan.calico", dst: "10.0.0.12", flags: ["self", "permanent"] });
    expect(hostNeighbors(r, host(r, "node1"))).toHaveLength(2);
    // No BIRD with VXLAN: no BGP port.
    expect(r.clusters[0]?.firewall.map((f) => `${f.protocol}/${f.port}`)).toEqual(["udp/4789"]);
  });

  it("cross-subnet: a same-subnet peer is routed directly on eth0, another subnet's via its VTEP onlink", () => {
    const r = run({
      routed: true, backend: { mode: "vxlan-cross-subnet" },
      hosts: [{ id: "node1", ip: "10.0.0.11" }, { id: "node2", ip: "10.0.0.12" }, { id: "node3", underlay: "lan2", ip: "10.0.1.11" }],
    });
    const routes = host(r, "node1").routes;
    expect(routes).toContainEqual({ dst: "192.168.0.64/26", gateway: "10.0.0.12", dev: "eth0", protocol: "80" });
    expect(routes).toContainEqual({ dst: "192.168.0.128/26", gateway: "192.168.0.128", dev: "vxlan.calico", flags: ["onlink"] });
    expect(host(r, "node3").routes).toContainEqual({ dst: "192.168.0.0/26", gateway: "192.168.0.0", dev: "vxlan.calico", flags: ["onlink"] });
    expect(r.clusters[0]?.mtu).toBe(1450);
    expect(codes(r)).not.toContain("NEEDS_FABRIC_ROUTES");
  });

  it("IPv6: vxlan-v6.calico MTU 1430, /128 pods via the veth link-local", () => {
    const r = run({
      ipFamily: "ipv6", backend: { mode: "vxlan" }, underlays: [{ id: "lan", cidr: "2001:db8:1::/64" }],
      hosts: [{ id: "node1", ip: "2001:db8:1::11" }, { id: "node2", ip: "2001:db8:1::12" }],
      containers: [{ id: "web", host: "node1" }],
    });
    expect(r.diagnostics).toEqual([]);
    expect(iface(r, "node1", "vxlan-v6.calico")).toMatchObject({ vni: 4096, port: 4789, mtu: 1430, addresses: ["fd00:192:168::/128"] });
    expect(iface(r, "node1", "vxlan.calico")).toBeUndefined();
    expect(container(r, "web")).toMatchObject({ ips: ["fd00:192:168::1"], addresses: ["fd00:192:168::1/128"], gateway: "fe80::ecee:eeff:feee:eeee", mtu: 1430 });
    // Unlike an IPv4 /32, an IPv6 /128 gets a kernel route of its own, in the pod and on the VTEP.
    expect(container(r, "web").routes).toEqual([
      { dst: "default", gateway: "fe80::ecee:eeff:feee:eeee", dev: "eth0" },
      { dst: "fd00:192:168::1", dev: "eth0", protocol: "kernel", metric: 256 },
    ]);
    expect(host(r, "node1").routes).toContainEqual({ dst: "fd00:192:168::", dev: "vxlan-v6.calico", protocol: "kernel", metric: 256 });
    expect(host(r, "node2").routes).toContainEqual({ dst: "fd00:192:168::40", dev: "vxlan-v6.calico", protocol: "kernel", metric: 256 });
    expect(host(r, "node1").routes).toContainEqual({ dst: "fd00:192:168::40/122", gateway: "fd00:192:168::40", dev: "vxlan-v6.calico", flags: ["onlink"] });
  });

  it("dual stack: pod MTU is the smaller of 1450 and 1430", () => {
    const r = run({ ipFamily: "dual", backend: { mode: "vxlan" }, containers: [{ id: "web", host: "node1" }] });
    expect(container(r, "web")).toMatchObject({ ips: ["192.168.0.1", "fd00:192:168::1"], mtu: 1430 });
    expect(r.clusters[0]?.pools).toEqual(["192.168.0.0/16", "fd00:192:168::/48"]);
    // The underlay is IPv4 only: IPv6 pod traffic has no IPv6 node addresses to travel between.
    expect(codes(r)).toContain("UNDERLAY_FAMILY_MISSING");
  });
});

describe("IPIP across subnets and IPv6", () => {
  it("ipip-cross-subnet: direct proto bird route to a same-subnet peer, tunl0 to another subnet", () => {
    const r = run({
      routed: true, backend: { mode: "ipip-cross-subnet" },
      hosts: [{ id: "node1", ip: "10.0.0.11" }, { id: "node2", ip: "10.0.0.12" }, { id: "node3", underlay: "lan2", ip: "10.0.1.11" }],
    });
    const routes = host(r, "node1").routes;
    expect(routes).toContainEqual({ dst: "192.168.0.64/26", gateway: "10.0.0.12", dev: "eth0", protocol: "bird" });
    expect(routes).toContainEqual({ dst: "192.168.0.128/26", gateway: "10.0.1.11", dev: "tunl0", protocol: "bird", flags: ["onlink"] });
    expect(r.clusters[0]?.firewall.map((f) => `${f.protocol}/${f.port ?? ""}`)).toEqual(["tcp/179", "ipip/"]);
  });

  it("refuses IPIP for the IPv6 pool of a dual-stack cluster and keeps IPv4", () => {
    const r = run({ ipFamily: "dual", containers: [{ id: "web", host: "node1" }] });
    const d = r.diagnostics.find((x) => x.code === "POOL_INVALID");
    expect(d?.message).toContain("IP-in-IP cannot carry IPv6");
    expect(d?.message).toContain("vxlan");
    expect(container(r, "web").ips).toEqual(["192.168.0.1"]);
    expect(r.clusters[0]?.pools).toEqual(["192.168.0.0/16"]);
  });
});

describe("vector 13: WireGuard on top of IPIP", () => {
  const r = run({ backend: { wireguard: true }, containers: [{ id: "web", host: "node1" }] });

  it("wireguard.cali MTU 1440 sets the pod MTU to min(1480, 1440)", () => {
    expect(iface(r, "node1", "wireguard.cali")).toEqual({ name: "wireguard.cali", kind: "wireguard", addresses: ["192.168.0.1/32"], mtu: 1440, port: 51820 });
    expect(iface(r, "node1", "tunl0")?.mtu).toBe(1480);
    expect(container(r, "web")).toMatchObject({ ips: ["192.168.0.2"], mtu: 1440 });
    expect(r.clusters[0]).toMatchObject({ encapsulation: "wireguard", overhead: 60, mtu: 1440, encryption: true });
  });

  it("opens UDP 51820 besides BGP and IPIP", () => {
    expect(r.clusters[0]?.firewall.map((f) => `${f.protocol}/${f.port ?? ""}`)).toEqual(["tcp/179", "ipip/", "udp/51820"]);
  });

  it("adds UDP 51821 and wg-v6.cali (MTU 1420) for IPv6", () => {
    const dual = run({ ipFamily: "dual", backend: { mode: "vxlan", wireguard: true }, containers: [{ id: "web", host: "node1" }] });
    expect(dual.clusters[0]?.firewall.map((f) => `${f.protocol}/${f.port}`)).toEqual(["udp/4789", "udp/51820", "udp/51821"]);
    expect(iface(dual, "node1", "wg-v6.cali")).toMatchObject({ mtu: 1420, port: 51821, addresses: ["fd00:192:168::1/128"] });
    expect(host(dual, "node1").routes).toContainEqual({ dst: "fd00:192:168::1", dev: "wg-v6.cali", protocol: "kernel", metric: 256 });
    expect(container(dual, "web").mtu).toBe(1420);
    expect(container(dual, "web").routes.at(-1)).toEqual({ dst: "fd00:192:168::2", dev: "eth0", protocol: "kernel", metric: 256 });
  });

  it("warns about kernels older than 5.6", () => {
    const old = run({ backend: { wireguard: true }, hosts: [{ id: "node1", ip: "10.0.0.11", kernel: "5.4" }, { id: "node2", ip: "10.0.0.12" }] });
    const d = old.diagnostics.find((x) => x.code === "KERNEL_TOO_OLD");
    expect(d).toMatchObject({ severity: "warning", subjects: ["node1"] });
  });
});

describe("vector 14: default pool avoids host networks", () => {
  it("falls back to 172.16.0.0/16 when a host network is 192.168.5.0/24", () => {
    const r = run({ underlays: [{ id: "lan", cidr: "192.168.5.0/24" }], hosts: [{ id: "node1" }, { id: "node2" }], containers: [{ id: "web", host: "node1" }] });
    expect(r.clusters[0]?.pools).toEqual(["172.16.0.0/16"]);
    expect(host(r, "node1").subnets).toEqual(["172.16.0.0/26"]);
    expect(container(r, "web").ips).toEqual(["172.16.0.1"]);
    expect(r.clusters[0]?.notes.some((n) => n.includes("overlaps the host network 192.168.5.0/24"))).toBe(true);
  });

  it("takes the next 172.x when 172.16.0.0/16 is taken too", () => {
    const r = run({ underlays: [{ id: "lan", cidr: "192.168.5.0/24" }, { id: "lan2", cidr: "172.16.0.0/16" }], hosts: [{ id: "node1" }] });
    expect(r.clusters[0]?.pools).toEqual(["172.17.0.0/16"]);
  });

  it("reports POOL_INVALID when every default is taken", () => {
    const r = run({ underlays: [{ id: "lan", cidr: "192.168.5.0/24" }, { id: "lan2", cidr: "172.16.0.0/12" }], hosts: [{ id: "node1" }] });
    expect(r.diagnostics.find((d) => d.code === "POOL_INVALID")?.message).toContain("backend.pool");
    expect(r.clusters[0]?.pools).toEqual([]);
  });
});

describe("no encapsulation (BGP)", () => {
  it("routes blocks directly on eth0 with proto bird, host MTU, BGP only", () => {
    const r = run({ backend: { mode: "none" }, containers: onePerHost });
    expect(r.diagnostics).toEqual([]);
    expect(host(r, "node1").routes).toContainEqual({ dst: "192.168.0.64/26", gateway: "10.0.0.12", dev: "eth0", protocol: "bird" });
    expect(r.clusters[0]).toMatchObject({ encapsulation: "none", overhead: 0, mtu: 1500 });
    expect(container(r, "web")).toMatchObject({ ips: ["192.168.0.0"], mtu: 1500 });
    expect(r.clusters[0]?.firewall.map((f) => `${f.protocol}/${f.port}`)).toEqual(["tcp/179"]);
    expect(iface(r, "node1", "tunl0")).toBeUndefined();
  });

  it("across a router: the router needs every block, and a NEEDS_FABRIC_ROUTES warning says how", () => {
    const r = run({
      routed: true, backend: { mode: "none" },
      hosts: [{ id: "node1", ip: "10.0.0.11" }, { id: "node2", ip: "10.0.0.12" }, { id: "node3", underlay: "lan2", ip: "10.0.1.11" }],
    });
    const d = r.diagnostics.find((x) => x.code === "NEEDS_FABRIC_ROUTES");
    expect(d?.severity).toBe("warning");
    expect(d?.subjects).toEqual(["k8s", "lan", "lan2", "core"]);
    expect(d?.message).toContain("BGP");
    expect(d?.message).toContain("cross-subnet");
    const reason = "Calico without encapsulation across subnets: the fabric must route pod blocks (BGP peering with the router)";
    expect(r.routers[0]?.routes).toEqual([
      { dst: "192.168.0.0/26", gateway: "10.0.0.11", reason },
      { dst: "192.168.0.64/26", gateway: "10.0.0.12", reason },
      { dst: "192.168.0.128/26", gateway: "10.0.1.11", reason },
    ]);
    // Same subnet: direct. Other subnet: BIRD resolves the next hop recursively, via the router.
    expect(host(r, "node1").routes).toContainEqual({ dst: "192.168.0.64/26", gateway: "10.0.0.12", dev: "eth0", protocol: "bird" });
    expect(host(r, "node1").routes).toContainEqual({ dst: "192.168.0.128/26", gateway: "10.0.0.1", dev: "eth0", protocol: "bird" });
    expect(host(r, "node3").routes).toContainEqual({ dst: "192.168.0.0/26", gateway: "10.0.1.1", dev: "eth0", protocol: "bird" });
    expect(r.clusters[0]?.firewall).toContainEqual(expect.objectContaining({ protocol: "tcp", port: 179, between: "underlay-router" }));
  });
});

describe("Typha", () => {
  it("opens TCP 5473 only above 50 hosts", () => {
    const ports = (n: number) => run({ underlays: [{ id: "lan", cidr: "10.0.0.0/24" }], hosts: Array.from({ length: n }, (_, i) => ({ id: `n${i}` })) })
      .clusters[0]?.firewall.map((f) => `${f.protocol}/${f.port ?? ""}`);
    expect(ports(50)).toEqual(["tcp/179", "ipip/"]);
    expect(ports(51)).toEqual(["tcp/179", "ipip/", "tcp/5473"]);
  });
});
