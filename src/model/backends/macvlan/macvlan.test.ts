import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.ts";
import type { Report } from "../../report.ts";
import { stableMac } from "../common.ts";
import { macvlan } from "./index.ts";

function doc(o: { kind?: string; kernel?: string; orchestrator?: string; mtu?: number } = {}) {
  return {
    format: "topolab", version: 1,
    underlays: [{ id: "lan", cidr: "192.168.1.0/24", kind: o.kind ?? "lan", mtu: o.mtu ?? 1500 }],
    clusters: [{ id: "k", orchestrator: o.orchestrator ?? "docker", backend: { type: "macvlan" } }],
    hosts: [{ id: "n1", cluster: "k", underlay: "lan", kernel: o.kernel ?? "6.1" }, { id: "n2", cluster: "k", underlay: "lan", kernel: o.kernel ?? "6.1" }],
    containers: [{ id: "web", host: "n1" }, { id: "db", host: "n2" }],
  };
}

function run(input: unknown): Report {
  const r = analyze(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

describe("macvlan bridge on eth0 192.168.1.0/24 (vector 23)", () => {
  it("puts containers on 192.168.1.x/24 with gateway 192.168.1.1, after the hosts", () => {
    const r = run(doc());
    expect(r.containers.map((c) => [c.id, c.addresses, c.gateway])).toEqual([
      ["web", ["192.168.1.4/24"], "192.168.1.1"],
      ["db", ["192.168.1.5/24"], "192.168.1.1"],
    ]);
    expect(r.containers[0]?.routes[0]).toEqual({ dst: "default", gateway: "192.168.1.1", dev: "eth0" });
    expect(r.hosts.map((h) => h.subnets)).toEqual([["192.168.1.4–192.168.1.4"], ["192.168.1.5–192.168.1.5"]]);
  });

  it("gives each container its own MAC on a macvlan device of eth0 in bridge mode", () => {
    const [web, db] = run(doc()).containers;
    expect(web?.device).toEqual({ name: "eth0", kind: "macvlan", addresses: ["192.168.1.4/24"], mtu: 1500, parent: "eth0", mode: "bridge", mac: stableMac("web") });
    expect(db?.device?.mac).not.toBe(web?.device?.mac);
    // Locally administered, unicast: the second bit of the first octet set, the first clear.
    expect(Number.parseInt(web?.device?.mac?.slice(0, 2) ?? "0", 16) & 3).toBe(2);
  });

  it("has no encapsulation, no ports to open, and the parent's MTU", () => {
    expect(run(doc({ mtu: 9000 })).clusters[0]).toMatchObject({
      backend: "macvlan", mode: "bridge", encapsulation: "none", overhead: 0, mtu: 9000, firewall: [], encryption: false, pools: ["192.168.1.0/24"],
    });
  });

  it("notes that the host cannot reach its containers and that the parent goes promiscuous", () => {
    const notes = run(doc()).clusters[0]?.notes ?? [];
    expect(notes.some((n) => n.includes("cannot reach their own host") && n.includes("bridge mode"))).toBe(true);
    expect(notes.some((n) => n.includes("promiscuous"))).toBe(true);
  });

  it("is an error on a cloud underlay, pointing at ipvlan l2 or an overlay", () => {
    const d = run(doc({ kind: "cloud" })).diagnostics.find((x) => x.code === "MACVLAN_ON_CLOUD");
    expect(d).toMatchObject({ severity: "error", subjects: ["k", "lan"] });
    expect(d?.message).toContain("most cloud providers block macvlan");
    expect(d?.message).toContain("ipvlan l2");
    expect(run(doc()).diagnostics.map((x) => x.code)).not.toContain("MACVLAN_ON_CLOUD");
  });

  it("needs Linux 3.9 under Docker", () => {
    expect(run(doc({ kernel: "3.8" })).diagnostics.find((x) => x.code === "KERNEL_TOO_OLD")?.subjects).toEqual(["n1", "n2"]);
    expect(run(doc({ kernel: "3.9" })).diagnostics.map((x) => x.code)).not.toContain("KERNEL_TOO_OLD");
  });

  it("declares containers on the underlay, IPv6, no datastore", () => {
    expect(macvlan.capabilities({ type: "macvlan", mode: "bridge", parent: "eth0" })).toMatchObject({
      ipv6: true, orchestrators: ["docker", "swarm", "kubernetes", "none"], encryption: false, policy: false,
      datastore: "none (local IPAM per host)", containersOnUnderlay: true, crossHost: true,
    });
  });
});
