import { describe, expect, it } from "vitest";
import { analyze } from "./analyze.ts";
import type { Diagnostic } from "./report.ts";

const lan = { id: "lan", name: "Rack LAN", cidr: "192.168.1.0/24" };

function diagnosticsOf(doc: object): Diagnostic[] {
  const r = analyze({ format: "topolab", version: 1, ...doc });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report.diagnostics;
}

function codes(doc: object): string[] {
  return diagnosticsOf(doc).map((d) => d.code);
}

function twoHosts(cluster: object, hostExtra: object = {}) {
  return {
    underlays: [lan],
    clusters: [{ id: "c", name: "prod", ...cluster }],
    hosts: [
      { id: "n1", cluster: "c", underlay: "lan", ...hostExtra },
      { id: "n2", cluster: "c", underlay: "lan", ...hostExtra },
    ],
  };
}

describe("diagnostics across clusters and capabilities", () => {
  it("a clean flannel design has no errors or warnings", () => {
    expect(diagnosticsOf(twoHosts({})).filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("a pool overlapping the underlay names both and says how to fix it", () => {
    const d = diagnosticsOf(twoHosts({ backend: { type: "flannel", network: "192.168.0.0/16" } })).find((x) => x.code === "POOL_OVERLAPS_UNDERLAY");
    expect(d).toMatchObject({ severity: "error", subjects: ["c", "lan"] });
    expect(d?.message).toContain("192.168.0.0/16");
    expect(d?.message).toContain("Choose a pool outside 192.168.1.0/24");
  });

  it("a pod pool overlapping the Kubernetes service range", () => {
    expect(codes(twoHosts({ backend: { type: "flannel", network: "10.96.0.0/16" } }))).toContain("POOL_OVERLAPS_SERVICE_RANGE");
    expect(codes(twoHosts({ orchestrator: "docker", backend: { type: "flannel", network: "10.96.0.0/16" } }))).not.toContain("POOL_OVERLAPS_SERVICE_RANGE");
  });

  it("a pool overlapping Docker's docker0 range on hosts that run Docker is a warning", () => {
    const d = diagnosticsOf(twoHosts({ orchestrator: "docker", backend: { type: "flannel", network: "172.17.0.0/16" } })).find((x) => x.code === "POOL_OVERLAPS_DOCKER_BRIDGE");
    expect(d?.severity).toBe("warning");
  });

  it("two clusters with overlapping pools", () => {
    const doc = {
      underlays: [lan],
      clusters: [{ id: "a" }, { id: "b", backend: { type: "flannel", network: "10.244.128.0/17" } }],
      hosts: [{ id: "n1", cluster: "a", underlay: "lan" }, { id: "n2", cluster: "b", underlay: "lan" }],
    };
    expect(diagnosticsOf(doc).find((d) => d.code === "POOL_OVERLAPS_CLUSTER")?.subjects).toEqual(["a", "b"]);
  });

  it("plain Docker bridges on different hosts may reuse 172.17.0.0/16", () => {
    const doc = {
      underlays: [lan],
      clusters: [{ id: "a", orchestrator: "docker", backend: { type: "bridge" } }, { id: "b", orchestrator: "docker", backend: { type: "bridge" } }],
      hosts: [{ id: "n1", cluster: "a", underlay: "lan" }, { id: "n2", cluster: "b", underlay: "lan" }],
    };
    expect(codes(doc)).not.toContain("POOL_OVERLAPS_CLUSTER");
  });

  it("a backend the orchestrator cannot use", () => {
    expect(codes(twoHosts({ orchestrator: "kubernetes", backend: { type: "docker-overlay" } }))).toContain("ORCHESTRATOR_UNSUPPORTED");
    expect(codes(twoHosts({ orchestrator: "kubernetes", backend: { type: "openvpn" } }))).toContain("ORCHESTRATOR_UNSUPPORTED");
    expect(codes(twoHosts({ orchestrator: "swarm", backend: { type: "docker-overlay" } }))).not.toContain("ORCHESTRATOR_UNSUPPORTED");
  });

  it("IPv6 on a backend without it", () => {
    const d = diagnosticsOf(twoHosts({ ipFamily: "ipv6", backend: { type: "weave" } })).find((x) => x.code === "IPV6_UNSUPPORTED");
    expect(d?.severity).toBe("error");
    expect(codes(twoHosts({ ipFamily: "dual", backend: { type: "calico", mode: "vxlan" } }))).not.toContain("IPV6_UNSUPPORTED");
  });

  it("an IPv6 MTU below 1280", () => {
    const doc = { ...twoHosts({ ipFamily: "dual", backend: { type: "flannel", mode: "wireguard" } }), underlays: [{ ...lan, mtu: 1340 }] };
    expect(diagnosticsOf(doc).find((d) => d.code === "IPV6_MTU_TOO_SMALL")?.message).toContain("1260");
    const ok = { ...twoHosts({ ipFamily: "dual", backend: { type: "flannel", mode: "wireguard" } }), underlays: [{ ...lan, mtu: 1360 }] };
    expect(codes(ok)).not.toContain("IPV6_MTU_TOO_SMALL");
  });

  it("hosts on underlays no router joins", () => {
    const doc = {
      underlays: [lan, { id: "lan2", cidr: "192.168.2.0/24" }],
      clusters: [{ id: "c" }],
      hosts: [{ id: "n1", cluster: "c", underlay: "lan" }, { id: "n2", cluster: "c", underlay: "lan2" }],
    };
    expect(codes(doc)).toContain("HOSTS_NOT_CONNECTED");
    expect(codes({ ...doc, routers: [{ id: "r", underlays: ["lan", "lan2"] }] })).not.toContain("HOSTS_NOT_CONNECTED");
  });

  it("overlapping underlays", () => {
    expect(codes({ underlays: [lan, { id: "lan2", cidr: "192.168.0.0/16" }] })).toContain("UNDERLAYS_OVERLAP");
  });

  it("overlapping IPv6 sides of dual-stack underlays, and an IPv6-only underlay inside another's cidr6", () => {
    const dual = [{ ...lan, cidr6: "fd00:1::/64" }, { id: "lan2", name: "Rack 2", cidr: "192.168.2.0/24", cidr6: "fd00:1::/48" }];
    const d = diagnosticsOf({ underlays: dual }).filter((x) => x.code === "UNDERLAYS_OVERLAP");
    expect(d).toMatchObject([{ severity: "error", subjects: ["lan", "lan2"] }]);
    expect(d[0]?.message).toBe('Underlays "Rack LAN" (fd00:1::/64) and "Rack 2" (fd00:1::/48) overlap: a router between them could not tell them apart. Give each LAN its own range.');
    expect(codes({ underlays: [{ ...lan, cidr6: "fd00:1::/64" }, { id: "v6", cidr: "fd00:1::/56" }] })).toContain("UNDERLAYS_OVERLAP");
    // Distinct IPv6 sides, and one underlay's own cidr and cidr6, never count.
    expect(codes({ underlays: [{ ...lan, cidr6: "fd00:1::/64" }, { id: "lan2", cidr: "192.168.2.0/24", cidr6: "fd00:2::/64" }] })).not.toContain("UNDERLAYS_OVERLAP");
  });

  it("an IPv6 pool overlapping a dual-stack underlay's cidr6", () => {
    const doc = { ...twoHosts({ ipFamily: "dual", backend: { type: "flannel", mode: "vxlan", ipv6Network: "fd00:1::/56" } }), underlays: [{ ...lan, cidr6: "fd00:1::/64" }] };
    const d = diagnosticsOf(doc).filter((x) => x.code === "POOL_OVERLAPS_UNDERLAY");
    expect(d).toMatchObject([{ severity: "error", subjects: ["c", "lan"] }]);
    expect(d[0]?.message).toBe('Cluster "prod"\'s container pool fd00:1::/56 overlaps underlay "Rack LAN" (fd00:1::/64): hosts would route those addresses to containers instead of the LAN. Choose a pool outside fd00:1::/64.');
    const clear = { ...doc, underlays: [{ ...lan, cidr6: "fd00:2::/64" }] };
    expect(codes(clear)).not.toContain("POOL_OVERLAPS_UNDERLAY");
    // macvlan containers live on the underlay's cidr6 by design.
    const macvlan = { ...twoHosts({ orchestrator: "docker", ipFamily: "dual", backend: { type: "macvlan" } }), underlays: [{ ...lan, cidr6: "fd00:1::/64" }] };
    expect(codes(macvlan)).not.toContain("POOL_OVERLAPS_UNDERLAY");
  });

  it("pinned host addresses outside the underlay or given twice", () => {
    expect(codes(twoHosts({}, { ip: "10.0.0.5" }))).toContain("ADDRESS_OUTSIDE_SUBNET");
    expect(codes(twoHosts({}, { ip: "192.168.1.20" }))).toContain("DUPLICATE_ADDRESS");
  });

  it("errors come before warnings and infos", () => {
    const severities = diagnosticsOf(twoHosts({ orchestrator: "kubernetes", backend: { type: "docker-overlay", mode: "classic" } })).map((d) => d.severity);
    expect(severities).toEqual([...severities].sort((a, b) => ["error", "warning", "info"].indexOf(a) - ["error", "warning", "info"].indexOf(b)));
    expect(severities[0]).toBe("error");
  });
});
