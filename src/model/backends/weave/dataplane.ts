/**
 * Weave's two data planes and their sizes (BACKENDS.md §3): fastdp (kernel Open vSwitch datapath with
 * VXLAN on UDP 6784, IPsec ESP when encrypted) and sleeve (Weave's own UDP framing on 6783, NaCl when
 * encrypted), the ports each needs, and the caveats that depend on the hosts.
 */
import { VXLAN_OVERHEAD, WEAVE_ESP_OVERHEAD } from "../../encapsulation.ts";
import type { Diagnostic, FirewallOpening } from "../../report.ts";
import { kernelAtLeast } from "../common.ts";
import type { ClusterContext, HostContext } from "../types.ts";
import type { WeaveConfig } from "./config.ts";

export const WEAVE_PORT = 6783;
/** Weave's fastdp default (net/bridge.go): GCE's 1460 − 20 IP − 8 UDP − 8 VXLAN − 14 Ethernet − 34 ESP. */
export const WEAVE_FASTDP_MTU = 1376;
/** Without fastdp the bridge defaults to 65535 (net/bridge.go initPrep): sleeve fragments and probes the path MTU itself. */
export const WEAVE_SLEEVE_MTU = 65535;
/**
 * Sleeve framing (router/sleeve.go, router/crypto.go): UDP/IPv4 28 + sender peer name 6 + per-frame
 * src/dst peer names 6 + 6 and length 2 + inner Ethernet 14 = 62; NaCl adds a 2-byte offset and the
 * 16-byte secretbox tag. Derived from the code; UNVERIFIED against the last release.
 */
export const SLEEVE_OVERHEAD = 62;
export const SLEEVE_NACL_EXTRA = 18;
export const FASTDP_MIN_KERNEL = "3.12";

/** The outer IPv4 packet that carries an inner packet of `mtu` bytes over fastdp (VXLAN, then ESP transport with AES-GCM). */
export function fastdpOuterSize(mtu: number, encrypted: boolean): number {
  if (!encrypted) return mtu + VXLAN_OVERHEAD[4];
  // ESP: SPI + sequence 8, IV 8, payload (UDP 8 + VXLAN 8 + Ethernet 14 + inner) + pad length and next header 2, padded to 4, ICV 16.
  const padded = Math.ceil((mtu + 8 + 8 + 14 + 2) / 4) * 4;
  const size = 20 + 8 + 8 + padded + 16;
  return Math.min(size, mtu + VXLAN_OVERHEAD[4] + WEAVE_ESP_OVERHEAD);
}

export function weaveMtu(config: WeaveConfig): number {
  return config.mtu ?? (config.mode === "fastdp" ? WEAVE_FASTDP_MTU : WEAVE_SLEEVE_MTU);
}

/** Underlay bytes added to an inner packet of the cluster's MTU. */
export function weaveOverhead(config: WeaveConfig, mtu: number): number {
  if (config.mode === "fastdp") return fastdpOuterSize(mtu, config.encrypted) - mtu;
  return SLEEVE_OVERHEAD + (config.encrypted ? SLEEVE_NACL_EXTRA : 0);
}

export function weaveFirewall(config: WeaveConfig): FirewallOpening[] {
  const out: FirewallOpening[] = [
    { protocol: "tcp", port: WEAVE_PORT, between: "hosts", reason: "Weave control plane: peer connections, gossip and IPAM" },
    { protocol: "udp", port: WEAVE_PORT, between: "hosts", reason: config.mode === "fastdp" ? "sleeve data and heartbeats (fastdp falls back to sleeve per connection)" : "sleeve data plane" },
  ];
  if (config.mode === "fastdp") {
    out.push({ protocol: "udp", port: WEAVE_PORT + 1, between: "hosts", reason: "fastdp VXLAN data plane (the Weave port plus one)" });
    if (config.encrypted) out.push({ protocol: "esp", between: "hosts", reason: "IPsec ESP of encrypted fastdp" });
  }
  return out;
}

function hostList(hosts: HostContext[], detail: (h: HostContext) => string): string {
  const shown = hosts.slice(0, 5).map((h) => `"${h.host.name}" (${detail(h)})`).join(", ");
  return hosts.length > 5 ? `${shown} and ${hosts.length - 5} more` : shown;
}

export function dataplaneDiagnostics(ctx: ClusterContext<WeaveConfig>, mtu: number): Diagnostic[] {
  const { cluster, config } = ctx;
  const out: Diagnostic[] = [];
  const name = `Cluster "${cluster.name}"`;
  if (config.mode === "fastdp") {
    const old = ctx.hosts.filter((h) => !kernelAtLeast(h.host.kernel, FASTDP_MIN_KERNEL));
    if (old.length > 0) {
      out.push({
        code: "KERNEL_TOO_OLD", severity: "warning", subjects: [cluster.id, ...old.map((h) => h.host.id)],
        message: `${name}: fastdp needs the kernel's Open vSwitch datapath with VXLAN (Linux ${FASTDP_MIN_KERNEL} or newer); host ${hostList(old, (h) => `kernel ${h.host.kernel}`)} falls back to sleeve, Weave's slower userspace encapsulation. Upgrade the kernel to keep fastdp.`,
      });
    }
    const outer = fastdpOuterSize(mtu, config.encrypted);
    const small = ctx.hosts.filter((h) => h.underlay.mtu < outer);
    if (small.length > 0) {
      const lowest = Math.min(...small.map((h) => h.underlay.mtu));
      let fit = lowest - (outer - mtu);
      while (fit > 0 && fastdpOuterSize(fit, config.encrypted) > lowest) fit--;
      out.push({
        code: "WEAVE_MTU_ABOVE_UNDERLAY", severity: "warning", subjects: [cluster.id, ...small.map((h) => h.host.id)],
        message: `${name}: a ${mtu}-byte packet leaves fastdp as ${outer} bytes${config.encrypted ? " (VXLAN and ESP)" : " (VXLAN)"}, more than the underlay carries on host ${hostList(small, (h) => `MTU ${h.underlay.mtu}`)}; Weave then uses sleeve for connections to those hosts, which is much slower. Set WEAVE_MTU to ${fit}.`,
      });
    }
  } else {
    const lowest = Math.min(...ctx.hosts.map((h) => h.underlay.mtu));
    const overhead = weaveOverhead(config, mtu);
    if (ctx.hosts.length > 0 && mtu + overhead > lowest) {
      out.push({
        code: "WEAVE_SLEEVE_FRAGMENTS", severity: "info", subjects: [cluster.id],
        message: `${name}: sleeve gives containers MTU ${mtu} and splits what does not fit in the underlay itself (it probes the path MTU and answers DF packets with "fragmentation needed"); only packets up to ${lowest - overhead} bytes cross unfragmented. Set WEAVE_MTU to ${lowest - overhead} to avoid the cost.`,
      });
    }
  }
  return out;
}
