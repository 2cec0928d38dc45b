/** Flows: reachability and the hop-by-hop path, read from the routing tables the backends produce (DESIGN §4). */
import { describe, expect, it } from "vitest";
import { analyze } from "./analyze.ts";
import type { FlowReport, Report } from "./report.ts";
import { SAMPLE_DOCUMENT } from "./sample.ts";

type Doc = Record<string, unknown>;

function report(doc: Doc): Report {
  const r = analyze(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

function flow(r: Report, id: string): FlowReport {
  const f = r.flows.find((x) => x.id === id);
  if (!f) throw new Error(`no flow ${id}`);
  return f;
}

const nodes = (f: FlowReport) => f.path.map((h) => h.node);
const hopAt = (f: FlowReport, node: string) => f.path.find((h) => h.node === node);
const diags = (r: Report, code: string) => r.diagnostics.filter((d) => d.code === code);

/** Three hosts of one cluster; lan2 (behind router "core") holds node3 when routed. */
function cluster(backend: Doc, o: { orchestrator?: string; routed?: boolean; noRouter?: boolean; containers?: Doc[]; flows?: Doc[]; externals?: Doc[]; ipFamily?: string } = {}): Doc {
  return {
    format: "topolab", version: 1,
    underlays: [{ id: "lan", name: "Rack LAN", cidr: "192.168.1.0/24" }, ...(o.routed ? [{ id: "lan2", name: "Rack 2", cidr: "192.168.2.0/24" }] : [])],
    routers: o.noRouter ? [] : [{ id: "core", name: "core", underlays: o.routed ? ["lan", "lan2"] : ["lan"] }],
    clusters: [{ id: "k8s", name: "prod", orchestrator: o.orchestrator ?? "kubernetes", ipFamily: o.ipFamily ?? "ipv4", backend }],
    hosts: [
      { id: "node1", cluster: "k8s", underlay: "lan", ip: "192.168.1.11" },
      { id: "node2", cluster: "k8s", underlay: "lan", ip: "192.168.1.12" },
      o.routed ? { id: "node3", cluster: "k8s", underlay: "lan2", ip: "192.168.2.13" } : { id: "node3", cluster: "k8s", underlay: "lan", ip: "192.168.1.13" },
    ],
    containers: o.containers ?? [
      { id: "web", host: "node1", ports: [{ port: 80, publish: 8080 }] },
      { id: "web2", host: "node1", ports: [{ port: 80 }] },
      { id: "api", host: "node2", ports: [{ port: 8000 }] },
      { id: "db", host: "node3", ports: [{ port: 5432 }] },
    ],
    externals: o.externals ?? [{ id: "internet", name: "Internet" }],
    flows: o.flows ?? [],
  };
}

describe("the sample (flannel VXLAN, three hosts)", () => {
  const r = report(JSON.parse(JSON.stringify(SAMPLE_DOCUMENT)) as Doc);

  it("reaches every flow, with no flow diagnostics", () => {
    expect(r.flows.map((f) => [f.id, f.reachable])).toEqual([["f-web", true], ["f-api", true], ["f-db", true]]);
    expect(r.diagnostics.filter((d) => /FLOW|PORT/.test(d.code))).toEqual([]);
  });

  it("internet → web enters through the gateway and is DNATed on node-1 to the pod, then bridged on cni0", () => {
    const f = flow(r, "f-web");
    expect(nodes(f)).toEqual(["internet", "gw", "lan", "node1", "web"]);
    expect(f.path[0]?.action).toBe("sends → 192.168.1.11:8080/tcp from the Internet");
    expect(hopAt(f, "node1")).toMatchObject({
      nat: "DNAT 192.168.1.11:8080 → 10.244.0.2:80",
      device: "cni0", route: "10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1", mtu: 1450,
    });
    expect(hopAt(f, "web")).toMatchObject({ device: "eth0", mtu: 1450 });
    expect(f.target).toEqual({ ip: "192.168.1.11", port: 8080, protocol: "tcp", via: "published" });
    expect(flow(r, "f-api").target).toEqual({ ip: "10.244.1.2", port: 8000, protocol: "tcp", via: "direct" });
  });

  it("web → api crosses hosts through flannel.1: VXLAN 192.168.1.11 → 192.168.1.12, overhead 50, UDP 8472", () => {
    const f = flow(r, "f-api");
    expect(nodes(f)).toEqual(["web", "node1", "lan", "node2", "api"]);
    expect(hopAt(f, "web")).toMatchObject({ route: "10.244.0.0/16 via 10.244.0.1 dev eth0", mtu: 1450 });
    expect(hopAt(f, "node1")).toMatchObject({
      device: "flannel.1", mtu: 1450,
      route: "10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink",
      encapsulation: { type: "vxlan", outerSrc: "192.168.1.11", outerDst: "192.168.1.12", overhead: 50, port: 8472 },
    });
    expect(hopAt(f, "lan")).toMatchObject({ mtu: 1500 });
    expect(hopAt(f, "node2")).toMatchObject({ device: "cni0", route: "10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1" });
  });
});

describe("flannel", () => {
  it("keeps a same-host flow on cni0, without encapsulation", () => {
    const r = report(cluster({ type: "flannel" }, { flows: [{ id: "f", from: "web", to: "web2", port: 80 }] }));
    const f = flow(r, "f");
    expect(f.reachable).toBe(true);
    expect(nodes(f)).toEqual(["web", "node1", "web2"]);
    expect(hopAt(f, "node1")).toMatchObject({ device: "cni0", route: "10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1" });
    expect(f.path.some((h) => h.encapsulation)).toBe(false);
  });

  it("host-gw sends via the peer's underlay address, unencapsulated, at the full MTU", () => {
    const r = report(cluster({ type: "flannel", mode: "host-gw" }, { flows: [{ id: "f", from: "web", to: "api", port: 8000 }] }));
    const f = flow(r, "f");
    expect(f.reachable).toBe(true);
    expect(nodes(f)).toEqual(["web", "node1", "lan", "node2", "api"]);
    expect(hopAt(f, "node1")).toMatchObject({ device: "eth0", route: "10.244.1.0/24 via 192.168.1.12 dev eth0", mtu: 1500 });
    expect(hopAt(f, "node1")?.encapsulation).toBeUndefined();
  });

  it("VXLAN between underlays joined by a router: the outer packet crosses the router", () => {
    const r = report(cluster({ type: "flannel" }, { routed: true, flows: [{ id: "f", from: "web", to: "db", port: 5432 }] }));
    const f = flow(r, "f");
    expect(f.reachable).toBe(true);
    expect(nodes(f)).toEqual(["web", "node1", "lan", "core", "lan2", "node3", "db"]);
    expect(hopAt(f, "node1")?.encapsulation).toEqual({ type: "vxlan", outerSrc: "192.168.1.11", outerDst: "192.168.2.13", overhead: 50, port: 8472 });
    expect(hopAt(f, "core")?.action).toBe("routes it onto Rack 2 (connected)");
  });

  it("host-gw across a router stops at the router, which needs a route to the pod subnet", () => {
    const r = report(cluster({ type: "flannel", mode: "host-gw" }, { routed: true, flows: [{ id: "f", from: "web", to: "db", port: 5432 }] }));
    const f = flow(r, "f");
    expect(f.reachable).toBe(false);
    expect(nodes(f)).toEqual(["web", "node1", "lan"]);
    expect(f.reason).toBe("it stops at core: core has no route to 10.244.2.2 (db on node3). Fix: add a route on core: 10.244.2.0/24 via 192.168.2.13 (node3).");
    expect(diags(r, "FLOW_UNREACHABLE")).toEqual([{
      code: "FLOW_UNREACHABLE", severity: "error", subjects: ["f", "web", "db"],
      message: `Flow web → db 5432/tcp does not arrive: ${f.reason}`,
    }]);
  });

  it("hosts on an underlay no router joins cannot reach the others", () => {
    const doc = cluster({ type: "flannel" }, { routed: true, flows: [{ id: "f", from: "web", to: "db", port: 5432 }] });
    doc.routers = [{ id: "edge", underlays: ["lan2"] }];
    const f = flow(report(doc), "f");
    expect(f.reachable).toBe(false);
    expect(f.reason).toMatch(/^it stops at Rack LAN: nothing answers at Rack LAN's gateway 192\.168\.1\.1: no router joins Rack LAN, .* Fix: join the underlays with a router/);
  });

  it("an IPv6-only cluster traces the pods' IPv6 addresses through flannel-v6.1", () => {
    const r = report(cluster({ type: "flannel" }, { ipFamily: "ipv6", flows: [{ id: "f", from: "web", to: "api", port: 8000 }] }));
    const f = flow(r, "f");
    expect(f.reachable).toBe(true);
    expect(hopAt(f, "node1")).toMatchObject({ device: "flannel-v6.1", encapsulation: { outerSrc: "192.168.1.11", outerDst: "192.168.1.12" } });
    expect(hopAt(f, "api")?.action).toMatch(/^receives 8000\/tcp on eth0 \(fd00:/);
  });
});

describe("dual-stack underlays (cidr6)", () => {
  /** IPv6 pods (Calico VXLAN cross-subnet) on two dual-stack LANs joined by core: node3 is on lan2. */
  function dualStack(flows: Doc[]): Report {
    const doc = cluster({ type: "calico", mode: "vxlan-cross-subnet" }, { routed: true, ipFamily: "ipv6", flows });
    doc.underlays = [
      { id: "lan", name: "Rack LAN", cidr: "192.168.1.0/24", cidr6: "fd00:1::/64" },
      { id: "lan2", name: "Rack 2", cidr: "192.168.2.0/24", cidr6: "fd00:2::/64" },
    ];
    return report(doc);
  }

  it("a peer on the same LAN is reached at its IPv6 address; one across the router in VXLAN over IPv6", () => {
    const r = dualStack([{ id: "near", from: "web", to: "api", port: 8000 }, { id: "far", from: "web", to: "db", port: 5432 }]);
    const near = flow(r, "near");
    expect(near.reachable).toBe(true);
    expect(hopAt(near, "node1")?.action).toBe("forwards it out of eth0 to fd00:1::3 (node2)");
    const far = flow(r, "far");
    expect(far.reachable).toBe(true);
    expect(nodes(far)).toEqual(["web", "node1", "lan", "core", "lan2", "node3", "db"]);
    expect(hopAt(far, "node1")).toMatchObject({ device: "vxlan-v6.calico", encapsulation: { type: "vxlan", outerSrc: "fd00:1::2", outerDst: "fd00:2::2", overhead: 70, port: 4789 } });
    expect(hopAt(far, "lan")?.action).toBe("carries the VXLAN packet fd00:1::2 → fd00:2::2 (UDP 4789) to core (fd00:1::1)");
    expect(far.replyPath?.map((h) => h.node)).toEqual(["db", "node3", "lan2", "core", "lan", "node1", "web"]);
  });

  it("the Internet reaches an IPv6-only pod through the port published on its host's IPv6 address", () => {
    const doc = dualStack([{ id: "in", from: "internet", to: "web", port: 80 }]);
    const f = flow(doc, "in");
    expect(f.reachable).toBe(true);
    expect(f.target).toEqual({ ip: "fd00:1::2", port: 8080, protocol: "tcp", via: "published" });
    expect(hopAt(f, "node1")?.nat).toBe("DNAT [fd00:1::2]:8080 → [fd00:192:168::1]:80");
    expect(f.replyPath?.find((h) => h.node === "node1")).toMatchObject({ action: "forwards it out of eth0 to its gateway fd00:1::1 (core)", nat: "un-DNAT [fd00:192:168::1]:80 → [fd00:1::2]:8080 (conntrack)" });
  });
});

describe("the plain Docker bridge", () => {
  const flows = [{ id: "f", from: "web", to: "api", port: 8000 }];

  it("cannot reach another host's container without a published port: the reason says so, PORT_NOT_PUBLISHED explains it once", () => {
    const r = report(cluster({ type: "bridge" }, { orchestrator: "docker", flows }));
    const f = flow(r, "f");
    expect(f.reachable).toBe(false);
    expect(f.path).toEqual([]);
    expect(f.reason).toBe(
      'web (on node1) and api (on node2) are on different hosts, and the bridge backend does not connect containers across hosts, so 8000/tcp must be published on node2, and it is not. Fix: publish api\'s port 8000/tcp on host port 8000, or "auto" for a free one.',
    );
    expect(diags(r, "PORT_NOT_PUBLISHED").map((d) => d.subjects)).toEqual([["f", "api", "node2"]]);
    expect(diags(r, "FLOW_UNREACHABLE")).toEqual([]);
    // Nothing to aim at: no published port, and api's own address is not reachable from node1.
    expect(f.target).toBeUndefined();
  });

  it("through a published port: masqueraded on the source host, DNATed on the target host", () => {
    const doc = cluster({ type: "bridge" }, { orchestrator: "docker", flows });
    (doc.containers as Doc[])[2] = { id: "api", host: "node2", ports: [{ port: 8000, publish: "auto" }] };
    const f = flow(report(doc), "f");
    expect(f.reachable).toBe(true);
    expect(nodes(f)).toEqual(["web", "node1", "lan", "node2", "api"]);
    expect(hopAt(f, "web")?.action).toBe("sends 172.17.0.2 → 192.168.1.12:32768/tcp to its gateway 172.17.0.1 via eth0");
    expect(hopAt(f, "node1")).toMatchObject({ nat: "SNAT → 192.168.1.11 (masquerade)", device: "eth0", route: "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11" });
    expect(hopAt(f, "node2")).toMatchObject({ nat: "DNAT 192.168.1.12:32768 → 172.17.0.2:8000", device: "docker0" });
    expect(f.target).toEqual({ ip: "192.168.1.12", port: 32768, protocol: "tcp", via: "published" });
  });

  it("a host port held twice: the flow aims at the published port, which another container holds", () => {
    const doc = cluster({ type: "bridge" }, {
      orchestrator: "docker", flows: [{ id: "f", from: "internet", to: "web2", port: 80 }],
      containers: [{ id: "web", host: "node1", ports: [{ port: 80, publish: 8080 }] }, { id: "web2", host: "node1", ports: [{ port: 80, publish: 8080 }] }],
    });
    const f = flow(report(doc), "f");
    expect(f.reachable).toBe(false);
    expect(f.target).toEqual({ ip: "192.168.1.11", port: 8080, protocol: "tcp", via: "published" });
  });
});

describe("across clusters", () => {
  it("a pod reaches a Docker host's published port: SNAT at its node, DNAT at the target host", () => {
    const doc = cluster({ type: "flannel" }, { flows: [{ id: "f", from: "web", to: "legacy", port: 80 }] });
    doc.clusters = [...(doc.clusters as Doc[]), { id: "old", orchestrator: "docker", backend: { type: "bridge" } }];
    doc.hosts = [...(doc.hosts as Doc[]), { id: "box", cluster: "old", underlay: "lan", ip: "192.168.1.50" }];
    doc.containers = [...(doc.containers as Doc[]), { id: "legacy", host: "box", ports: [{ port: 80, publish: 8081 }] }];
    const f = flow(report(doc), "f");
    expect(f.reachable).toBe(true);
    expect(nodes(f)).toEqual(["web", "node1", "lan", "box", "legacy"]);
    expect(hopAt(f, "node1")?.nat).toBe("SNAT → 192.168.1.11 (masquerade)");
    expect(hopAt(f, "box")?.nat).toBe("DNAT 192.168.1.50:8081 → 172.17.0.2:80");
  });
});

describe("routed container subnets (ipvlan l3)", () => {
  it("a LAN client reaches a container through the router's route to its host", () => {
    const r = report(cluster({ type: "ipvlan", mode: "l3" }, {
      orchestrator: "docker",
      externals: [{ id: "pc", name: "office PC", kind: "client", underlay: "lan", ip: "192.168.1.100" }],
      flows: [{ id: "f", from: "pc", to: "api", port: 8000 }],
    }));
    const f = flow(r, "f");
    expect(f.reachable).toBe(true);
    expect(nodes(f)).toEqual(["pc", "lan", "core", "lan", "node2", "api"]);
    expect(hopAt(f, "pc")?.action).toBe("sends 192.168.1.100 → 10.1.1.1:8000/tcp to its gateway 192.168.1.1");
    expect(hopAt(f, "core")?.route).toBe("10.1.1.0/24 via 192.168.1.12");
    expect(diags(r, "PORT_NOT_PUBLISHED")).toEqual([]);
  });
});

describe("hub and spoke (OpenVPN)", () => {
  // A client routes to another client's subnet via the server's tunnel address (topology subnet), via its
  // own point-to-point peer (net30) or with no gateway at all (IPv6 on tun): whichever, the next hop is
  // the tunnel's far end, the server, which sends the packet on to the other client.
  it.each([
    ["subnet", {}, "ipv4", "172.20.2.0/24 via 10.8.0.1 dev tun0"],
    ["net30", { topology: "net30" }, "ipv4", "172.20.0.0/16 via 10.8.0.5 dev tun0"],
    ["IPv6", {}, "ipv6", "fd00:172:20:2::/64 dev tun0 metric 1024"],
  ])("%s: a client's packet goes to the server first, then on to the other client", (_name, extra, ipFamily, clientRoute) => {
    const r = report(cluster({ type: "openvpn", ...extra }, { orchestrator: "docker", ipFamily, flows: [{ id: "f", from: "api", to: "db", port: 5432 }] }));
    const f = flow(r, "f");
    expect(f.reachable).toBe(true);
    expect(nodes(f)).toEqual(["api", "node2", "lan", "node1", "lan", "node3", "db"]);
    expect(hopAt(f, "node2")).toMatchObject({ device: "tun0", route: clientRoute });
    expect(f.path.filter((h) => h.encapsulation).map((h) => [h.encapsulation?.outerSrc, h.encapsulation?.outerDst, h.encapsulation?.port])).toEqual([
      ["192.168.1.12", "192.168.1.11", 1194],
      ["192.168.1.11", "192.168.1.13", 1194],
    ]);
  });
});

describe("containers on the underlay (macvlan)", () => {
  it("the Internet reaches the container's own LAN address, no DNAT; a pod from another cluster is masqueraded", () => {
    const doc = cluster({ type: "flannel" }, { flows: [{ id: "in", from: "internet", to: "nas", port: 445 }, { id: "pod", from: "web", to: "nas", port: 445 }] });
    doc.clusters = [...(doc.clusters as Doc[]), { id: "lanc", orchestrator: "docker", backend: { type: "macvlan" } }];
    doc.hosts = [...(doc.hosts as Doc[]), { id: "box", cluster: "lanc", underlay: "lan", ip: "192.168.1.50" }];
    doc.containers = [...(doc.containers as Doc[]), { id: "nas", host: "box", ip: "192.168.1.60", ports: [{ port: 445 }] }];
    const r = report(doc);
    const inbound = flow(r, "in");
    expect(inbound.reachable).toBe(true);
    expect(nodes(inbound)).toEqual(["internet", "core", "lan", "nas"]);
    expect(inbound.path.some((h) => h.nat)).toBe(false);
    const fromPod = flow(r, "pod");
    expect(nodes(fromPod)).toEqual(["web", "node1", "lan", "nas"]);
    expect(hopAt(fromPod, "node1")).toMatchObject({ nat: "SNAT → 192.168.1.11 (masquerade)", route: "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11" });
  });
});

describe("other encapsulations, read from the devices the backends report", () => {
  const flows = [{ id: "f", from: "web", to: "api", port: 8000 }];

  it("Calico IPIP: tunl0 via the peer's own address, overhead 20, no port", () => {
    const f = flow(report(cluster({ type: "calico" }, { flows })), "f");
    expect(f.reachable).toBe(true);
    expect(hopAt(f, "node1")).toMatchObject({ device: "tunl0", mtu: 1480 });
    expect(hopAt(f, "node1")?.route).toMatch(/ via 192\.168\.1\.12 dev tunl0 proto bird onlink$/);
    expect(hopAt(f, "node1")?.encapsulation).toEqual({ type: "ipip", outerSrc: "192.168.1.11", outerDst: "192.168.1.12", overhead: 20 });
  });

  it("an OVS mesh: the flat subnet leaves through br0's tunnel port towards the peer (VXLAN, UDP 4789)", () => {
    const r = report(cluster({ type: "ovs" }, { orchestrator: "docker", flows }));
    const f = flow(r, "f");
    expect(f.reachable).toBe(true);
    expect(nodes(f)).toEqual(["web", "node1", "lan", "node2", "api"]);
    const port = r.hosts.find((h) => h.id === "node1")?.interfaces.find((d) => d.remote === "192.168.1.12");
    expect(hopAt(f, "node1")).toMatchObject({ device: port?.name, encapsulation: { type: "vxlan", outerSrc: "192.168.1.11", outerDst: "192.168.1.12", overhead: 50, port: 4789 } });
  });

  it("a Docker overlay: the container's own subnet spans the hosts through the network's VXLAN device", () => {
    const r = report(cluster({ type: "docker-overlay" }, { orchestrator: "swarm", flows }));
    const f = flow(r, "f");
    expect(f.reachable).toBe(true);
    expect(nodes(f)).toEqual(["web", "node1", "lan", "node2", "api"]);
    expect(hopAt(f, "node1")?.encapsulation).toEqual({ type: "vxlan", outerSrc: "192.168.1.11", outerDst: "192.168.1.12", overhead: 50, port: 4789 });
    expect(f.target).toEqual({ ip: "10.0.1.4", port: 8000, protocol: "tcp", via: "direct" });
  });

  it("Weave: one flat range, carried between hosts by the fastdp datapath", () => {
    const f = flow(report(cluster({ type: "weave" }, { flows })), "f");
    expect(f.reachable).toBe(true);
    expect(nodes(f)).toEqual(["web", "node1", "lan", "node2", "api"]);
    expect(hopAt(f, "node1")?.encapsulation).toMatchObject({ type: "vxlan", outerSrc: "192.168.1.11", outerDst: "192.168.1.12" });
  });
});

/** The flows' replies: traced back from the target to the address it saw as the source (after NAT). */
describe("replies", () => {
  const replyNodes = (f: FlowReport) => (f.replyPath ?? []).map((h) => h.node);
  const replyHop = (f: FlowReport, node: string) => f.replyPath?.find((h) => h.node === node);

  /** An office PC reaching a pod's hostPort through the core router; the pod network is `network`. */
  function office(network: string): Doc {
    return {
      format: "topolab", version: 1,
      underlays: [{ id: "servers", name: "Server room", cidr: "10.10.0.0/24" }, { id: "office", name: "Berlin office LAN", cidr: "10.244.1.0/24" }],
      routers: [{ id: "core", name: "core", underlays: ["servers", "office"] }],
      clusters: [{ id: "k8s", name: "prod", orchestrator: "kubernetes", backend: { type: "flannel", network } }],
      hosts: [
        { id: "node1", name: "node-1", cluster: "k8s", underlay: "servers", ip: "10.10.0.11" },
        { id: "node2", name: "node-2", cluster: "k8s", underlay: "servers", ip: "10.10.0.12" },
      ],
      containers: [{ id: "web", name: "intranet", host: "node1", ports: [{ port: 443, publish: 443 }] }],
      externals: [{ id: "pc", name: "office PC", kind: "client", underlay: "office", ip: "10.244.1.50" }],
      flows: [{ id: "f", from: "pc", to: "web", port: 443 }],
    };
  }

  it("a client inside the pod network: the request arrives, node-1's reply goes into the tunnel to node-2", () => {
    const r = report(office("10.244.0.0/16"));
    const f = flow(r, "f");
    expect(f.reachable).toBe(false);
    expect(nodes(f)).toEqual(["pc", "office", "core", "servers", "node1", "web"]);
    expect(f.reason).toBe(
      "replies from intranet to 10.244.1.50 leave node-1 by 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink: the client's address is inside the pod network 10.244.0.0/16, so the replies end at node-2. Fix: choose a pod pool that doesn't overlap Berlin office LAN (10.244.1.0/24).",
    );
    expect(replyNodes(f)).toEqual(["web", "node1", "servers", "node2"]);
    expect(replyHop(f, "node1")).toMatchObject({
      device: "flannel.1", route: "10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink",
      nat: "un-DNAT 10.244.0.2:443 → 10.10.0.11:443 (conntrack)",
      encapsulation: { type: "vxlan", outerSrc: "10.10.0.11", outerDst: "10.10.0.12" },
    });
    expect(diags(r, "FLOW_UNREACHABLE")).toEqual([{
      code: "FLOW_UNREACHABLE", severity: "error", subjects: ["f", "pc", "web"],
      message: `Flow office PC → intranet 443/tcp gets no reply: ${f.reason}`,
    }]);
  });

  it("the same client with a pod network clear of the office: the reply goes back through the core router", () => {
    const r = report(office("172.24.0.0/16"));
    const f = flow(r, "f");
    expect(f.reachable).toBe(true);
    expect(replyNodes(f)).toEqual(["web", "node1", "servers", "core", "office", "pc"]);
    expect(replyHop(f, "web")?.action).toBe("replies 172.24.0.2:443/tcp → 10.244.1.50 (office PC) to its gateway 172.24.0.1 via eth0");
    expect(replyHop(f, "pc")?.action).toBe("receives the reply from 10.10.0.11:443");
    expect(diags(r, "FLOW_UNREACHABLE")).toEqual([]);
  });

  it("between pods on two hosts: the reply mirrors the request through flannel.1", () => {
    const f = flow(report(JSON.parse(JSON.stringify(SAMPLE_DOCUMENT)) as Doc), "f-api");
    expect(replyNodes(f)).toEqual([...nodes(f)].reverse());
    expect(replyHop(f, "api")).toMatchObject({ action: "replies 10.244.1.2:8000/tcp → 10.244.0.2 to its gateway 10.244.1.1 via eth0", route: "10.244.0.0/16 via 10.244.1.1 dev eth0" });
    expect(replyHop(f, "node2")).toMatchObject({
      device: "flannel.1", route: "10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink",
      encapsulation: { type: "vxlan", outerSrc: "192.168.1.12", outerDst: "192.168.1.11", overhead: 50, port: 8472 },
    });
    expect(replyHop(f, "node1")).toMatchObject({ device: "cni0", route: "10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1" });
    expect(replyHop(f, "web")?.action).toBe("receives the reply from 10.244.1.2:8000 on eth0 (10.244.0.2)");
    expect(f.path.some((h) => h.nat) || f.replyPath?.some((h) => h.nat)).toBe(false);
  });

  it("from the Internet through a published port: node1's conntrack undoes the DNAT, the reply leaves through the gateway", () => {
    const f = flow(report(JSON.parse(JSON.stringify(SAMPLE_DOCUMENT)) as Doc), "f-web");
    expect(f.reachable).toBe(true);
    expect(replyNodes(f)).toEqual(["web", "node1", "lan", "gw", "internet"]);
    expect(replyHop(f, "web")?.action).toBe("replies 10.244.0.2:80/tcp → 203.0.113.100 (Internet) to its gateway 10.244.0.1 via eth0");
    expect(replyHop(f, "node1")).toMatchObject({ nat: "un-DNAT 10.244.0.2:80 → 192.168.1.11:8080 (conntrack)", route: "default via 192.168.1.1 dev eth0" });
    expect(replyHop(f, "internet")?.action).toBe("receives the reply from 192.168.1.11:8080");
  });

  it("Docker published port between hosts: un-DNAT on the target host, un-SNAT on the source host", () => {
    const doc = cluster({ type: "bridge" }, { orchestrator: "docker", flows: [{ id: "f", from: "web", to: "api", port: 8000 }] });
    (doc.containers as Doc[])[2] = { id: "api", host: "node2", ports: [{ port: 8000, publish: "auto" }] };
    const f = flow(report(doc), "f");
    expect(f.reachable).toBe(true);
    expect(replyNodes(f)).toEqual(["api", "node2", "lan", "node1", "web"]);
    expect(replyHop(f, "api")?.action).toBe("replies 172.17.0.2:8000/tcp → 192.168.1.11 to its gateway 172.17.0.1 via eth0");
    expect(replyHop(f, "node2")?.nat).toBe("un-DNAT 172.17.0.2:8000 → 192.168.1.12:32768 (conntrack)");
    expect(replyHop(f, "node1")).toMatchObject({
      nat: "un-SNAT 192.168.1.11 → 172.17.0.2 (conntrack)", device: "docker0",
      action: "finds the masquerade in conntrack and rewrites it back to web, then delivers it to web (172.17.0.2) on docker0",
    });
    expect(replyHop(f, "web")?.action).toBe("receives the reply from 192.168.1.12:32768 on eth0 (172.17.0.2)");
  });

  it("between clusters: a masqueraded pod gets the reply back through its node's conntrack", () => {
    const doc = cluster({ type: "flannel" }, { flows: [{ id: "f", from: "web", to: "legacy", port: 80 }] });
    doc.clusters = [...(doc.clusters as Doc[]), { id: "old", orchestrator: "docker", backend: { type: "bridge" } }];
    doc.hosts = [...(doc.hosts as Doc[]), { id: "box", cluster: "old", underlay: "lan", ip: "192.168.1.50" }];
    doc.containers = [...(doc.containers as Doc[]), { id: "legacy", host: "box", ports: [{ port: 80, publish: 8081 }] }];
    const f = flow(report(doc), "f");
    expect(f.reachable).toBe(true);
    expect(replyNodes(f)).toEqual(["legacy", "box", "lan", "node1", "web"]);
    expect(replyHop(f, "box")).toMatchObject({ nat: "un-DNAT 172.17.0.2:80 → 192.168.1.50:8081 (conntrack)", route: "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.50" });
    expect(replyHop(f, "node1")).toMatchObject({ nat: "un-SNAT 192.168.1.11 → 10.244.0.2 (conntrack)", device: "cni0" });
    expect(replyHop(f, "web")?.action).toBe("receives the reply from 192.168.1.50:8081 on eth0 (10.244.0.2)");
  });

  it("between clusters, a masquerading host inside the other cluster's pod network: the reply names that host", () => {
    const doc = cluster({ type: "flannel" }, { flows: [{ id: "f", from: "legacy", to: "web", port: 80 }] });
    doc.underlays = [...(doc.underlays as Doc[]), { id: "dmz", name: "DMZ", cidr: "10.244.1.0/24" }];
    doc.routers = [{ id: "core", name: "core", underlays: ["lan", "dmz"] }];
    doc.clusters = [...(doc.clusters as Doc[]), { id: "old", orchestrator: "docker", backend: { type: "bridge" } }];
    doc.hosts = [...(doc.hosts as Doc[]), { id: "box", cluster: "old", underlay: "dmz", ip: "10.244.1.10" }];
    doc.containers = [...(doc.containers as Doc[]), { id: "legacy", host: "box", ports: [] }];
    const r = report(doc);
    const f = flow(r, "f");
    expect(f.reachable).toBe(false);
    expect(hopAt(f, "box")?.nat).toBe("SNAT → 10.244.1.10 (masquerade)");
    expect(f.reason).toBe(
      "replies from web to 10.244.1.10 leave node1 by 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink: box's address, which legacy is masqueraded to, is inside the pod network 10.244.0.0/16, so the replies end at node2. Fix: choose a pod pool that doesn't overlap DMZ (10.244.1.0/24).",
    );
    expect(diags(r, "FLOW_UNREACHABLE").map((d) => d.subjects)).toEqual([["f", "legacy", "web"]]);
  });

  it("an asymmetric reply that still arrives is fine: the request goes through the router's route, the reply straight across the LAN", () => {
    const r = report(cluster({ type: "ipvlan", mode: "l3" }, {
      orchestrator: "docker",
      externals: [{ id: "pc", name: "office PC", kind: "client", underlay: "lan", ip: "192.168.1.100" }],
      flows: [{ id: "f", from: "pc", to: "api", port: 8000 }],
    }));
    const f = flow(r, "f");
    expect(f.reachable).toBe(true);
    expect(nodes(f)).toEqual(["pc", "lan", "core", "lan", "node2", "api"]);
    expect(replyNodes(f)).toEqual(["api", "node2", "lan", "pc"]);
    expect(replyHop(f, "node2")?.route).toBe("192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.12");
    expect(replyHop(f, "pc")?.action).toBe("receives the reply from 10.1.1.1:8000");
  });
});
