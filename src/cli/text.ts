/**
 * The report for a person reading a terminal: a title, then one aligned table per concern, in the
 * order a network is built (clusters, addresses, routes, firewall, ports, flows, diagnostics).
 */
import type { Document } from "../model/document.ts";
import { formatFdb, formatNeighbor, formatRoute } from "../model/format-route.ts";
import type { ContainerReport, Diagnostic, FlowHop, FlowReport, Interface, Report, Severity } from "../model/report.ts";
import { hostFdb, hostNeighbors } from "../model/vteps.ts";
import { type Cell, type Tone, paint, table } from "./table.ts";

const SEVERITY_TONE: Record<Severity, Tone> = { error: "red", warning: "yellow", info: "cyan" };

export function formatReportText(doc: Document, report: Report, color: boolean): string {
  const out: string[] = [];
  const section = (title: string, lines: string[]) => out.push("", paint(title, "bold", color), ...lines);
  const none = (what: string) => [`  ${paint(what, "dim", color)}`];

  out.push(paint(doc.name, "bold", color), "=".repeat(doc.name.length), summary(report));

  section("Clusters", report.clusters.length === 0 ? none("(no cluster)") : [
    ...table(
      ["CLUSTER", "BACKEND", "MODE", "POOLS", "ENCAPSULATION", "OVERHEAD", "MTU", "ENCRYPTION"],
      report.clusters.map((c) => [c.id, c.backend, c.mode, c.pools.join(", ") || "-", c.encapsulation, String(c.overhead), String(c.mtu), c.encryption ? "yes" : "no"]),
      color,
    ),
    ...report.clusters.flatMap((c) => c.notes.map((n) => `  ${paint(`note (${c.id}):`, "dim", color)} ${n}`)),
  ]);

  section("Address plan", report.hosts.length === 0 ? none("(no host)") : addressPlan(report, color));

  section("Routes per host", report.hosts.length === 0 ? none("(no host)") : report.hosts.flatMap((h) => {
    const neighbors = hostNeighbors(report, h);
    const fdb = hostFdb(report, h);
    return [
    `  ${paint(h.name, "bold", color)} (${h.ip6 === undefined ? h.ip : `${h.ip}, ${h.ip6}`})`,
    ...(h.interfaces.length > 0 ? [`    ${paint("devices:", "dim", color)}`, ...deviceLines(h.interfaces)] : []),
    `    ${paint("routes:", "dim", color)}`,
    ...h.routes.map((r) => `      ${formatRoute(r)}`),
      ...(neighbors.length > 0 ? [`    ${paint("neighbours:", "dim", color)}`, ...neighbors.map((n) => `      ${formatNeighbor(n)}`)] : []),
      ...(fdb.length > 0 ? [`    ${paint("fdb:", "dim", color)}`, ...fdb.map((f) => `      ${formatFdb(f)}`)] : []),
    ];
  }));

  const openings = report.clusters.flatMap((c) => c.firewall.map((f) => [c.id, f.protocol, f.port === undefined ? "-" : String(f.port), f.between, f.reason]));
  section("Firewall openings", openings.length === 0 ? none("(none needed)") : table(["CLUSTER", "PROTOCOL", "PORT", "BETWEEN", "REASON"], openings, color));

  section("Port mappings", report.portMappings.length === 0 ? none("(none)") : table(
    ["CONTAINER", "HOST", "PORT", "PUBLISHED ON", "REASON"],
    report.portMappings.map((m) => [m.container, m.host, `${m.port}/${m.protocol}`, `${m.hostIp}:${m.hostPort}`, m.reason]),
    color,
  ));

  section("Flows", report.flows.length === 0 ? none("(no flow)") : flowLines(report.flows, color));

  const routerRoutes = report.routers.flatMap((r) => r.routes.map((route) => [r.name, formatRoute(route), route.reason]));
  if (routerRoutes.length > 0) section("Router routes needed", table(["ROUTER", "ROUTE", "REASON"], routerRoutes, color));

  section("Diagnostics", report.diagnostics.length === 0 ? none("(none)") : table(["SEVERITY", "CODE", "SUBJECTS", "MESSAGE"], report.diagnostics.map((d) => diagnosticRow(d)), color));
  return `${out.join("\n")}\n`;
}

