/**
 * The packet tracer's reading of a flow report, without React or stores: the hops in order (the
 * request, then the reply), where an unreachable flow stops, its reason split from its fix, the
 * sentence announced for a hop, where the source aims, and the objects a person may want selected.
 */
import type { FlowHop, FlowReport } from "../../model/report.ts";
import type { HopTrace } from "../../store/selection-store.ts";

export interface TracedHop {
  hop: FlowHop;
  /** Position among all the hops, request then reply, from 0. */
  index: number;
  leg: "request" | "reply";
}

/** The request's hops, then the reply's. */
export function hopsOf(flow: FlowReport): TracedHop[] {
  const request = flow.path.map((hop, index): TracedHop => ({ hop, index, leg: "request" }));
  const reply = (flow.replyPath ?? []).map((hop, i): TracedHop => ({ hop, index: flow.path.length + i, leg: "reply" }));
  return [...request, ...reply];
}

/** The hop where an unreachable flow stops: the last one traced (of the reply when the request arrived). */
export function stopIndex(flow: FlowReport): number | undefined {
  const n = flow.path.length + (flow.replyPath?.length ?? 0);
  return flow.reachable || n === 0 ? undefined : n - 1;
}

/** The hop the tracer opens at: the first, or where an unreachable flow stops. */
export const startIndex = (flow: FlowReport) => stopIndex(flow) ?? 0;

/** The reason and the fix the model wrote after "Fix:", when it did. */
export function splitFix(reason: string): { why: string; fix?: string } {
  const at = reason.search(/\bFix:/);
  if (at < 0) return { why: reason.trim() };
  const why = reason.slice(0, at).trim();
  const fix = reason.slice(at + "Fix:".length).trim();
  return fix ? { why, fix } : { why };
}

/** The canvas's cursor for this flow at hop `current` (clamped to the hops there are). */
export function hopTraceOf(flow: FlowReport, current: number): HopTrace {
  const nodes = hopsOf(flow).map((h) => h.hop.node);
  const stop = stopIndex(flow);
  return { flow: flow.id, nodes, current: Math.max(0, Math.min(current, nodes.length - 1)), ...(stop !== undefined ? { stop } : {}) };
}

/** What the canvas highlights for a traced flow: the flow's edge and every node it passes. */
export const highlightOf = (flow: FlowReport) => [...new Set([flow.id, ...hopsOf(flow).map((h) => h.hop.node)])];

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether two traces draw the same thing on the canvas. */
export const sameTrace = (a: HopTrace, b: HopTrace) => a.flow === b.flow && a.current === b.current && a.stop === b.stop && sameList(a.nodes, b.nodes);

/** "VXLAN 192.168.1.11 → 192.168.1.12 port 8472, +50 B" */
export function encapsulationText(e: NonNullable<FlowHop["encapsulation"]>): string {
  return `${e.type.toUpperCase()} ${e.outerSrc} → ${e.outerDst}${e.port !== undefined ? ` port ${e.port}` : ""}, +${e.overhead} B`;
}

/** Where the source aims, "192.168.1.11:8080/tcp, the port published on the host" (IPv6 in brackets). */
export function targetText(target: NonNullable<FlowReport["target"]>): string {
  const ip = target.ip.includes(":") ? `[${target.ip}]` : target.ip;
  const how = target.via === "published" ? ", the port published on the host" : target.via === "direct" ? ", the container's own address" : "";
  return `${ip}:${target.port}/${target.protocol}${how}`;
}

/** The facts of a hop as label → value, in the order the tracer lists them. */
export function hopFacts(hop: FlowHop): [string, string][] {
  const facts: [string, string][] = [];
  if (hop.device) facts.push(["Device", hop.device]);
  if (hop.route) facts.push(["Route", hop.route]);
  if (hop.encapsulation) facts.push(["Encapsulation", encapsulationText(hop.encapsulation)]);
  if (hop.mtu !== undefined) facts.push(["MTU", String(hop.mtu)]);
  if (hop.nat) facts.push(["NAT", hop.nat]);
  return facts;
}

/** "Hop 3 of 7: node-2 — decapsulates it, then …", with "(reply)" on the way back and "stops here" at the end of an unreachable flow. */
export function hopSentence(flow: FlowReport, index: number, names: ReadonlyMap<string, string>): string {
  const hops = hopsOf(flow);
  const h = hops[index];
  if (!h) return "";
  const stop = stopIndex(flow) === index ? "; the packet stops here" : "";
  return `Hop ${index + 1} of ${hops.length}${h.leg === "reply" ? " (reply)" : ""}: ${names.get(h.hop.node) ?? h.hop.node} — ${h.hop.action}${stop}`;
}

/** What an unreachable flow concerns: where it stops, its source and its target. */
export function involvedIn(flow: FlowReport): string[] {
  const stop = stopIndex(flow);
  const at = stop === undefined ? undefined : hopsOf(flow)[stop]?.hop.node;
  return [...new Set([...(at ? [at] : []), flow.from, flow.to])];
}
