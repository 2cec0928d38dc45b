/**
 * `topolab lab`: a self-contained bash script that builds a document's network on one Linux machine
 * in network namespaces, checks it against the model's report, and removes everything it made.
 *
 * What the script prints: one JSON object per line on stdout —
 *   {"note": …}                      what the lab decided that the report does not say;
 *   {"skip": what, "reason": …}      something the lab cannot build here (then it stops, exit 3);
 *   {"kernel": {"vxlan": true, …}}   the device kinds this kernel can create;
 *   {"setup_error": command, "error": …}  a command that failed while building;
 *   {"routes": node, "only_in": "model"|"kernel", "route": …}  a routing-table difference;
 *   {"flow": id, "from", "to", "port", "protocol", "predicted", "measured", "agree", "target", "probe"};
 *   {"summary": {…}, "result": "agree"|"disagree"|"setup-failure"}  last.
 *
 * Exit codes (LAB_EXIT): 0 everything agrees; 1 a route or a flow differs; 2 setup failure (not
 * root, a missing tool, a command that failed, the time bound hit); 3 skipped (the kernel lacks a
 * device kind the design needs, or the design needs a daemon or keys the lab does not fake).
 * Interrupted (Ctrl+C, TERM): 130 / 143, after the same cleanup.
 *
 * Safety: everything lives in namespaces named `tl-<pid>-…`, joined only by veth pairs among
 * themselves; the host's own interfaces, routes and firewall are never touched; every probe is
 * bounded (2 s connects, 1 s pings) and so is the whole run (TOPOLAB_LAB_TIMEOUT, default 120 s);
 * a trap on EXIT, INT and TERM kills the lab's processes and deletes every `tl-<pid>-` namespace.
 */
import type { Document } from "../model/document.ts";
import type { Report } from "../model/report.ts";
import { checkFlows, checkRoutes, flowProbe, startListeners } from "./checks.ts";
import { containerInterfaces, buildContainer } from "./containers.ts";
import { buildExternals, buildRouters, buildUnderlays, buildWan } from "./fabric.ts";
import { buildHost } from "./hosts.ts";
import { type LabIndex, labIndex } from "./lab-index.ts";
import { addNat } from "./nat.ts";
import { labNeeds } from "./needs.ts";
import { addRoutes } from "./routes.ts";
import { runtime } from "./runtime.ts";
import { ScriptBuilder } from "./script-builder.ts";
import { q } from "./shell.ts";

export const LAB_EXIT = { agree: 0, disagree: 1, setupFailure: 2, skipped: 3 } as const;

export interface LabOptions {
  /** Seconds the whole run may take (default 120); TOPOLAB_LAB_TIMEOUT overrides it when the script runs. */
  timeoutSeconds?: number;
}

export function labScript(doc: Document, report: Report, options: LabOptions = {}): string {
  const lab = labIndex(doc, report);
  const needs = labNeeds(lab);
  const out: string[] = ["#!/usr/bin/env bash", ...header(lab), runtime(options.timeoutSeconds ?? 120)];

  if (needs.unsupported.length > 0) {
    out.push("# ---- what this lab cannot build (never faked) ----");
    for (const u of needs.unsupported) out.push(`skip ${q(u.what)} ${q(u.reason)}`);
    out.push("finish_if_skipped", "");
    return out.join("\n");
  }

  const body = new ScriptBuilder();
  buildBody(body, lab);
  const text = body.lines.join("\n");
  const probes = report.flows.map((f) => flowProbe(lab, f));
  const tools = ["ip", "jq", "timeout", "sort", "comm", "awk", "ss"];
  if (/\bbridge -n\b/.test(text)) tools.push("bridge");
  if (text.includes(" nft -f ")) tools.push("nft");
  if (probes.some((p) => p.method === "icmp")) tools.push("ping");

  out.push(
    "# ---- preconditions ----",
    "require_root",
    `require_tools ${tools.join(" ")}`,
    ...(probes.some((p) => p.method !== "icmp") ? ["pick_listener"] : []),
    `ip netns list >/dev/null 2>&1 || fail_setup "ip netns does not work on this machine"`,
    "start_watchdog",
    `TMPD=$(mktemp -d) || fail_setup "mktemp failed"`,
    ...body.noteLines(),
    "",
    "# ---- the kernel's device kinds, probed once; a missing one the design needs skips the lab ----",
    "probe_kernel",
    ...needs.kernel.map((n) => `need_kind ${n.kind} ${q(n.what)}`),
    "finish_if_skipped",
    text,
  );
  const checks = new ScriptBuilder();
  startListeners(checks, probes);
  checkRoutes(checks, lab);
  checkFlows(checks, lab, probes);
  out.push(...checks.lines, "", "finish", "");
  return out.join("\n");
}

function buildBody(s: ScriptBuilder, lab: LabIndex): void {
  buildUnderlays(s, lab);
  const wan = buildWan(s, lab);
  buildRouters(s, lab, wan);
  buildExternals(s, lab, wan);
  for (const host of lab.report.hosts) buildHost(s, lab, host);
  for (const c of lab.report.containers) buildContainer(s, lab, c);
  s.section("routes, exactly as the report lists them (connected routes come from the addresses)");
  for (const host of lab.report.hosts) addRoutes(s, lab.hostSuffix.get(host.id) as string, host.routes);
  for (const c of lab.report.containers) addRoutes(s, lab.containerSuffix.get(c.id) as string, c.routes);
  s.section("published ports (DNAT) and masquerade, in each host namespace (nftables)");
  for (const host of lab.report.hosts) addNat(s, lab, host);
}

function header(lab: LabIndex): string[] {
  const map: string[] = [];
  const line = (suffix: string | undefined, what: string) => { if (suffix) map.push(`#   \${P}${suffix.padEnd(4)} ${what}`); };
  lab.report.underlays.forEach((u) => line(lab.underlaySuffix.get(u.id), `underlay ${u.id} ${u.cidr}`));
  lab.report.routers.forEach((r) => line(lab.routerSuffix.get(r.id), `router ${r.id}`));
  lab.doc.externals.forEach((e) => line(lab.externalSuffix.get(e.id), `external ${e.id} (${e.kind})`));
  lab.report.hosts.forEach((h) => {
    line(lab.hostSuffix.get(h.id), `host ${h.id} ${h.ip}`);
    for (const [netns, suffix] of lab.sandboxSuffix.get(h.id) ?? []) line(suffix, `host ${h.id}'s network namespace ${netns}`);
  });
  lab.report.containers.forEach((c) => line(lab.containerSuffix.get(c.id), `container ${c.id} ${c.ips.join(" ")} (${containerInterfaces(c).map((i) => i.name).join(", ")})`));
  return [
    `# Topolab lab: ${oneLine(lab.doc.name)}`,
    "# Generated by `topolab lab`. Run it as root on a Linux machine: it builds the design in network",
    "# namespaces named tl-<pid>-…, checks routes and flows against the model, and removes them on exit.",
    "# Output: one JSON object per line. Exit: 0 agree, 1 disagree, 2 setup failure, 3 skipped (130: Ctrl+C).",
    "# Namespaces (P = tl-<pid>-):",
    ...map,
  ];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ");
}
