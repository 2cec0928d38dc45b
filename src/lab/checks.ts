/**
 * What the lab checks once everything is built:
 * - routes: every host's and container's main table against the report (route-key.ts says
 *   exactly what is compared), IPv6 too wherever the node has an IPv6 address or route; each
 *   difference is a {"routes": node, "only_in": "model"|"kernel"} line;
 * - flows: each flow of the report is probed from its source namespace with a bounded TCP or UDP
 *   connect (2 s) to a listener the lab starts in the target container, which answers with a token
 *   naming that container; SCTP flows are probed with one ping (1 s) instead. A flow is measured
 *   reachable only when the right container answers. One {"flow": …} line per flow.
 *
 * Where the source aims: the flow's `target` in the report (the published host address and port, or
 * the container's own address); when the model stopped before knowing it, a published port of the
 * target, else the target's own address (IPv4 first, as the model picks it).
 */
import type { ContainerReport, FlowReport } from "../model/report.ts";
import type { LabIndex } from "./lab-index.ts";
import { routeKeys } from "./route-key.ts";
import type { ScriptBuilder } from "./script-builder.ts";
import { q } from "./shell.ts";

export interface FlowProbe {
  flow: FlowReport;
  /** Namespace suffixes of the source and the target container; undefined when the lab has none. */
  source: string | undefined;
  target: ContainerReport | undefined;
  targetNs: string | undefined;
  address: string;
  port: number;
  family: 4 | 6;
  method: "tcp" | "udp" | "icmp";
  token: string;
}

export function flowProbe(lab: LabIndex, flow: FlowReport): FlowProbe {
  const target = lab.report.containers.find((c) => c.id === flow.to);
  const targetNs = target ? lab.containerSuffix.get(target.id) : undefined;
  const fromContainer = lab.report.containers.find((c) => c.id === flow.from);
  const source = fromContainer ? lab.containerSuffix.get(fromContainer.id) : lab.externalSuffix.get(flow.from);
  const aim = aimOf(lab, flow, target, fromContainer);
  const method = flow.protocol === "tcp" || flow.protocol === "udp" ? flow.protocol : "icmp";
  return {
    flow, source, target, targetNs, address: aim.address, port: aim.port,
    family: aim.address.includes(":") ? 6 : 4,
    method, token: `tl-${targetNs ?? "none"}-${flow.port}-${flow.protocol}`,
  };
}

function aimOf(lab: LabIndex, flow: FlowReport, target: ContainerReport | undefined, from: ContainerReport | undefined): { address: string; port: number } {
  if (flow.target) return { address: flow.target.ip, port: flow.target.port };
  const mapping = lab.report.portMappings.find((m) => m.container === flow.to && m.port === flow.port && m.protocol === flow.protocol);
  if (mapping) return { address: mapping.hostIp, port: mapping.hostPort };
  const sourceHas4 = from ? from.ips.some((ip) => !ip.includes(":")) : true;
  const ips = target?.ips ?? [];
  const address = (sourceHas4 ? ips.find((ip) => !ip.includes(":")) : ips.find((ip) => ip.includes(":"))) ?? ips[0] ?? "0.0.0.0";
  return { address, port: flow.port };
}

/** One listener per target namespace, protocol, port and family. */
function listenersFor(probes: readonly FlowProbe[]): FlowProbe[] {
  const out = new Map<string, FlowProbe>();
  for (const p of probes) {
    if (p.method === "icmp" || !p.targetNs) continue;
    out.set(`${p.targetNs}|${p.method}|${p.flow.port}|${p.family}`, p);
  }
  return [...out.values()];
}

/** Starts the listeners (they boot while the routes are compared). */
export function startListeners(s: ScriptBuilder, probes: readonly FlowProbe[]): void {
  const listeners = listenersFor(probes);
  if (listeners.length === 0) return;
  s.section("listeners in the flows' target containers (each answers with a token naming its container)");
  for (const p of listeners) s.raw(`listen ${p.targetNs} ${p.method} ${p.flow.port} ${p.family} ${q(p.token)}`);
}

export function checkRoutes(s: ScriptBuilder, lab: LabIndex): void {
  s.section("checks: every host's and container's routing table against the report");
  // The host's own namespace holds the devices without a netns; their addresses say whether IPv6 is in play.
  const tables = [
    ...lab.report.hosts.map((h) => ({ id: h.id, suffix: lab.hostSuffix.get(h.id) as string, routes: h.routes, addresses: h.interfaces.filter((d) => d.netns === undefined).flatMap((d) => d.addresses) })),
    ...lab.report.containers.map((c) => ({ id: c.id, suffix: lab.containerSuffix.get(c.id) as string, routes: c.routes, addresses: [...c.addresses, ...c.routes.flatMap((r) => r.prefsrc ?? [])] })),
  ];
  for (const t of tables) {
    // IPv6 routes are compared wherever the node has an IPv6 address or route (the kernel adds routes for every IPv6 address).
    const v6 = t.addresses.some((a) => a.includes(":")) || t.routes.some((r) => r.dst.includes(":") || (r.gateway?.includes(":") ?? false)) ? "1" : "0";
    s.raw(`check_routes ${q(t.id)} ${t.suffix} ${v6} ${q(routeKeys(t.routes).join("\n"))}`);
  }
}

export function checkFlows(s: ScriptBuilder, lab: LabIndex, probes: readonly FlowProbe[]): void {
  if (probes.length === 0) return;
  s.section("checks: every flow, probed from its source (listeners answer with a token naming their container)");
  const listeners = listenersFor(probes);
  for (const p of listeners) s.raw(`wait_listening ${p.targetNs} ${p.method} ${p.flow.port}`);
  s.raw("PROBES=()");
  probes.forEach((p, i) => {
    if (!p.source) { s.comment(`flow ${p.flow.id}: its source has no namespace in the lab; measured unreachable`); return; }
    s.raw(`probe "$TMPD/flow${i}" ${p.source} ${p.method} ${q(p.address)} ${p.port} &`);
    s.raw(`PROBES+=("$!")`);
  });
  s.raw(`if [ "\${#PROBES[@]}" -gt 0 ]; then wait "\${PROBES[@]}"; fi`);
  probes.forEach((p, i) => {
    const f = p.flow;
    const expected = p.method === "icmp" ? "icmp" : p.token;
    const target = p.address.includes(":") ? `[${p.address}]:${p.port}` : `${p.address}:${p.port}`;
    s.raw(`report_flow ${q(f.id)} ${q(f.from)} ${q(f.to)} ${f.port} ${q(f.protocol)} ${f.reachable} "$TMPD/flow${i}" ${q(expected)} ${q(target)} ${p.method}`);
  });
}
