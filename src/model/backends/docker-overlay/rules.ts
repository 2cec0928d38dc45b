/**
 * What the overlay needs from the hosts' firewalls (docs engine/network/drivers/overlay.md) and the
 * caveats only this backend knows: Docker's fixed 1500 base MTU, classic mode's KV store and kernel.
 */
import type { Diagnostic, FirewallOpening } from "../../report.ts";
import { kernelAtLeast } from "../common.ts";
import type { ClusterContext, HostContext } from "../types.ts";
import type { DockerOverlayConfig } from "./config.ts";

/** Docker's CLI accepts --data-path-port only in this range (docker swarm init --help). */
const DATA_PATH_PORT_MIN = 1024;
const DATA_PATH_PORT_MAX = 49151;
const CLASSIC_MIN_KERNEL = "3.16";

export function overlayFirewall(config: DockerOverlayConfig): FirewallOpening[] {
  const out: FirewallOpening[] = [];
  if (config.mode === "swarm") {
    out.push({ protocol: "tcp", port: 2377, between: "managers", reason: "Swarm cluster management: workers and managers reach the managers' API and Raft on 2377" });
  }
  out.push(
    { protocol: "tcp", port: 7946, between: "hosts", reason: "Node discovery and network state gossip (not configurable)" },
    { protocol: "udp", port: 7946, between: "hosts", reason: "Node discovery and network state gossip (not configurable)" },
    { protocol: "udp", port: config.dataPathPort, between: "hosts", reason: "VXLAN data path of the overlay networks (never expose it to untrusted networks)" },
  );
  if (config.encrypted) out.push({ protocol: "esp", between: "hosts", reason: "IPsec ESP carrying the encrypted overlay (--opt encrypted)" });
  const kvPort = config.mode === "classic" && config.kvStore ? /^[a-z0-9+.-]+:\/\/[^/:]+:(\d{1,5})/i.exec(config.kvStore)?.[1] : undefined;
  if (kvPort !== undefined) {
    out.push({ protocol: "tcp", port: Number(kvPort), between: "to-server", reason: `Every daemon reaches the cluster store ${config.kvStore}` });
  }
  return out;
}

function hostList(hosts: HostContext[], detail: (h: HostContext) => string): string {
  const shown = hosts.slice(0, 5).map((h) => `"${h.host.name}" (${detail(h)})`).join(", ");
  return hosts.length > 5 ? `${shown} and ${hosts.length - 5} more` : shown;
}

export function overlayDiagnostics(ctx: ClusterContext<DockerOverlayConfig>, base: number, mtu: number): Diagnostic[] {
  const { cluster, config } = ctx;
  const out: Diagnostic[] = [];
  const name = `Cluster "${cluster.name}"`;

  const small = ctx.hosts.filter((h) => h.underlay.mtu < base);
  if (small.length > 0) {
    const lowest = Math.min(...small.map((h) => h.underlay.mtu));
    out.push({
      code: "OVERLAY_MTU_ABOVE_UNDERLAY", severity: "warning", subjects: [cluster.id, ...small.map((h) => h.host.id)],
      message: `${name}: Docker sizes the overlay from ${base} bytes (container MTU ${mtu} + ${base - mtu} of encapsulation), not from the NIC, but the underlay carries less on host ${hostList(small, (h) => `MTU ${h.underlay.mtu}`)}. Full-size packets between containers are dropped or fragmented there. Create the network with -o com.docker.network.driver.mtu=${lowest} (containers then get ${mtu - (base - lowest)}).`,
    });
  }

  if (config.mode === "swarm" && (config.dataPathPort < DATA_PATH_PORT_MIN || config.dataPathPort > DATA_PATH_PORT_MAX)) {
    out.push({
      code: "POOL_INVALID", severity: "error", subjects: [cluster.id],
      message: `${name}: docker swarm init accepts --data-path-port only from ${DATA_PATH_PORT_MIN} to ${DATA_PATH_PORT_MAX}; ${config.dataPathPort} is refused. Keep the default 4789 or pick a port in that range.`,
    });
  }

  out.push({
    code: "VXLAN_PORT_UNTRUSTED", severity: "info", subjects: [cluster.id],
    message: `${name}: VXLAN has no authentication, so anyone who can send to UDP ${config.dataPathPort} on a host can inject traffic into the overlay. Docker's documentation says never to expose it to untrusted networks: allow it only between the cluster's hosts${config.encrypted ? "" : ", and consider --opt encrypted on networks that cross links you do not control"}.`,
  });

  if (config.mode === "classic") {
    out.push({
      code: "CLASSIC_OVERLAY_REMOVED", severity: "warning", subjects: [cluster.id],
      message: `${name}: the classic overlay (--cluster-store / --cluster-advertise with an external KV store) was deprecated in Docker 20.10 and removed in Docker 23.0; current daemons do not start with it. Use swarm mode (docker swarm init, then overlay networks).`,
    });
    if (!config.kvStore) {
      out.push({
        code: "KV_STORE_MISSING", severity: "error", subjects: [cluster.id],
        message: `${name}: the classic overlay needs an external key-value store for its network state (dockerd --cluster-store consul://…, etcd://… or zk://…, plus --cluster-advertise), and none is set. Set kvStore, or use swarm mode, which needs none.`,
      });
    }
    const old = ctx.hosts.filter((h) => !kernelAtLeast(h.host.kernel, CLASSIC_MIN_KERNEL));
    if (old.length > 0) {
      out.push({
        code: "KERNEL_TOO_OLD", severity: "error", subjects: [cluster.id, ...old.map((h) => h.host.id)],
        message: `${name}: the classic overlay driver needs Linux ${CLASSIC_MIN_KERNEL} or newer, but host ${hostList(old, (h) => `kernel ${h.host.kernel}`)} runs an older kernel. Upgrade those hosts' kernels.`,
      });
    }
  }
  return out;
}
