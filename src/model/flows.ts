/**
 * Reachability and the hop-by-hop path of each flow (DESIGN §4 flows). Whether the target is reached
 * by its own address or through a published port comes from flows/exposure.ts (shared with ports.ts);
 * the path itself from flows/trace.ts, which follows the backends' routing tables. A flow is reachable
 * when its reply comes back too (flows/reply.ts): a connection needs both directions.
 */
import { type Addr, formatIp } from "./addr/index.ts";
import type { Document, Flow } from "./document.ts";
import { formatFlowLabel } from "./flow-label.ts";
import { publishedTargetAddress } from "./flows/devices.ts";
import { type FlowSource, exposureOf, sourceName, targetAddress } from "./flows/exposure.ts";
import { type HostView, type NetworkIndex, hostAddressFor } from "./flows/network-index.ts";
import { traceReply } from "./flows/reply.ts";
import { type ContainerGoal, type HostNat, PacketTrace, publishedPortNat } from "./flows/trace.ts";
import { publishFix, styleOf } from "./ports.ts";
import type { Diagnostic, FlowReport, PortMappingReport } from "./report.ts";


export function analyzeFlows(doc: Document, network: () => NetworkIndex, portMappings: readonly PortMappingReport[], externalIps: ReadonlyMap<string, Addr>): { flows: FlowReport[]; diagnostics: Diagnostic[] } {
  if (doc.flows.length === 0) return { flows: [], diagnostics: [] };
  const index = network();
  index.attachExternalIps(externalIps);
  const published = new Map<string, PortMappingReport>();
  const holderOfHostPort = new Map<string, PortMappingReport>();
  for (const m of portMappings) {
    const key = `${m.container}|${m.port}|${m.protocol}`;
    if (!published.has(key)) published.set(key, m);
    const hostKey = `${m.host}|${m.protocol}|${m.hostPort}`;
    if (!holderOfHostPort.has(hostKey)) holderOfHostPort.set(hostKey, m);
  }
  const flows: FlowReport[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const flow of doc.flows) {
    const result = analyzeFlow(flow, index, published, holderOfHostPort);
    flows.push(result.report);
    if (!result.report.reachable && result.diagnose) {
      diagnostics.push({
        code: "FLOW_UNREACHABLE", severity: "error", subjects: [flow.id, flow.from, flow.to],
        message: `Flow ${result.label} ${result.replyLost ? "gets no reply" : "does not arrive"}: ${result.report.reason}`,
      });
    }
  }
  return { flows, diagnostics };
}

interface FlowResult {
  report: FlowReport;
  label: string;
  /** False when another diagnostic (PORT_NOT_PUBLISHED, HOST_PORT_CONFLICT) already explains the failure. */
  diagnose: boolean;
  /** The request arrives but its reply does not come back. */
  replyLost?: boolean;
}

