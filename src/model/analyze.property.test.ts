/**
 * Invariants over generated documents (fast-check): whatever a person draws, analyze() answers,
 * answers the same way twice, gives no address twice in one network, keeps every address inside
 * its subnet, and routes every other host's containers where the backend routes per host.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Addr, compareAddr, contains, parseCidr, parseIp } from "./addr/index.ts";
import { analyze } from "./analyze.ts";
import { backends } from "./backends/index.ts";
import type { BackendConfig } from "./document.ts";
import type { Report, Route } from "./report.ts";

const backendConfigs: fc.Arbitrary<Partial<BackendConfig>> = fc.oneof(
  ...Object.values(backends).map((b) => fc.constantFrom(...b.modes.map((m) => ({ type: b.type, mode: m.id }) as Partial<BackendConfig>))),
);

/** A drawing: one cluster on one to three underlays (joined by a router or not), some hosts and containers, some pins. */
const drawing = fc
  .record({
    backend: backendConfigs,
    orchestrator: fc.constantFrom("kubernetes", "docker", "swarm", "none"),
    ipFamily: fc.constantFrom("ipv4", "ipv4", "dual"),
    underlays: fc.integer({ min: 1, max: 3 }),
    router: fc.boolean(),
    dualStackUnderlays: fc.boolean(),
    hosts: fc.array(fc.record({ underlay: fc.nat(2), containers: fc.nat(6), pinHost: fc.boolean() }), { maxLength: 7 }),
    pinContainer: fc.option(fc.nat(250)),
  })
  .map((d) => {
    const underlays = Array.from({ length: d.underlays }, (_, i) => ({
      id: `lan${i}`, cidr: `192.168.${i + 1}.0/24`, ...(d.dualStackUnderlays ? { cidr6: `fd00:${i + 1}::/64` } : {}),
    }));
    const hosts = d.hosts.map((h, i) => {
      const underlay = h.underlay % d.underlays;
      return { id: `h${i}`, cluster: "c", underlay: `lan${underlay}`, ...(h.pinHost ? { ip: `192.168.${underlay + 1}.${100 + i}` } : {}) };
    });
    const containers = d.hosts.flatMap((h, i) =>
      Array.from({ length: h.containers }, (_, j) => ({ id: `h${i}c${j}`, host: `h${i}`, ports: [{ port: 80 + j }] })));
    if (d.pinContainer !== null && containers[0]) Object.assign(containers[0], { ip: `10.244.0.${d.pinContainer}` });
    return {
      format: "topolab", version: 1,
      underlays,
      routers: d.router && d.underlays > 1 ? [{ id: "r", underlays: underlays.map((u) => u.id) }] : [],
      clusters: [{ id: "c", orchestrator: d.orchestrator, ipFamily: d.ipFamily, backend: d.backend }],
      hosts,
      containers,
      flows: containers.length > 1 ? [{ from: containers[0]!.id, to: containers[containers.length - 1]!.id, port: 80 }] : [],
    };
  });

function reportOf(doc: unknown): Report {
  const r = analyze(doc);
  if (!r.ok) throw new Error(`generated an invalid document: ${JSON.stringify(r.errors)}`);
  return r.report;
}

function lookup(routes: Route[], addr: Addr): Route | undefined {
  let best: { route: Route; prefix: number } | undefined;
  for (const route of routes) {
    if (route.dst === "default" || route.type === "blackhole") continue;
    const dst = parseCidr(route.dst.includes("/") ? route.dst : `${route.dst}/${addr.family === 4 ? 32 : 128}`);
    if (dst.ok && contains(dst.value, addr) && (!best || dst.value.prefix > best.prefix)) best = { route, prefix: dst.value.prefix };
  }
  return best?.route;
}

const hasError = (report: Report, code: string) => report.diagnostics.some((d) => d.code === code);
const RUNS = { numRuns: 150 };

