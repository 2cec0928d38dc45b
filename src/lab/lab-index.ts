/**
 * Lookups the lab generator shares: which namespace stands for which object of the document, the
 * underlay each host sits on, and the host-side devices that belong to one container (Calico's cali*
 * veths). Namespace suffixes are short and index-based (`h1`, `c2`, `u1`…): interface and namespace
 * names stay valid whatever the ids are; the script's header maps them back to the ids.
 */
import { type Cidr, contains, formatIp, parseIp } from "../model/addr/index.ts";
import { networkOf } from "../model/flows/route-lookup.ts";
import type { Document } from "../model/document.ts";
import type { ClusterReport, ContainerReport, HostReport, Interface, Report, RouterReport, UnderlayReport } from "../model/report.ts";
import { planUnderlays } from "../model/underlay.ts";
import { normaliseDst } from "./route-key.ts";

export const UNDERLAY_BRIDGE = "br0";

export interface LabIndex {
  doc: Document;
  report: Report;
  underlaySuffix: Map<string, string>;
  hostSuffix: Map<string, string>;
  containerSuffix: Map<string, string>;
  routerSuffix: Map<string, string>;
  externalSuffix: Map<string, string>;
  underlays: Map<string, UnderlayReport>;
  hosts: Map<string, HostReport>;
  clusters: Map<string, ClusterReport>;
  /** Underlay addresses of externals that sit on an underlay (the report does not list them). */
  externalIps: Map<string, string>;
  /** host id → host-side veth name → the container it belongs to (a /32 route points at the container). */
  containerVeths: Map<string, Map<string, string>>;
  /** host id → a device's netns (Docker overlay's network sandbox) → the lab namespace standing for it (`h1n1`…). */
  sandboxSuffix: Map<string, Map<string, string>>;
}

export function labIndex(doc: Document, report: Report): LabIndex {
  const suffixes = <T extends { id: string }>(xs: readonly T[], letter: string) => new Map(xs.map((x, i) => [x.id, `${letter}${i + 1}`]));
  const plan = planUnderlays(doc);
  const externalIps = new Map<string, string>();
  for (const [id, addr] of plan.externalIps) externalIps.set(id, formatIp(addr));
  const index: LabIndex = {
    doc, report,
    underlaySuffix: suffixes(report.underlays, "u"),
    hostSuffix: suffixes(report.hosts, "h"),
    containerSuffix: suffixes(report.containers, "c"),
    routerSuffix: suffixes(report.routers, "r"),
    externalSuffix: suffixes(doc.externals, "x"),
    underlays: new Map(report.underlays.map((u) => [u.id, u])),
    hosts: new Map(report.hosts.map((h) => [h.id, h])),
    clusters: new Map(report.clusters.map((c) => [c.id, c])),
    externalIps,
    containerVeths: new Map(),
    sandboxSuffix: new Map(),
  };
  for (const host of report.hosts) {
    index.containerVeths.set(host.id, containerVethsOf(host, report.containers.filter((c) => c.host === host.id)));
    const sandboxes = new Map<string, string>();
    for (const d of host.interfaces) {
      if (d.netns !== undefined && !sandboxes.has(d.netns)) sandboxes.set(d.netns, `${index.hostSuffix.get(host.id) as string}n${sandboxes.size + 1}`);
    }
    index.sandboxSuffix.set(host.id, sandboxes);
  }
  return index;
}

/** The lab namespace a host's device lives in: the host's own, or the one standing for its netns. */
export function deviceSuffix(lab: LabIndex, host: HostReport, dev: Interface | undefined): string {
  const own = lab.hostSuffix.get(host.id) as string;
  return dev?.netns === undefined ? own : lab.sandboxSuffix.get(host.id)?.get(dev.netns) ?? own;
}

function containerVethsOf(host: HostReport, containers: readonly ContainerReport[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const dev of host.interfaces) {
    if (dev.kind !== "veth") continue;
    for (const route of host.routes) {
      if (route.dev !== dev.name || route.gateway !== undefined || route.type !== undefined) continue;
      const dst = normaliseDst(route.dst);
      const owner = containers.find((c) => c.ips.includes(dst));
      if (owner) { out.set(dev.name, owner.id); break; }
    }
  }
  return out;
}

/** "10.244.0.2/24" → the network it sits on (10.244.0.0/24); "10.244.0.2" → its /32. */
export function networkOfAddress(address: string): Cidr | undefined {
  return networkOf(address);
}

/** Whether an interface's own addresses put `ip` on its link (the subnet of one of them holds it). */
export function interfaceHolds(dev: Interface, ip: string): boolean {
  const addr = parseIp(ip.split("/")[0] ?? "");
  if (!addr.ok) return false;
  return dev.addresses.some((a) => {
    const net = networkOfAddress(a);
    return net !== undefined && net.prefix < (net.family === 4 ? 32 : 128) && contains(net, addr.value);
  });
}

export function isBridgeKind(dev: Interface): boolean {
  return dev.kind === "bridge" || dev.kind === "ovs";
}

export function isTunnelKind(dev: Interface): boolean {
  return dev.kind === "vxlan" || dev.kind === "gre" || dev.kind === "geneve" || dev.kind === "ipip";
}

export function routersOn(report: Report, underlayId: string): RouterReport[] {
  return report.routers.filter((r) => r.addresses.some((a) => a.underlay === underlayId));
}

export function prefixOf(cidr: string): string {
  return cidr.slice(cidr.indexOf("/") + 1);
}