function analyzeFlow(flow: Flow, index: NetworkIndex, published: Map<string, PortMappingReport>, holderOfHostPort: Map<string, PortMappingReport>): FlowResult {
  const base = { id: flow.id, from: flow.from, to: flow.to, port: flow.port, protocol: flow.protocol };
  const service = `${flow.port}/${flow.protocol}`;
  let label = formatFlowLabel(flow.from, flow.to, flow.port, flow.protocol);
  // Where the source aims, once known: every report from then on carries it.
  let aim: FlowReport["target"];
  const stop = (reason: string, path: FlowReport["path"] = [], diagnose = true): FlowResult => ({ report: { ...base, reachable: false, ...(aim ? { target: aim } : {}), reason, path }, label, diagnose });
  const done = (reachable: boolean, rest: Pick<FlowReport, "path" | "replyPath" | "reason">): FlowReport => ({ ...base, reachable, ...(aim ? { target: aim } : {}), ...rest });

  const target = index.container(flow.to);
  if (!target) return stop(`there is no container "${flow.to}".`);
  const targetHost = target.host;
  if (!targetHost) return stop(`${target.name}'s host has no address on its underlay, so ${target.name} is not on the network (see the underlay's diagnostics).`);
  if (target.addrs.length === 0) {
    return stop(`${target.name} has no address: cluster "${targetHost.cluster.name}" gave it none (see the cluster's diagnostics).`);
  }

  let source: FlowSource;
  const fromContainer = index.container(flow.from);
  if (fromContainer) {
    if (!fromContainer.host) return stop(`${fromContainer.name}'s host has no address on its underlay, so ${fromContainer.name} is not on the network.`);
    if (fromContainer.addrs.length === 0) return stop(`${fromContainer.name} has no address: its cluster gave it none (see the cluster's diagnostics).`);
    source = { kind: "container", view: fromContainer, host: fromContainer.host };
  } else {
    const external = index.externals.get(flow.from);
    if (!external) return stop(`there is no container or external endpoint "${flow.from}".`);
    source = { kind: "external", external };
  }
  label = formatFlowLabel(sourceName(source), target.name, flow.port, flow.protocol);

  let addr = targetAddress(target, source, index) as Addr;
  const exposure = exposureOf(source, target, targetHost, addr);
  let dst = addr;
  let dnat: HostNat | undefined;
  if (exposure.viaPublishedPort) {
    const mapping = published.get(`${target.id}|${flow.port}|${flow.protocol}`);
    if (!mapping) {
      const declared = target.doc.ports.findIndex((p) => p.port === flow.port && p.protocol === flow.protocol);
      return stop(`${exposure.why}, so ${service} must be published on ${targetHost.name}, and it is not. Fix: ${publishFix(target.doc, declared, flow.port, flow.protocol, targetHost)}.`, [], false);
    }
    // The host's address of the family the source sends in: its ip6 on a dual-stack underlay for an IPv6 client.
    const at = hostAddressFor(targetHost, sourceFamily(source, addr, index)) ?? targetHost.ip;
    aim = { ip: formatIp(at), port: mapping.hostPort, protocol: flow.protocol, via: "published" };
    const holder = holderOfHostPort.get(`${mapping.host}|${mapping.protocol}|${mapping.hostPort}`);
    if (holder && holder !== mapping) {
      const other = index.container(holder.container)?.name ?? holder.container;
      return stop(`${target.name}'s published ${mapping.hostPort}/${mapping.protocol} on ${targetHost.name} is held by ${other} first (HOST_PORT_CONFLICT). Fix: give ${target.name} another host port.`, [], false);
    }
    dst = at;
    addr = publishedTargetAddress(targetHost, target, addr);
    dnat = publishedPortNat(targetHost, at, mapping.hostPort, publishedHow(targetHost, at, target.name, mapping), { name: target.name, addr, port: flow.port });
  } else if (source.kind === "container" && !source.view.addrs.some((a) => a.family === addr.family)) {
    aim = { ip: formatIp(addr), port: flow.port, protocol: flow.protocol, via: "direct" };
    return stop(`${source.view.name} has no IPv${addr.family} address and ${target.name} has only IPv${addr.family}: they share no address family. Fix: make both clusters dual stack, or publish the port.`);
  }

  aim ??= { ip: formatIp(addr), port: flow.port, protocol: flow.protocol, via: "direct" };
  const goal: ContainerGoal = { kind: "container", view: target, host: targetHost, addr };
  const trace = new PacketTrace(index, { goal, port: flow.port, protocol: flow.protocol, ...(dnat ? { hostNat: dnat } : {}) });
  const outcome = source.kind === "container"
    ? trace.fromContainer(source.view, source.host, dst, masquerades(source.host, targetHost, exposure.viaPublishedPort))
    : trace.fromExternal(source.external.id, dst);
  if (!outcome.ok) return stop(`it stops at ${index.nodeName(outcome.stop)}: ${outcome.reason}`, trace.hops);
  const reply = traceReply(index, source, goal, flow.port, flow.protocol, trace);
  if (!reply) return { report: done(true, { path: trace.hops }), label, diagnose: false };
  if (reply.reason === undefined) return { report: done(true, { path: trace.hops, replyPath: reply.hops }), label, diagnose: false };
  return { report: done(false, { reason: reply.reason, path: trace.hops, replyPath: reply.hops }), label, diagnose: true, replyLost: true };
}

/** A container's packets leave its host masqueraded when they go to another cluster or to a published port. */
function masquerades(sourceHost: HostView, targetHost: HostView, viaPublishedPort: boolean): boolean {
  return viaPublishedPort || sourceHost.cluster !== targetHost.cluster;
}

/** The family a source sends in when it aims at a host: the target address's, unless the source has none of it. */
function sourceFamily(source: FlowSource, addr: Addr, index: NetworkIndex): 4 | 6 {
  if (source.kind === "container") return source.view.addrs.some((a) => a.family === addr.family) ? addr.family : source.view.addrs[0]?.family ?? addr.family;
  return index.externalIps.get(source.external.id)?.family ?? addr.family;
}

function publishedHow(host: HostView, at: Addr, containerName: string, m: PortMappingReport): string {
  const port = `${m.hostPort}/${m.protocol}`;
  switch (styleOf(host.cluster.result.context.cluster.orchestrator, m.hostPort)) {
    case "nodePort": return `NodePort ${port} (open on every node; ${host.name} is ${containerName}'s own node)`;
    case "swarm": return `routing-mesh port ${port} (open on every node; ${host.name} is ${containerName}'s own node)`;
    case "hostPort": return `hostPort ${port}`;
    case "docker": return `published port ${port} (${formatIp(at)})`;
  }
}
