/**
 * The one device the lab adds that the report does not list. Weave fastdp keeps its VXLAN port
 * inside the Open vSwitch datapath, so its host report holds the datapath (kind "ovs", with the VXLAN
 * port's UDP port, 6784) but no VXLAN device. The lab stands in a plain Linux VXLAN device on that datapath (a Linux bridge here), which
 * floods to every other host of the cluster and learns MACs: the flat L2 network the design describes.
 * It is added only for a cluster that encapsulates with VXLAN and whose host has no tunnel device.
 */
import type { HostReport, Interface } from "../model/report.ts";
import { type LabIndex, interfaceHolds, isBridgeKind, isTunnelKind } from "./lab-index.ts";

export const LAB_TUNNEL_NAME = "tlvx0";
export const LAB_TUNNEL_VNI = 1;

export interface LabTunnel {
  /** The bridge the stand-in joins. */
  master: Interface;
  port: number;
  peers: string[];
}

export function labTunnelFor(lab: LabIndex, host: HostReport): LabTunnel | undefined {
  const cluster = lab.clusters.get(host.cluster);
  if (!cluster || cluster.encapsulation !== "vxlan") return undefined;
  if (host.interfaces.some(isTunnelKind)) return undefined;
  const peers = lab.report.hosts.filter((h) => h.cluster === host.cluster && h.id !== host.id).map((h) => h.ip);
  if (peers.length === 0) return undefined;
  const containers = lab.report.containers.filter((c) => c.host === host.id);
  const bridges = host.interfaces.filter(isBridgeKind);
  const master = bridges.find((b) => b.kind === "ovs" && b.addresses.length === 0)
    ?? bridges.find((b) => containers.some((c) => c.ips.some((ip) => interfaceHolds(b, ip))))
    ?? bridges[0];
  if (!master) return undefined;
  return { master, port: master.port ?? vxlanPortOf(lab, host.cluster), peers };
}

/** The UDP port the model says the cluster's VXLAN packets use when the datapath names none (from the flows' hops), else 4789. */
function vxlanPortOf(lab: LabIndex, clusterId: string): number {
  const hosts = new Set(lab.report.hosts.filter((h) => h.cluster === clusterId).map((h) => h.id));
  for (const flow of lab.report.flows) {
    for (const hop of flow.path) {
      if (hosts.has(hop.node) && hop.encapsulation?.type === "vxlan" && hop.encapsulation.port !== undefined) return hop.encapsulation.port;
    }
  }
  return 4789;
}
