/**
 * The report as a Markdown file, for a design review or a wiki: the address plan, routes per host
 * (as `ip route` prints them, in code blocks), firewall openings, port mappings, flows with their
 * hop-by-hop paths, and diagnostics — the CLI's text report, in Markdown.
 *
 * Everything a person typed (names, the description) and every sentence of the report is escaped
 * for Markdown *and* HTML, so a name like `<img src=x onerror=…>` reads as text in any renderer and
 * never becomes markup. Routes sit in fenced code blocks, whose content is literal.
 *
 * Pure: (document, report) → string.
 */
import type { Document } from "../model/document.ts";
import { formatFdb, formatNeighbor, formatRoute } from "../model/format-route.ts";
import type { ContainerReport, FlowHop, Report, Severity } from "../model/report.ts";
import { hostFdb, hostNeighbors } from "../model/vteps.ts";
import { fileSlug } from "./json-file.ts";

/** HTML's special characters as entities, Markdown's as backslash escapes; line breaks become spaces. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~#]/g, "\\$&")
    .replace(/^(\s*)([-=+])/, "$1\\$2") // a line start that would make a list item or a heading underline
    .replace(/^(\s*\d+)([.)])/, "$1\\$2"); // … or an ordered list item
}

/** A paragraph of free text (the description): escaped line by line, blank lines kept as paragraph breaks. */
function escapeParagraphs(text: string): string[] {
  return text
    .split(/\r\n?|\n/)
    .map((line) => (line.trim() === "" ? "" : escapeMarkdown(line.trim())));
}

/** An inline code span that holds any text: a fence longer than the longest run of backticks inside. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block that holds any lines. */
/** A titled part of a code block, or nothing when it has no lines. */
function withHeading(heading: string, lines: string[]): string[] {
  return lines.length > 0 ? ["", heading, ...lines] : [];
}

