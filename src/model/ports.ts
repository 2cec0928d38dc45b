/**
 * Port publishing (DESIGN §4 portMappings): every container port with `publish` becomes a mapping on
 * its host's underlay address, "auto" takes the lowest free port of the orchestrator's range, clashes
 * on one host are errors, and flows that can only reach their target through a published port say so
 * when it is missing. Which flows need one comes from flows/exposure.ts, shared with the packet tracer.
 */
import type { Container, Document, Orchestrator, PortMapping } from "./document.ts";
import { formatFlowLabel } from "./flow-label.ts";
import { type FlowSource, exposureOf, sourceName, targetAddress } from "./flows/exposure.ts";
import type { HostView, NetworkIndex } from "./flows/network-index.ts";
import type { Diagnostic, PortMappingReport } from "./report.ts";


interface PortRange {
  first: number;
  last: number;
  label: string;
}

/** kube-apiserver --service-node-port-range default (BACKENDS.md §8). */
export const NODE_PORT_RANGE: PortRange = { first: 30000, last: 32767, label: "the NodePort range 30000–32767" };
/** swarmkit's allocator hands out published ports from 30000–32767 too (manager/allocator portallocator.go dynamicPortStart/End). */
export const SWARM_PORT_RANGE: PortRange = { first: 30000, last: 32767, label: "Swarm's dynamic range 30000–32767" };
/** dockerd picks from net.ipv4.ip_local_port_range, 32768–60999 on Linux by default. */
export const DOCKER_EPHEMERAL_RANGE: PortRange = { first: 32768, last: 60999, label: "Docker's ephemeral range 32768–60999" };

type Style = "nodePort" | "hostPort" | "swarm" | "docker";

/** How a publish is realised: under Kubernetes a port in the NodePort range (or "auto") is a NodePort Service, any other number a pod hostPort. */
export function styleOf(orchestrator: Orchestrator, publish: number | "auto"): Style {
  if (orchestrator === "kubernetes") {
    return publish === "auto" || (publish >= NODE_PORT_RANGE.first && publish <= NODE_PORT_RANGE.last) ? "nodePort" : "hostPort";
  }
  return orchestrator === "swarm" ? "swarm" : "docker";
}

/** NodePorts and Swarm's routing mesh open the port on every node of the cluster; the others on one host. */
const clusterWide = (style: Style) => style === "nodePort" || style === "swarm";

interface Claim {
  container: Container;
  host: HostView;
  index: number;
  style: Style;
  mapping: PortMappingReport;
}

const PROTOCOL_INDEX: Record<string, number> = { tcp: 0, udp: 1, sctp: 2 };

/** One number per host port and protocol, so the books are maps of numbers rather than of built strings. */
const slot = (protocol: string, port: number) => port * 3 + (PROTOCOL_INDEX[protocol] ?? 0);

function bookOf<T>(books: Map<string, Map<number, T>>, owner: string): Map<number, T> {
  let book = books.get(owner);
  if (!book) books.set(owner, (book = new Map()));
  return book;
}

function firstClaim(book: Map<number, Claim>, key: number, claim: Claim): void {
  if (!book.has(key)) book.set(key, claim);
}

/** Host ports already bound, per host and per cluster (for the cluster-wide styles), with the first claimant. */
class PortBook {
  private readonly onHost = new Map<string, Map<number, Claim>>();
  private readonly inCluster = new Map<string, Map<number, Claim>>();
  private readonly hostLocalInCluster = new Map<string, Map<number, Claim>>();
  /** Cluster-wide allocators (Kubernetes' bitmap) skip a number whatever its protocol. */
  private readonly clusterNumbers = new Map<string, Map<number, true>>();

  conflictFor(c: Omit<Claim, "mapping">, protocol: string, port: number): Claim | undefined {
    const cluster = c.host.cluster.id;
    const key = slot(protocol, port);
    const inCluster = this.inCluster.get(cluster)?.get(key);
    if (inCluster) return inCluster;
    return clusterWide(c.style) ? this.hostLocalInCluster.get(cluster)?.get(key) : this.onHost.get(c.host.id)?.get(key);
  }

  take(claim: Claim): void {
    const { protocol, hostPort } = claim.mapping;
    const cluster = claim.host.cluster.id;
    const key = slot(protocol, hostPort);
    if (clusterWide(claim.style)) {
      firstClaim(bookOf(this.inCluster, cluster), key, claim);
    } else {
      firstClaim(bookOf(this.onHost, claim.host.id), key, claim);
      firstClaim(bookOf(this.hostLocalInCluster, cluster), key, claim);
    }
    bookOf(this.clusterNumbers, cluster).set(hostPort, true);
  }

  isFree(c: Omit<Claim, "mapping">, protocol: string, port: number): boolean {
    if (clusterWide(c.style) && this.clusterNumbers.get(c.host.cluster.id)?.has(port)) return false;
    return this.conflictFor(c, protocol, port) === undefined;
  }
}

