/**
 * Docker overlay networks: what the UI shows of it (label, modes, explanation, capabilities), without the
 * analysis (index.ts). Imports no analysis module: the UI loads this at start through catalog.ts,
 * the analysis runs in the worker.
 */
import type { BackendInfo } from "../types.ts";
import type { DockerOverlayConfig } from "./config.ts";

export const dockerOverlayInfo: BackendInfo<DockerOverlayConfig> = {
  type: "docker-overlay",
  label: "Docker overlay",
  modes: [
    { id: "swarm", label: "Swarm mode" },
    { id: "classic", label: "Classic (KV store, removed in Docker 23.0)" },
  ],
  description:
    "One L2 subnet spans every host: frames travel in VXLAN (UDP 4789) between the hosts' per-network bridges, and each container also has a leg on the host's docker_gwbridge (NAT) for the outside world. Swarm mode keeps the state in the managers' Raft store; the removed classic mode needed Consul, etcd or ZooKeeper. Optional IPsec ESP encryption (--opt encrypted), no network policy beyond network isolation; Docker and Swarm only, IPv4 in Topolab.",
  topolabDefaults:
    "Swarm's default pool 10.0.0.0/8 in /24s, handed out in order: ingress 10.0.0.0/24, then the network 10.0.1.0/24 (unless it sets a subnet); VXLAN IDs from 4096 in the same order. Each network's bridge and VXLAN device sit in the network's own namespace on every host (1-<network ID>, with a stable stand-in ID), as Docker keeps them, so the host's table has no overlay route. Containers are numbered in host order from .2 (.1 is the network's gateway); real swarm also spends one address per node on the network's load balancer and one per service VIP, so real addresses start later. docker_gwbridge takes the first local pool after docker0 (172.18.0.0/16 on a fresh host). MTU 1500 − 50 = 1450 whatever the NIC (−26 ESP and rounded down to a multiple of 4 when encrypted); the MTU option replaces the 1500.",
  capabilities: (config) => ({
    ipv6: false,
    orchestrators: config.mode === "classic" ? ["docker"] : ["swarm", "docker"],
    encryption: config.encrypted,
    policy: false,
    datastore: config.mode === "classic" ? "external KV store (Consul, etcd or ZooKeeper)" : "Swarm Raft store, built into the managers",
    ...(config.mode === "classic" ? { minKernel: { version: "3.16", reason: "the classic overlay driver needs kernel 3.16 or newer (libnetwork docs/overlay.md)" } } : {}),
    containersOnUnderlay: false,
    crossHost: true,
  }),
};
