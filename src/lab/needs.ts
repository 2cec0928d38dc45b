/**
 * What a document needs from the machine before the lab can build it. Two kinds of need:
 * - kernel device kinds (vxlan, ipip, gretap…): the script probes them once and skips (exit 3)
 *   when the kernel lacks one;
 * - things the lab never fakes: a userspace daemon (flannel udp, OpenVPN, Weave sleeve) or keys
 *   (WireGuard, IPsec). Those are known before running anything and skip at once.
 */
import type { ClusterReport, Interface } from "../model/report.ts";
import type { LabIndex } from "./lab-index.ts";
import { labTunnelFor } from "./lab-tunnel.ts";

/** The kinds the script probes, in the order it prints them. */
export const PROBED_KINDS = ["vxlan", "gre", "gretap", "ipip", "geneve", "wireguard", "ipvlan", "macvlan"] as const;
export type KernelKind = (typeof PROBED_KINDS)[number];

export interface KernelNeed {
  kind: KernelKind;
  /** The first device that needs it, in words: "flannel.1 on node-1". */
  what: string;
}

export interface Unsupported {
  what: string;
  reason: string;
}

export interface LabNeeds {
  kernel: KernelNeed[];
  unsupported: Unsupported[];
}

const DAEMON_ENCAPSULATIONS: Partial<Record<ClusterReport["encapsulation"], string>> = {
  udp: "flannel udp forwards packets through the flanneld process (a TUN device); the lab runs no daemon and does not fake one",
  openvpn: "OpenVPN tunnels are made by the openvpn daemon (TLS, a TUN device); the lab runs no daemon and does not fake one",
  sleeve: "Weave sleeve is the weave router's userspace UDP encapsulation; the lab runs no daemon and does not fake one",
  wireguard: "WireGuard needs keys and peers (wg) that the lab does not generate; it is not faked with an unencrypted tunnel",
  esp: "IPsec (ESP) needs keys and xfrm states that the lab does not set up; it is not faked with plain routing",
};

function interfaceKind(dev: Interface): KernelKind | "unsupported" | undefined {
  switch (dev.kind) {
    case "vxlan": return "vxlan";
    case "ipip": return "ipip";
    case "geneve": return "geneve";
    case "gre": return dev.master === undefined ? "gre" : "gretap";
    case "ipvlan": return "ipvlan";
    case "macvlan": return "macvlan";
    case "wireguard": case "tun": case "xfrm": case "dummy": return "unsupported";
    default: return undefined;
  }
}

export function labNeeds(lab: LabIndex): LabNeeds {
  const kernel = new Map<KernelKind, string>();
  const unsupported: Unsupported[] = [];
  const need = (kind: KernelKind, what: string) => { if (!kernel.has(kind)) kernel.set(kind, what); };

  for (const cluster of lab.report.clusters) {
    if (!lab.report.hosts.some((h) => h.cluster === cluster.id)) continue;
    const daemon = DAEMON_ENCAPSULATIONS[cluster.encapsulation];
    if (daemon) unsupported.push({ what: `cluster ${cluster.id} (${cluster.backend} ${cluster.mode})`, reason: daemon });
    else if (cluster.encryption) {
      unsupported.push({ what: `cluster ${cluster.id} (${cluster.backend} ${cluster.mode}, encrypted)`, reason: "encryption between the hosts needs keys the lab does not set up; it is not faked with an unencrypted tunnel" });
    }
  }
  for (const host of lab.report.hosts) {
    for (const dev of host.interfaces) {
      const kind = interfaceKind(dev);
      if (kind === "unsupported") {
        if (!unsupported.some((u) => u.what.startsWith(`cluster ${host.cluster} `))) {
          unsupported.push({ what: `${dev.name} (${dev.kind}) on ${host.name}`, reason: `the lab does not build ${dev.kind} devices` });
        }
      } else if (kind) need(kind, `${dev.name} on ${host.name}`);
    }
    const tunnel = labTunnelFor(lab, host);
    if (tunnel) need("vxlan", `the lab's VXLAN stand-in on ${host.name}`);
  }
  for (const c of lab.report.containers) {
    if (c.device) {
      const kind = interfaceKind(c.device);
      if (kind && kind !== "unsupported") need(kind, `${c.name}'s ${c.device.name}`);
    }
  }
  return { kernel: [...kernel].map(([kind, what]) => ({ kind, what })), unsupported };
}