/** `network` builds the index on first call: a document that publishes nothing and has no flows pays only the scan below. */
export function planPorts(doc: Document, network: () => NetworkIndex): { mappings: PortMappingReport[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const book = new PortBook();
  const autos: Omit<Claim, "mapping">[] = [];
  const slots: (PortMappingReport | undefined)[] = [];
  const slotOf = new Map<Omit<Claim, "mapping">, number>();

  const containers = doc.containers;
  for (let c = 0; c < containers.length; c++) {
    const container = containers[c] as Container;
    // Most containers publish nothing: skip them before any lookup.
    if (!publishesAny(container)) continue;
    const host = network().hosts.get(container.host);
    if (!host) continue;
    const orchestrator = host.cluster.result.context.cluster.orchestrator;
    for (let i = 0; i < container.ports.length; i++) {
      const p = container.ports[i] as PortMapping;
      if (p.publish === undefined) continue;
      if (host.cluster.result.capabilities.containersOnUnderlay) {
        diagnostics.push(publishIgnored(container, host, p));
        continue;
      }
      const claim = { container, host, index: i, style: styleOf(orchestrator, p.publish) };
      if (p.publish === "auto") {
        slotOf.set(claim, slots.length);
        slots.push(undefined);
        autos.push(claim);
        continue;
      }
      const mapping = mappingOf(claim, p, p.publish, false);
      const clash = book.conflictFor(claim, p.protocol, p.publish);
      if (clash) {
        diagnostics.push(conflict(clash, withMapping(claim, mapping)));
        mapping.reason += ` It clashes with ${clash.container.name}'s ${clash.mapping.port}/${clash.mapping.protocol}, which holds ${p.publish}/${p.protocol} first.`;
      } else {
        book.take(withMapping(claim, mapping));
      }
      slots.push(mapping);
    }
  }

  // Automatic ports after every pinned one, in document order, so a pin never moves an "auto".
  const cursors = new Map<string, number>();
  for (const claim of autos) {
    const p = claim.container.ports[claim.index] as PortMapping;
    const range = rangeOf(claim.style);
    const scope = clusterWide(claim.style) ? claim.host.cluster.id : `${claim.host.id}|${p.protocol}`;
    let port = cursors.get(scope) ?? range.first;
    while (port <= range.last && !book.isFree(claim, p.protocol, port)) port++;
    cursors.set(scope, port);
    if (port > range.last) {
      diagnostics.push({
        code: "PORT_RANGE_EXHAUSTED", severity: "error", subjects: [claim.container.id, claim.host.id],
        message: `${claim.container.name}'s ${p.port}/${p.protocol} asks for an automatic host port, but ${range.label} has none left on ${claim.host.name}. Fix: pin a host port outside the range, or publish fewer ports.`,
      });
      continue;
    }
    const mapping = mappingOf(claim, p, port, true);
    book.take(withMapping(claim, mapping));
    slots[slotOf.get(claim) as number] = mapping;
  }
  const mappings = slots.filter((m): m is PortMappingReport => m !== undefined);

  if (doc.flows.length > 0) diagnostics.push(...flowPortDiagnostics(doc, network(), mappings));
  return { mappings, diagnostics };
}

function withMapping(c: Omit<Claim, "mapping">, mapping: PortMappingReport): Claim {
  return { container: c.container, host: c.host, index: c.index, style: c.style, mapping };
}

function publishesAny(container: Container): boolean {
  const ports = container.ports;
  for (let i = 0; i < ports.length; i++) if ((ports[i] as PortMapping).publish !== undefined) return true;
  return false;
}

function rangeOf(style: Style): PortRange {
  return style === "nodePort" || style === "hostPort" ? NODE_PORT_RANGE : style === "swarm" ? SWARM_PORT_RANGE : DOCKER_EPHEMERAL_RANGE;
}

function mappingOf(c: Omit<Claim, "mapping">, p: PortMapping, hostPort: number, auto: boolean): PortMappingReport {
  const { container, host } = c;
  const target = `${container.name}'s ${p.port}/${p.protocol}`;
  const at = `${host.report.ip}:${hostPort}`;
  const picked = auto ? ` (${hostPort} is the lowest free port of ${rangeOf(c.style).label})` : "";
  let reason: string;
  switch (c.style) {
    case "docker":
      reason = auto
        ? `docker run -p ${p.port}/${p.protocol}: Docker picks the host port${picked}; ${host.name} forwards ${at} to ${target}.`
        : `docker run -p ${hostPort}:${p.port}/${p.protocol}: ${host.name} forwards ${at} to ${target}.`;
      break;
    case "nodePort":
      reason = `A NodePort Service${picked}: every node of cluster "${host.cluster.name}" forwards ${hostPort}/${p.protocol} to ${target}; ${at} is ${container.name}'s own node.`;
      break;
    case "hostPort":
      reason = `hostPort ${hostPort} in the pod spec: only ${host.name} forwards ${at} to ${target}.`;
      break;
    case "swarm":
      reason = `docker service create --publish ${auto ? "" : `${hostPort}:`}${p.port}/${p.protocol}${picked}: the routing mesh opens ${hostPort}/${p.protocol} on every node of cluster "${host.cluster.name}"; ${at} is ${container.name}'s own node.`;
      break;
  }
  return { container: container.id, host: host.id, port: p.port, protocol: p.protocol, hostIp: host.report.ip, hostPort, reason };
}

function conflict(first: Claim, second: Claim): Diagnostic {
  const { hostPort, protocol } = second.mapping;
  const wide = clusterWide(first.style) || clusterWide(second.style);
  const where = wide ? `every node of cluster "${second.host.cluster.name}"` : `${second.host.name} (${second.host.report.ip})`;
  const subjects = [first.container.id, second.container.id, ...(first.host.id === second.host.id ? [second.host.id] : [first.host.id, second.host.id])];
  return {
    code: "HOST_PORT_CONFLICT", severity: "error", subjects,
    message: `${first.container.name} and ${second.container.name} both publish host port ${hostPort}/${protocol} on ${where}: only one can bind it, so ${second.container.name}'s ${second.mapping.port}/${protocol} is not reachable there. ` +
      `Fix: publish ${second.container.name}'s ${second.mapping.port}/${protocol} on another host port ("auto" or a free number).`,
  };
}

function publishIgnored(container: Container, host: HostView, p: PortMapping): Diagnostic {
  return {
    code: "PUBLISH_IGNORED", severity: "warning", subjects: [container.id, host.id],
    message: `${container.name} publishes ${p.port}/${p.protocol}, but the ${host.cluster.report.backend} backend puts containers on the underlay itself: there is no NAT to publish through, and the LAN reaches ${container.name} on ${p.port}/${p.protocol} directly. Fix: stop publishing ${container.name}'s port ${p.port}/${p.protocol} (remove its host port).`,
  };
}

/** A host port to suggest for a container port: 80 → 8080, 443 → 8443, unprivileged ports as they are. */
function suggestedHostPort(port: number): number {
  return port < 1024 ? port + 8000 : port;
}

/** PORT_NOT_PUBLISHED for flows that need a published port which is missing; PORT_NOT_DECLARED for flows to ports a container does not declare. */
function flowPortDiagnostics(doc: Document, index: NetworkIndex, mappings: readonly PortMappingReport[]): Diagnostic[] {
  const published = new Set(mappings.map((m) => `${m.container}|${m.port}|${m.protocol}`));
  const out: Diagnostic[] = [];
  for (const flow of doc.flows) {
    const target = index.container(flow.to);
    const targetHost = target?.host;
    if (!target || !targetHost) continue;
    let source: FlowSource | undefined;
    const fromContainer = index.container(flow.from);
    if (fromContainer) {
      if (fromContainer.host) source = { kind: "container", view: fromContainer, host: fromContainer.host };
    } else {
      const external = index.externals.get(flow.from);
      if (external) source = { kind: "external", external };
    }
    const addr = source && targetAddress(target, source, index);
    if (!source || !addr) continue;
    const declared = target.doc.ports.findIndex((p) => p.port === flow.port && p.protocol === flow.protocol);
    const label = `Flow ${formatFlowLabel(sourceName(source), target.name, flow.port, flow.protocol)}`;
    const exposure = exposureOf(source, target, targetHost, addr);
    if (exposure.viaPublishedPort) {
      if (published.has(`${target.id}|${flow.port}|${flow.protocol}`)) continue;
      out.push({
        code: "PORT_NOT_PUBLISHED", severity: "error", subjects: [flow.id, target.id, targetHost.id],
        message: `${label} needs ${flow.port}/${flow.protocol} published on ${targetHost.name}: ${exposure.why}. Fix: ${publishFix(target.doc, declared, flow.port, flow.protocol, targetHost)}.`,
      });
    } else if (declared < 0 && target.doc.ports.length > 0) {
      const list = target.doc.ports.map((p) => `${p.port}/${p.protocol}`).join(", ");
      out.push({
        code: "PORT_NOT_DECLARED", severity: "warning", subjects: [flow.id, target.id],
        message: `${label}: ${target.name} declares only ${list}, so nothing may listen on ${flow.port}/${flow.protocol}. Fix: add port ${flow.port}/${flow.protocol} to ${target.name}'s ports, or point the flow at a declared port.`,
      });
    }
  }
  return out;
}

export function publishFix(container: Container, declared: number, port: number, protocol: string, host: HostView): string {
  const kube = host.cluster.result.context.cluster.orchestrator === "kubernetes";
  const auto = kube ? `"auto" for a NodePort` : `"auto" for a free one`;
  if (declared >= 0) return `publish ${container.name}'s port ${port}/${protocol} on host port ${suggestedHostPort(port)}${kube ? " (a hostPort)" : ""}, or ${auto}`;
  return `add port ${port}/${protocol} to ${container.name}'s ports and publish it (${kube ? `"auto" for a NodePort` : `"auto" for a free host port`})`;
}
