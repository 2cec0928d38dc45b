/**
 * Designs the lab suite builds on a real kernel (lab.run.test.ts), one per backend and mode the
 * model covers, with the flows that exercise their paths: across hosts, through published ports,
 * across routers, between clusters, and some the model predicts to fail.
 *
 * `known` lists what the kernel did differently from the model when the suite was written, each
 * traced to the model (see the comment on each): the suite asserts exactly these, so it fails both
 * on a new difference and when a model fix removes one (then delete the entry).
 */
import { SAMPLE_DOCUMENT } from "../model/sample.ts";

/** A difference the model is known to have with the kernel (see the comment at each use). */
export interface KnownIssue {
  /** Difference lines ({"routes"…} or {"flow"…} JSON) the run prints, in output order. */
  differences: string[];
}

export interface LabScenario {
  name: string;
  document: unknown;
  known?: KnownIssue;
}

type Backend = Record<string, unknown> & { type: string };

const doc = (name: string, parts: Record<string, unknown>) => ({ format: "topolab", version: 1, name, ...parts });
const lan = (id: string, cidr: string) => ({ id, cidr });
const host = (id: string, cluster: string, underlay: string) => ({ id, cluster, underlay });
const ctr = (id: string, hostId: string, ports: { port: number; protocol?: string; publish?: number | "auto" }[] = []) => ({ id, host: hostId, ports });
const flow = (id: string, from: string, to: string, port: number, protocol = "tcp") => ({ id, from, to, port, protocol });
const cluster = (id: string, backend: Backend, orchestrator = "kubernetes") => ({ id, orchestrator, backend });

/** Three hosts on one LAN behind a router, one container each, the Internet publishing into the first. */
function threeHosts(name: string, backend: Backend, orchestrator = "kubernetes") {
  return doc(name, {
    underlays: [lan("lan", "192.168.10.0/24")],
    routers: [{ id: "gw", underlays: ["lan"] }],
    clusters: [cluster("c", backend, orchestrator)],
    hosts: [host("n1", "c", "lan"), host("n2", "c", "lan"), host("n3", "c", "lan")],
    containers: [ctr("web", "n1", [{ port: 80, publish: 8080 }]), ctr("api", "n2", [{ port: 8000 }, { port: 53, protocol: "udp" }]), ctr("db", "n3", [{ port: 5432 }])],
    externals: [{ id: "internet", kind: "internet" }],
    flows: [
      flow("in-web", "internet", "web", 80), flow("web-api", "web", "api", 8000), flow("api-db", "api", "db", 5432),
      flow("db-web", "db", "web", 80), flow("web-dns", "web", "api", 53, "udp"), flow("in-db", "internet", "db", 5432),
    ],
  });
}

/** Two LANs joined by one router: n1 and n2 on lan-a, n3 on lan-b. */
function twoSubnets(name: string, backend: Backend) {
  return doc(name, {
    underlays: [lan("lan-a", "192.168.20.0/24"), lan("lan-b", "192.168.21.0/24")],
    routers: [{ id: "core", underlays: ["lan-a", "lan-b"] }],
    clusters: [cluster("c", backend)],
    hosts: [host("n1", "c", "lan-a"), host("n2", "c", "lan-a"), host("n3", "c", "lan-b")],
    containers: [ctr("web", "n1", [{ port: 80, publish: 8080 }]), ctr("api", "n2", [{ port: 8000 }]), ctr("db", "n3", [{ port: 5432 }])],
    externals: [{ id: "internet", kind: "internet" }],
    flows: [flow("in-web", "internet", "web", 80), flow("web-api", "web", "api", 8000), flow("api-db", "api", "db", 5432), flow("db-web", "db", "web", 80), flow("in-db", "internet", "db", 5432)],
  });
}

/** threeHosts on a dual-stack LAN (fd00:10::/64 beside 192.168.10.0/24), the cluster in `ipFamily`. */
function threeHostsDualStack(name: string, backend: Backend, ipFamily: "dual" | "ipv6") {
  const d = threeHosts(name, backend);
  return { ...d, underlays: [{ ...lan("lan", "192.168.10.0/24"), cidr6: "fd00:10::/64" }], clusters: [{ ...cluster("c", backend), ipFamily }] };
}

/** twoSubnets on dual-stack LANs (fd00:20::/64 and fd00:21::/64 beside the IPv4 ones), the cluster in `ipFamily`. */
function twoDualStackSubnets(name: string, backend: Backend, ipFamily: "dual" | "ipv6") {
  const d = twoSubnets(name, backend);
  return {
    ...d,
    underlays: [{ ...lan("lan-a", "192.168.20.0/24"), cidr6: "fd00:20::/64" }, { ...lan("lan-b", "192.168.21.0/24"), cidr6: "fd00:21::/64" }],
    clusters: [{ ...cluster("c", backend), ipFamily }],
  };
}