function codeBlock(lines: string[]): string[] {
  const longest = Math.max(2, ...lines.flatMap((l) => [...l.matchAll(/`+/g)].map((m) => m[0].length)));
  const fence = "`".repeat(longest + 1);
  return [`${fence}text`, ...lines, fence];
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map((c) => c || " ").join(" | ")} |`)];
}

const SEVERITY_WORD: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Info" };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function markdownReport(doc: Document, report: Report): string {
  const names = new Map<string, string>();
  for (const list of [doc.underlays, doc.routers, doc.clusters, doc.hosts, doc.containers, doc.externals]) for (const o of list) names.set(o.id, o.name);
  /** An object's name, escaped; its id when it has none. */
  const name = (id: string) => escapeMarkdown(names.get(id) ?? id);
  const md = escapeMarkdown;

  const out: string[] = [`# ${md(doc.name)}`, ""];
  if (doc.description) out.push(...escapeParagraphs(doc.description), "");
  const count = (s: Severity) => report.diagnostics.filter((d) => d.severity === s).length;
  out.push(
    `${plural(report.clusters.length, "cluster")}, ${plural(report.hosts.length, "host")}, ${plural(report.containers.length, "container")}, ${plural(report.flows.length, "flow")} — ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}.`,
    "",
    "_Made with Topolab from the document's analysis (report format `topolab-report`, version 1)._",
  );
  const section = (title: string, lines: string[]) => out.push("", `## ${title}`, "", ...lines);
  const none = (what: string) => [`_${what}_`];

  section("Clusters", report.clusters.length === 0 ? none("No cluster.") : [
    ...table(
      ["Cluster", "Backend", "Mode", "Pools", "Encapsulation", "Overhead", "MTU", "Encryption"],
      report.clusters.map((c) => [name(c.id), md(c.backend), md(c.mode), c.pools.map(code).join(", ") || "–", md(c.encapsulation), `${c.overhead} B`, String(c.mtu), c.encryption ? "yes" : "no"]),
    ),
    ...report.clusters.flatMap((c) => c.notes.map((n) => `- Note (${name(c.id)}): ${md(n)}`)).flatMap((l, i) => (i === 0 ? ["", l] : [l])),
  ]);

  const byHost = new Map<string, ContainerReport[]>();
  for (const c of report.containers) byHost.set(c.host, [...(byHost.get(c.host) ?? []), c]);
  section("Address plan", [
    ...(report.underlays.length === 0 ? [] : [
      ...table(
        ["Underlay", "CIDR", "Gateway", "MTU"],
        report.underlays.map((u) => [name(u.id), [u.cidr, u.cidr6].filter(Boolean).map((x) => code(x!)).join(", "), [u.gateway, u.gateway6].filter(Boolean).map((x) => code(x!)).join(", "), String(u.mtu)]),
      ),
      "",
    ]),
    ...(report.hosts.length === 0 ? none("No host.") : table(
      ["Host", "Cluster", "Underlay IP", "Subnets", "Container", "Addresses"],
      report.hosts.flatMap((h) => {
        const hostCells = [md(h.name), name(h.cluster), [h.ip, h.ip6].filter(Boolean).map((x) => code(x!)).join(", "), h.subnets.map(code).join(", ") || "–"];
        const containers = byHost.get(h.id) ?? [];
        if (containers.length === 0) return [[...hostCells, "–", ""]];
        return containers.map((c, i) => [...(i === 0 ? hostCells : ["", "", "", ""]), md(c.name), c.addresses.map(code).join(", ") || "(no address)"]);
      }),
    )),
  ]);

  section("Routes per host", report.hosts.length === 0 ? none("No host.") : report.hosts.flatMap((h) => [
    `### ${md(h.name)} (${h.ip})`,
    "",
    ...codeBlock([
      ...h.routes.map(formatRoute),
      ...withHeading("# ip neigh", hostNeighbors(report, h).map(formatNeighbor)),
      ...withHeading("# bridge fdb", hostFdb(report, h).map(formatFdb)),
    ]),
    "",
  ]).slice(0, -1));

  const containersWithRoutes = report.containers.filter((c) => c.routes.length > 0);
  if (containersWithRoutes.length > 0) {
    section("Routes per container", containersWithRoutes.flatMap((c) => [`### ${md(c.name)} (${c.ips.join(", ") || "no address"}, MTU ${c.mtu})`, "", ...codeBlock(c.routes.map(formatRoute)), ""]).slice(0, -1));
  }

  const routerRoutes = report.routers.flatMap((r) => r.routes.map((route) => [md(r.name), code(formatRoute(route)), md(route.reason)]));
  if (routerRoutes.length > 0) section("Routes the routers need", table(["Router", "Route", "Why"], routerRoutes));

  const openings = report.clusters.flatMap((c) => c.firewall.map((f) => [name(c.id), f.protocol.toUpperCase(), f.port === undefined ? "–" : String(f.port), md(f.between), md(f.reason)]));
  section("Firewall openings", openings.length === 0 ? none("None needed.") : table(["Cluster", "Protocol", "Port", "Between", "Why"], openings));

  section("Port mappings", report.portMappings.length === 0 ? none("None.") : table(
    ["Container", "Host", "Port", "Published on", "Why"],
    report.portMappings.map((m) => [name(m.container), name(m.host), `${m.port}/${m.protocol}`, code(`${m.hostIp}:${m.hostPort}`), md(m.reason)]),
  ));

  const hop = (h: FlowHop, i: number) => `${i + 1}. **${name(h.node)}**: ${md(h.action)}${h.route ? ` (route ${code(h.route)})` : ""}`;
  section("Flows", report.flows.length === 0 ? none("No flow.") : [
    ...table(
      ["From", "To", "Port", "Reachable", "Why not"],
      report.flows.map((f) => [name(f.from), name(f.to), `${f.port}/${f.protocol}`, f.reachable ? "yes" : "**no**", f.reachable ? "" : md(f.reason ?? "")]),
    ),
    ...report.flows.flatMap((f) => [
      "",
      `### ${name(f.from)} → ${name(f.to)}, ${f.port}/${f.protocol}${f.reachable ? "" : " (does not get through)"}`,
      "",
      ...(f.path.length === 0 ? none("No path.") : f.path.map(hop)),
      ...(f.replyPath && f.replyPath.length > 0 ? ["", "Reply:", "", ...f.replyPath.map(hop)] : []),
    ]),
  ]);

  section("Diagnostics", report.diagnostics.length === 0 ? none("None.") : report.diagnostics.map((d) =>
    `- **${SEVERITY_WORD[d.severity]}** ${code(d.code)}${d.subjects.length > 0 ? ` (${d.subjects.map(name).join(", ")})` : ""}: ${md(d.message)}`,
  ));
  return `${out.join("\n")}\n`;
}

/** "Flannel VXLAN across three hosts" → "flannel-vxlan-across-three-hosts.report.md". */
export function markdownFileName(doc: Document): string {
  return `${fileSlug(doc.name)}.report.md`;
}