function summary(report: Report): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const bySeverity = (s: Severity) => report.diagnostics.filter((d) => d.severity === s).length;
  return [
    count(report.clusters.length, "cluster"),
    count(report.hosts.length, "host"),
    count(report.containers.length, "container"),
    count(report.flows.length, "flow"),
  ].join(", ") + ` — ${count(bySeverity("error"), "error")}, ${count(bySeverity("warning"), "warning")}`;
}

/** Hosts, their subnets and containers; an UNDERLAY IPV6 column only when some host is on a dual-stack underlay. */
function addressPlan(report: Report, color: boolean): string[] {
  const v6 = report.hosts.some((h) => h.ip6 !== undefined);
  const header = ["HOST", "CLUSTER", "UNDERLAY IP", ...(v6 ? ["UNDERLAY IPV6"] : []), "SUBNETS", "CONTAINER", "ADDRESSES"];
  return table(header, addressRows(report, v6), color);
}

function addressRows(report: Report, v6: boolean): Cell[][] {
  const byHost = new Map<string, ContainerReport[]>();
  for (const c of report.containers) {
    const list = byHost.get(c.host);
    if (list) list.push(c);
    else byHost.set(c.host, [c]);
  }
  return report.hosts.flatMap((h) => {
    const hostCells = [h.name, h.cluster, h.ip, ...(v6 ? [h.ip6 ?? "-"] : []), h.subnets.join(", ") || "-"];
    const blank = hostCells.map(() => "");
    const containers = byHost.get(h.id) ?? [];
    if (containers.length === 0) return [[...hostCells, "-", ""]];
    return containers.map((c, i) => [...(i === 0 ? hostCells : blank), c.name, c.addresses.join(", ") || "(no address)"]);
  });
}

function flowLines(flows: FlowReport[], color: boolean): string[] {
  const rows = flows.map((f) => [
    f.id, f.from, f.to, `${f.port}/${f.protocol}`,
    f.reachable ? { text: "yes", tone: "green" as const } : { text: "no", tone: "red" as const },
    f.reachable ? f.path.map((h) => h.node).join(" → ") : (f.reason ?? ""),
  ]);
  // Each flow's request hops, then its reply's (traced once the request arrives), under a "reply:" line.
  const hops = flows.flatMap((f) => f.path.length === 0 ? [] : [
    `  ${paint(f.id, "bold", color)}`,
    ...f.path.map((h) => `    ${hopText(h)}`),
    ...(f.replyPath && f.replyPath.length > 0 ? [`    ${paint("reply:", "dim", color)}`, ...f.replyPath.map((h) => `      ${hopText(h)}`)] : []),
  ]);
  return [...table(["FLOW", "FROM", "TO", "PORT", "REACHABLE", "PATH"], rows, color), ...(hops.length > 0 ? ["", ...hops] : [])];
}

/** "node1: forwards it … [un-DNAT 10.244.0.2:443 → 192.168.1.11:443 (conntrack)]": the action, and the rewrite it makes. */
function hopText(h: FlowHop): string {
  return h.nat === undefined ? `${h.node}: ${h.action}` : `${h.node}: ${h.action} [${h.nat}]`;
}

/** A host's devices, aligned: name, kind, addresses, MTU, then the tunnel facts that apply. */
function deviceLines(interfaces: Interface[]): string[] {
  const rows = interfaces.map((i) => [
    i.name, i.kind, i.addresses.join(", ") || "-", `mtu ${i.mtu}`,
    [
      i.vni !== undefined ? `vni ${i.vni}` : "", i.port !== undefined ? `port ${i.port}` : "", i.local !== undefined ? `local ${i.local}` : "",
      i.remote !== undefined ? `remote ${i.remote}` : "", i.peer !== undefined ? `peer ${i.peer}` : "",
      i.parent !== undefined ? `dev ${i.parent}` : "", i.mode !== undefined ? `mode ${i.mode}` : "", i.mac !== undefined ? `address ${i.mac}` : "",
      i.netns !== undefined ? `netns ${i.netns}` : "",
    ].filter(Boolean).join(" "),
  ]);
  // The header row of table() is dropped: the lines sit under "devices:" and read like `ip -d link`.
  return table(["", "", "", "", ""], rows, false, "      ").slice(1);
}

function diagnosticRow(d: Diagnostic): Cell[] {
  return [{ text: d.severity, tone: SEVERITY_TONE[d.severity] }, d.code, d.subjects.join(", ") || "-", d.message];
}
