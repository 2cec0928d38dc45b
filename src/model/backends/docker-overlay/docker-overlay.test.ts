/** Docker overlay against BACKENDS.md §4 and test vectors 17–18: exact user-visible values. */
import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.ts";
import type { Report } from "../../report.ts";
import { dockerOverlay, overlayMtu } from "./index.ts";

interface Options {
  backend?: Record<string, unknown>;
  orchestrator?: string;
  underlays?: { id: string; cidr: string; mtu?: number }[];
  hosts?: { id: string; underlay?: string; kernel?: string }[];
  containers?: { id: string; host: string; ip?: string }[];
}

function run(o: Options = {}): Report {
  const doc = {
    format: "topolab", version: 1,
    underlays: o.underlays ?? [{ id: "lan", cidr: "192.168.1.0/24" }],
    clusters: [{ id: "sw", name: "swarm", orchestrator: o.orchestrator ?? "swarm", backend: { type: "docker-overlay", ...o.backend } }],
    hosts: (o.hosts ?? [{ id: "m1" }, { id: "w1" }, { id: "w2" }]).map((h) => ({ cluster: "sw", underlay: "lan", ...h })),
    // Listed out of host order on purpose: allocation follows the hosts.
    containers: o.containers ?? [{ id: "db", host: "w2" }, { id: "web", host: "m1" }, { id: "api", host: "w1" }, { id: "web2", host: "m1" }],
  };
  const r = analyze(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

const host = (r: Report, id: string) => r.hosts.find((h) => h.id === id);
const device = (r: Report, hostId: string, name: string) => host(r, hostId)?.interfaces.find((i) => i.name === name);
const container = (r: Report, id: string) => r.containers.find((c) => c.id === id);
const diag = (r: Report, code: string) => r.diagnostics.filter((d) => d.code === code);

describe("swarm defaults (vector 17)", () => {
  const r = run();

  it("takes /24s from 10.0.0.0/8 in order: ingress 10.0.0.0/24, then the network 10.0.1.0/24", () => {
    expect(r.clusters[0]?.pools).toEqual(["10.0.0.0/24", "10.0.1.0/24"]);
    expect(r.hosts.map((h) => h.subnets)).toEqual([["10.0.1.0/24"], ["10.0.1.0/24"], ["10.0.1.0/24"]]);
  });

  it("numbers containers across the one subnet in host order from .2", () => {
    expect(["web", "web2", "api", "db"].map((id) => container(r, id)?.ips)).toEqual([["10.0.1.2"], ["10.0.1.3"], ["10.0.1.4"], ["10.0.1.5"]]);
  });

  it("routes the default through docker_gwbridge (eth1) and the overlay subnet on eth0", () => {
    expect(container(r, "api")).toMatchObject({
      addresses: ["10.0.1.4/24"], gateway: "172.18.0.1", mtu: 1450, interface: "eth0",
      routes: [
        { dst: "default", gateway: "172.18.0.1", dev: "eth1" },
        { dst: "10.0.1.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "10.0.1.4" },
        { dst: "172.18.0.0/16", dev: "eth1", protocol: "kernel", scope: "link", prefsrc: "172.18.0.3" },
      ],
    });
  });

  it("gives each host docker0 172.17.0.0/16 and docker_gwbridge 172.18.0.0/16 (gateway .1)", () => {
    expect(device(r, "w1", "docker0")?.addresses).toEqual(["172.17.0.1/16"]);
    expect(device(r, "w1", "docker_gwbridge")).toEqual({ name: "docker_gwbridge", kind: "bridge", addresses: ["172.18.0.1/16"], mtu: 1500 });
    expect(host(r, "w1")?.routes).toContainEqual({ dst: "172.18.0.0/16", dev: "docker_gwbridge", protocol: "kernel", scope: "link", prefsrc: "172.18.0.1" });
  });

  it("creates a VXLAN device per network with VNIs from 4096: ingress 4096, the network 4097", () => {
    expect(device(r, "m1", "vx-001000")).toMatchObject({ kind: "vxlan", vni: 4096, port: 4789, mtu: 1450, local: "192.168.1.2" });
    expect(device(r, "m1", "vx-001001")).toMatchObject({ kind: "vxlan", vni: 4097, port: 4789, mtu: 1450 });
    expect(device(r, "m1", "br-001001")).toMatchObject({ kind: "bridge", addresses: ["10.0.1.1/24"], mtu: 1450 });
  });

  it("keeps each network's bridge and VXLAN device in the network's own namespace 1-<id>, so the host has no overlay route", () => {
    const ingress = device(r, "m1", "br-001000")?.netns;
    const own = device(r, "m1", "br-001001")?.netns;
    expect(own).toMatch(/^1-[0-9a-z]{10}$/);
    expect(ingress).toMatch(/^1-[0-9a-z]{10}$/);
    expect(ingress).not.toBe(own);
    expect(device(r, "m1", "vx-001001")?.netns).toBe(own);
    // The same network has the same namespace name on every host, and the next analysis gives the same name.
    expect(device(r, "w2", "br-001001")?.netns).toBe(own);
    expect(device(run(), "m1", "br-001001")?.netns).toBe(own);
    expect(device(r, "m1", "docker_gwbridge")?.netns).toBeUndefined();
    expect(host(r, "m1")?.routes.filter((x) => x.dst.startsWith("10.0."))).toEqual([]);
  });

  it("forwards a published port to the container's docker_gwbridge address, which the host reaches", () => {
    const doc = {
      format: "topolab", version: 1, underlays: [{ id: "lan", cidr: "192.168.1.0/24" }], routers: [{ id: "gw", underlays: ["lan"] }],
      clusters: [{ id: "sw", orchestrator: "swarm", backend: { type: "docker-overlay" } }],
      hosts: [{ id: "m1", cluster: "sw", underlay: "lan" }, { id: "w1", cluster: "sw", underlay: "lan" }],
      containers: [{ id: "web", host: "m1", ports: [{ port: 80, publish: 8080 }] }, { id: "api", host: "w1", ports: [{ port: 8000 }] }],
      externals: [{ id: "internet", kind: "internet" }],
      flows: [{ id: "in", from: "internet", to: "web", port: 80 }, { id: "east", from: "web", to: "api", port: 8000 }],
    };
    const a = analyze(doc);
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
    const [inbound, east] = a.report.flows;
    expect(inbound?.reachable).toBe(true);
    expect(inbound?.path.find((p) => p.nat)).toMatchObject({ node: "m1", device: "docker_gwbridge", nat: "DNAT 192.168.1.2:8080 → 172.18.0.3:80" });
    expect(inbound?.path.at(-1)).toMatchObject({ node: "web", device: "eth1", action: "receives 80/tcp on eth1 (172.18.0.3)" });
    expect(inbound?.replyPath?.[0]?.action).toMatch(/^replies 172\.18\.0\.3:80\/tcp → /);
    // Between containers the overlay carries it, decapsulated into the peer's sandbox bridge.
    expect(east?.reachable).toBe(true);
    expect(east?.path.map((p) => p.device)).toEqual(["eth0", "vx-001001", undefined, "br-001001", "eth0"]);
  });

  it("encapsulates in VXLAN with MTU 1500 − 50 and opens 2377/tcp (managers), 7946/tcp+udp, 4789/udp", () => {
    expect(r.clusters[0]).toMatchObject({ encapsulation: "vxlan", overhead: 50, mtu: 1450, encryption: false, policy: false });
    expect(r.clusters[0]?.firewall.map((f) => [f.protocol, f.port, f.between])).toEqual([
      ["tcp", 2377, "managers"], ["tcp", 7946, "hosts"], ["udp", 7946, "hosts"], ["udp", 4789, "hosts"],
    ]);
    expect(diag(r, "VXLAN_PORT_UNTRUSTED")).toMatchObject([{ severity: "info", subjects: ["sw"] }]);
  });
});

describe("MTU", () => {
  it("stays 1450 on a 9000-byte host: Docker starts from 1500, not the NIC", () => {
    const r = run({ underlays: [{ id: "lan", cidr: "192.168.1.0/24", mtu: 9000 }] });
    expect(r.clusters[0]?.mtu).toBe(1450);
    expect(container(r, "web")?.mtu).toBe(1450);
    expect(diag(r, "OVERLAY_MTU_ABOVE_UNDERLAY")).toEqual([]);
  });

  it("encrypted: 1450 − 26 rounded down to a multiple of 4 = 1424, and ESP is opened", () => {
    const r = run({ backend: { encrypted: true } });
    expect(r.clusters[0]).toMatchObject({ mtu: 1424, overhead: 76, encryption: true });
    expect(r.clusters[0]?.firewall.at(-1)).toMatchObject({ protocol: "esp", between: "hosts" });
    expect(overlayMtu(9000, true)).toBe(8924);
    expect(overlayMtu(1400, true)).toBe(1324);
  });

  it("warns on a 1400-byte cloud underlay; the driver MTU option replaces the 1500 base", () => {
    const low = [{ id: "lan", cidr: "192.168.1.0/24", mtu: 1400 }];
    const r = run({ underlays: low });
    expect(diag(r, "OVERLAY_MTU_ABOVE_UNDERLAY")).toMatchObject([{ severity: "warning", subjects: ["sw", "m1", "w1", "w2"] }]);
    expect(diag(r, "OVERLAY_MTU_ABOVE_UNDERLAY")[0]?.message).toMatch(/com\.docker\.network\.driver\.mtu=1400 \(containers then get 1350\)/);
    const fixed = run({ underlays: low, backend: { mtu: 1400 } });
    expect(fixed.clusters[0]?.mtu).toBe(1350);
    expect(diag(fixed, "OVERLAY_MTU_ABOVE_UNDERLAY")).toEqual([]);
  });
});

describe("address pool options (vector 18)", () => {
  it("--default-addr-pool 10.20.0.0/16 --default-addr-pool-mask-length 26 gives 10.20.0.0/26, 10.20.0.64/26", () => {
    const r = run({ backend: { defaultAddrPool: "10.20.0.0/16", maskLength: 26 } });
    expect(r.clusters[0]?.pools).toEqual(["10.20.0.0/26", "10.20.0.64/26"]);
    expect(container(r, "web")?.addresses).toEqual(["10.20.0.66/26"]);
  });

  it("rejects a mask length above 29", () => {
    const r = run({ backend: { defaultAddrPool: "10.20.0.0/16", maskLength: 30 } });
    expect(diag(r, "POOL_INVALID")).toMatchObject([{ severity: "error", subjects: ["sw"] }]);
    expect(diag(r, "POOL_INVALID")[0]?.message).toMatch(/at most 29/);
    expect(r.clusters[0]?.pools).toEqual([]);
  });

  it("uses the network's own subnet after ingress, and refuses one overlapping ingress", () => {
    expect(run({ backend: { subnet: "10.50.0.0/24" } }).clusters[0]?.pools).toEqual(["10.0.0.0/24", "10.50.0.0/24"]);
    const clash = run({ backend: { subnet: "10.0.0.0/16" } });
    expect(diag(clash, "POOL_INVALID")[0]?.message).toMatch(/overlaps the ingress network 10\.0\.0\.0\/24/);
  });

  it("says when the pool has no network left after ingress", () => {
    const r = run({ backend: { defaultAddrPool: "10.9.0.0/24", maskLength: 24 } });
    expect(r.clusters[0]?.pools).toEqual(["10.9.0.0/24"]);
    expect(diag(r, "POOL_EXHAUSTED")).toHaveLength(1);
  });

  it("honours a pinned address and the data path port", () => {
    const r = run({ backend: { dataPathPort: 7789 }, containers: [{ id: "web", host: "m1" }, { id: "db", host: "w1", ip: "10.0.1.2" }] });
    expect(container(r, "db")?.ips).toEqual(["10.0.1.2"]);
    expect(container(r, "web")?.ips).toEqual(["10.0.1.3"]);
    expect(device(r, "w1", "vx-001001")?.port).toBe(7789);
    expect(r.clusters[0]?.firewall).toContainEqual(expect.objectContaining({ protocol: "udp", port: 7789 }));
  });

  it("moves docker0 and docker_gwbridge past a host network on 172.17.5.0/24", () => {
    const r = run({ underlays: [{ id: "lan", cidr: "172.17.5.0/24" }] });
    expect(device(r, "m1", "docker0")?.addresses).toEqual(["172.18.0.1/16"]);
    expect(device(r, "m1", "docker_gwbridge")?.addresses).toEqual(["172.19.0.1/16"]);
    expect(container(r, "web")?.gateway).toBe("172.19.0.1");
  });
});

describe("classic overlay", () => {
  it("needs a KV store and is removed in Docker 23.0", () => {
    const r = run({ orchestrator: "docker", backend: { mode: "classic" } });
    expect(diag(r, "KV_STORE_MISSING")).toMatchObject([{ severity: "error" }]);
    expect(diag(r, "CLASSIC_OVERLAY_REMOVED")).toMatchObject([{ severity: "warning" }]);
    expect(diag(r, "CLASSIC_OVERLAY_REMOVED")[0]?.message).toMatch(/20\.10.*23\.0.*swarm mode/);
  });

  it("has no ingress and no 2377; opens the KV store's port", () => {
    const r = run({ orchestrator: "docker", backend: { mode: "classic", kvStore: "consul://10.1.0.5:8500" } });
    expect(diag(r, "KV_STORE_MISSING")).toEqual([]);
    expect(r.clusters[0]?.pools).toEqual(["10.0.0.0/24"]);
    expect(r.clusters[0]?.firewall.map((f) => [f.protocol, f.port, f.between])).toEqual([
      ["tcp", 7946, "hosts"], ["udp", 7946, "hosts"], ["udp", 4789, "hosts"], ["tcp", 8500, "to-server"],
    ]);
  });

  it("needs kernel 3.16", () => {
    const r = run({ orchestrator: "docker", backend: { mode: "classic", kvStore: "etcd://10.1.0.5:2379" }, hosts: [{ id: "m1", kernel: "3.10" }, { id: "w1" }], containers: [] });
    expect(diag(r, "KERNEL_TOO_OLD")).toMatchObject([{ severity: "error", subjects: ["sw", "m1"] }]);
  });
});

describe("capabilities", () => {
  it("swarm: Swarm and Docker, not Kubernetes; no IPv6; encryption as configured; Raft", () => {
    const caps = dockerOverlay.capabilities({ type: "docker-overlay", mode: "swarm", defaultAddrPool: "10.0.0.0/8", maskLength: 24, encrypted: true, dataPathPort: 4789 });
    expect(caps).toMatchObject({ ipv6: false, orchestrators: ["swarm", "docker"], encryption: true, policy: false, crossHost: true });
    expect(caps.datastore).toMatch(/Raft/);
    expect(diag(run({ orchestrator: "kubernetes" }), "ORCHESTRATOR_UNSUPPORTED")).toHaveLength(1);
  });

  it("classic: Docker only, with a KV store", () => {
    const caps = dockerOverlay.capabilities({ type: "docker-overlay", mode: "classic", defaultAddrPool: "10.0.0.0/8", maskLength: 24, encrypted: false, dataPathPort: 4789 });
    expect(caps.orchestrators).toEqual(["docker"]);
    expect(caps.datastore).toMatch(/KV store/);
    expect(caps.minKernel?.version).toBe("3.16");
  });
});