describe("analyze() over generated documents", () => {
  it("never throws, and gives the same report for the same document", () => {
    fc.assert(fc.property(drawing, (doc) => {
      const once = JSON.stringify(reportOf(doc));
      expect(JSON.stringify(reportOf(structuredClone(doc)))).toBe(once);
    }), RUNS);
  });

  it("gives no address twice within one network", () => {
    fc.assert(fc.property(drawing, (doc) => {
      const report = reportOf(doc);
      if (hasError(report, "DUPLICATE_ADDRESS")) return;
      const crossHost = report.clusters.every((c) => backends[c.backend as keyof typeof backends].capabilities(doc.clusters[0]!.backend as never).crossHost);
      // The plain bridge reuses 172.17.0.0/16 on every host behind NAT: there a network is one host.
      const scope = (c: Report["containers"][number]) => (crossHost ? c.cluster : c.host);
      const seen = new Map<string, string>();
      for (const c of report.containers) {
        for (const ip of c.ips) {
          const key = `${scope(c)} ${ip}`;
          expect(seen.get(key), `${ip} given to ${c.id} and ${seen.get(key)}`).toBeUndefined();
          seen.set(key, c.id);
        }
      }
    }), RUNS);
  });

  it("keeps every container address inside its cluster's pools and its interface's prefix", () => {
    fc.assert(fc.property(drawing, (doc) => {
      const report = reportOf(doc);
      if (hasError(report, "ADDRESS_OUTSIDE_SUBNET")) return;
      const cluster = report.clusters[0]!;
      const pools = cluster.pools.map((p) => parseCidr(p)).flatMap((r) => (r.ok ? [r.value] : []));
      for (const c of report.containers) {
        for (const text of c.ips) {
          const addr = parseIp(text);
          expect(addr.ok).toBe(true);
          if (!addr.ok) continue;
          expect(pools.some((p) => contains(p, addr.value)), `${text} of ${c.id} outside pools ${cluster.pools.join(", ")}`).toBe(true);
        }
        expect(c.addresses.map((a) => a.split("/")[0])).toEqual(expect.arrayContaining(c.ips));
        const host = report.hosts.find((h) => h.id === c.host)!;
        const subnets = host.subnets.map((s) => parseCidr(s)).flatMap((r) => (r.ok ? [r.value] : []));
        if (subnets.length === 0 || subnets.length < host.subnets.length) continue;
        for (const text of c.ips) {
          const addr = parseIp(text);
          if (!addr.ok || !subnets.some((s) => s.family === addr.value.family)) continue;
          expect(subnets.some((s) => contains(s, addr.value)), `${text} of ${c.id} outside ${host.id}'s ${host.subnets.join(", ")}`).toBe(true);
        }
      }
    }), RUNS);
  });

  it("routes every other host's container subnet on every host, where the backend routes per host", () => {
    fc.assert(fc.property(drawing, (doc) => {
      const report = reportOf(doc);
      const capabilities = backends[report.clusters[0]!.backend as keyof typeof backends].capabilities(doc.clusters[0]!.backend as never);
      if (!capabilities.crossHost || report.diagnostics.some((d) => d.severity === "error")) return;
      // On IPv4-only underlays IPv6 subnets cannot be routed between hosts, and the backend says so.
      const unroutable = report.diagnostics.some((d) => d.code === "UNDERLAY_FAMILY_MISSING") ? 6 : undefined;
      for (const a of report.hosts) {
        for (const b of report.hosts) {
          if (a === b) continue;
          for (const subnet of b.subnets) {
            if (a.subnets.includes(subnet)) continue; // a flat network spanning both hosts is not remote
            const net = parseCidr(subnet);
            if (!net.ok || net.value.family === unroutable) continue;
            const first: Addr = net.value.family === 4 ? { family: 4, value: net.value.base } : { family: 6, value: net.value.base };
            expect(lookup(a.routes, first), `${a.id} has no route to ${b.id}'s ${subnet}`).toBeDefined();
          }
        }
      }
    }), RUNS);
  });

  it("orders addresses within a host's subnet the way they were handed out", () => {
    fc.assert(fc.property(drawing, (doc) => {
      const report = reportOf(doc);
      if (report.diagnostics.some((d) => d.severity === "error") || doc.containers.some((c) => "ip" in c)) return;
      for (const h of report.hosts) {
        const ips = report.containers.filter((c) => c.host === h.id).map((c) => parseIp(c.ips[0]!)).flatMap((r) => (r.ok ? [r.value] : []));
        const sorted = [...ips].sort(compareAddr);
        expect(ips).toEqual(sorted);
      }
    }), RUNS);
  });
});