export const LAB_SCENARIOS: LabScenario[] = [
  { name: "sample: flannel VXLAN, three hosts", document: SAMPLE_DOCUMENT },
  { name: "flannel host-gw", document: threeHosts("flannel host-gw", { type: "flannel", mode: "host-gw" }) },
  { name: "flannel VXLAN, etcd subnet manager", document: threeHosts("flannel etcd", { type: "flannel", mode: "vxlan", network: "10.5.0.0/16", subnetManager: "etcd" }) },
  { name: "flannel VXLAN, IPv6 pods on a dual-stack LAN (flannel-v6.1 over IPv6)", document: threeHostsDualStack("flannel VXLAN IPv6", { type: "flannel", mode: "vxlan" }, "ipv6") },
  { name: "flannel VXLAN with DirectRouting across two subnets", document: twoSubnets("flannel DirectRouting", { type: "flannel", mode: "vxlan", directRouting: true }) },
  { name: "Calico VXLAN cross-subnet", document: twoSubnets("Calico VXLAN cross-subnet", { type: "calico", mode: "vxlan-cross-subnet" }) },
  { name: "Calico VXLAN always", document: twoSubnets("Calico VXLAN", { type: "calico", mode: "vxlan" }) },
  { name: "Calico VXLAN cross-subnet, dual stack on dual-stack LANs", document: twoDualStackSubnets("Calico VXLAN dual stack", { type: "calico", mode: "vxlan-cross-subnet" }, "dual") },
  { name: "Calico VXLAN cross-subnet, IPv6 pods on dual-stack LANs", document: twoDualStackSubnets("Calico VXLAN IPv6", { type: "calico", mode: "vxlan-cross-subnet" }, "ipv6") },
  { name: "Calico IPIP", document: threeHosts("Calico IPIP", { type: "calico", mode: "ipip" }) },
  { name: "Calico IPIP cross-subnet", document: twoSubnets("Calico IPIP cross-subnet", { type: "calico", mode: "ipip-cross-subnet" }) },
  { name: "Calico without encapsulation, routed underlays", document: twoSubnets("Calico BGP", { type: "calico", mode: "none" }) },
  {
    name: "Docker bridge: published ports, hairpin, UDP",
    document: doc("Docker bridge", {
      underlays: [lan("lan", "192.168.30.0/24")],
      routers: [{ id: "gw", underlays: ["lan"] }],
      clusters: [cluster("d", { type: "bridge" }, "docker")],
      hosts: [host("d1", "d", "lan"), host("d2", "d", "lan")],
      containers: [
        ctr("web", "d1", [{ port: 80, publish: 8080 }, { port: 514, protocol: "udp", publish: 5514 }]),
        ctr("cache", "d1", [{ port: 6379 }]),
        ctr("api", "d2", [{ port: 8000, publish: 8000 }]),
        ctr("db", "d2", [{ port: 5432 }]),
      ],
      externals: [{ id: "internet", kind: "internet" }, { id: "office", kind: "client", underlay: "lan" }],
      flows: [
        flow("in-web", "internet", "web", 80), flow("office-api", "office", "api", 8000), flow("api-web", "api", "web", 80),
        flow("api-syslog", "api", "web", 514, "udp"), flow("web-cache", "web", "cache", 6379), flow("cache-web-hairpin", "cache", "web", 80),
        flow("web-db", "web", "db", 5432), flow("in-db", "internet", "db", 5432),
      ],
    }),
  },
  {
    name: "ipvlan l3 with router routes",
    document: doc("ipvlan l3", {
      underlays: [lan("lan", "192.168.40.0/24")], routers: [{ id: "gw", underlays: ["lan"] }],
      clusters: [cluster("v", { type: "ipvlan", mode: "l3" }, "docker")],
      hosts: [host("v1", "v", "lan"), host("v2", "v", "lan")],
      containers: [ctr("a", "v1", [{ port: 80 }]), ctr("b", "v2", [{ port: 5432 }])],
      externals: [{ id: "internet", kind: "internet" }],
      flows: [flow("in-a", "internet", "a", 80), flow("a-b", "a", "b", 5432), flow("b-a", "b", "a", 80)],
    }),
  },
  { name: "ipvlan l2", document: threeHosts("ipvlan l2", { type: "ipvlan", mode: "l2" }, "docker") },
  {
    name: "macvlan bridge, with a client on the LAN",
    document: doc("macvlan", {
      underlays: [lan("lan", "192.168.50.0/24")], routers: [{ id: "gw", underlays: ["lan"] }],
      clusters: [cluster("m", { type: "macvlan" }, "docker")],
      hosts: [host("m1", "m", "lan"), host("m2", "m", "lan"), host("m3", "m", "lan")],
      containers: [ctr("a", "m1", [{ port: 80 }]), ctr("b", "m2", [{ port: 5432 }]), ctr("c", "m3", [{ port: 53, protocol: "udp" }])],
      externals: [{ id: "internet", kind: "internet" }, { id: "office", kind: "client", underlay: "lan" }],
      flows: [flow("in-a", "internet", "a", 80), flow("a-b", "a", "b", 5432), flow("office-b", "office", "b", 5432), flow("b-c", "b", "c", 53, "udp")],
    }),
  },
  { name: "OVS VXLAN mesh, three hosts", document: threeHosts("OVS VXLAN", { type: "ovs", mode: "vxlan" }, "none") },
  { name: "OVS GRE mesh", document: threeHosts("OVS GRE", { type: "ovs", mode: "gre" }, "none") },
  { name: "OVS Geneve mesh", document: threeHosts("OVS Geneve", { type: "ovs", mode: "geneve" }, "none") },
  {
    name: "Weave fastdp",
    document: threeHosts("Weave", { type: "weave" }, "docker"),
  },
  {
    name: "Docker overlay (swarm)",
    document: threeHosts("Docker overlay", { type: "docker-overlay" }, "swarm"),
  },
  {
    name: "flannel VXLAN across two routers and three underlays",
    document: doc("flannel across routers", {
      underlays: [lan("a", "10.10.1.0/24"), lan("b", "10.10.2.0/24"), lan("c", "10.10.3.0/24")],
      routers: [{ id: "r1", underlays: ["a", "b"] }, { id: "r2", underlays: ["b", "c"] }],
      clusters: [cluster("k", { type: "flannel", mode: "vxlan" })],
      hosts: [host("n1", "k", "a"), host("n2", "k", "b"), host("n3", "k", "c")],
      containers: [ctr("web", "n1", [{ port: 80 }]), ctr("api", "n2", [{ port: 8000 }]), ctr("db", "n3", [{ port: 5432, publish: 30432 }])],
      externals: [{ id: "internet", kind: "internet" }],
      flows: [flow("web-db", "web", "db", 5432), flow("db-web", "db", "web", 80), flow("in-db", "internet", "db", 5432), flow("in-web", "internet", "web", 80)],
    }),
  },
  {
    name: "two clusters on one LAN: flannel and Docker bridge",
    document: doc("two clusters", {
      underlays: [lan("lan", "192.168.60.0/24")], routers: [{ id: "gw", underlays: ["lan"] }],
      clusters: [cluster("k", { type: "flannel", mode: "host-gw" }), cluster("d", { type: "bridge" }, "docker")],
      hosts: [host("k1", "k", "lan"), host("k2", "k", "lan"), host("d1", "d", "lan")],
      containers: [ctr("pod", "k1", [{ port: 80, publish: 30080 }]), ctr("pod2", "k2", [{ port: 81 }]), ctr("box", "d1", [{ port: 8080, publish: 8080 }, { port: 9000 }])],
      flows: [flow("pod-box", "pod", "box", 8080), flow("box-pod", "box", "pod", 80), flow("pod2-box-unpublished", "pod2", "box", 9000), flow("box-pod2", "box", "pod2", 81)],
    }),
  },
  {
    name: "an underlay without a router, reached from the Internet",
    document: doc("no router", {
      underlays: [lan("lan", "192.168.70.0/24")],
      clusters: [cluster("d", { type: "bridge" }, "docker")],
      hosts: [host("d1", "d", "lan")],
      containers: [ctr("web", "d1", [{ port: 80, publish: 80 }])],
      externals: [{ id: "internet", kind: "internet" }],
      flows: [flow("in-web", "internet", "web", 80)],
    }),
  },
  {
    name: "a host port held twice",
    document: doc("port conflict", {
      underlays: [lan("lan", "192.168.80.0/24")], routers: [{ id: "gw", underlays: ["lan"] }],
      clusters: [cluster("d", { type: "bridge" }, "docker")],
      hosts: [host("d1", "d", "lan")],
      containers: [ctr("first", "d1", [{ port: 80, publish: 8080 }]), ctr("second", "d1", [{ port: 81, publish: 8080 }])],
      externals: [{ id: "internet", kind: "internet" }],
      flows: [flow("in-first", "internet", "first", 80), flow("in-second", "internet", "second", 81)],
    }),
  },
];

/**
 * The templates of public/scenarios/ that differ from the kernel, by file name. Every other
 * template the kernel can build must agree.
 */
export const TEMPLATE_KNOWN_ISSUES: Record<string, KnownIssue> = {};
