/**
 * Calico: what the UI shows of it (label, modes, explanation, capabilities), without the
 * analysis (index.ts). Imports no analysis module: the UI loads this at start through catalog.ts,
 * the analysis runs in the worker.
 */
import type { BackendInfo } from "../types.ts";
import { CALICO_MODES, type CalicoConfig } from "./config.ts";

const MODE_LABELS: Record<(typeof CALICO_MODES)[number], string> = {
  ipip: "IP-in-IP, always (calico.yaml default)",
  "ipip-cross-subnet": "IP-in-IP across subnets only",
  vxlan: "VXLAN, always",
  "vxlan-cross-subnet": "VXLAN across subnets only (operator default)",
  none: "No encapsulation (BGP)",
};

export const calicoInfo: BackendInfo<CalicoConfig> = {
  type: "calico",
  label: "Calico",
  modes: CALICO_MODES.map((id) => ({ id, label: MODE_LABELS[id] })),
  description:
    "Calico routes pods at L3: every node owns /26 blocks of an IP pool and routes to the other nodes' blocks (learnt by BIRD over BGP, or with VXLAN computed by Felix from the datastore), so packets travel unencapsulated, in IP-in-IP or in VXLAN (always, or only between subnets), optionally encrypted with WireGuard. " +
    "Its state lives in the Kubernetes API (or etcdv3); Felix programs routes and enforces Kubernetes and Calico network policy. It is a Kubernetes CNI, with IPv4 and IPv6 (IPv6 over VXLAN or without encapsulation, never IP-in-IP).",
  topolabDefaults:
    "Follows manifests/calico.yaml: pool 192.168.0.0/16 (or the first 172.16–31.0.0/16 not overlapping a host network, as calico-node does), /26 blocks, IPIP Always, natOutgoing on. " +
    "Deterministic where Calico is not: real nodes start their block search at a pseudo-random index seeded by the FNV hash of the hostname; Topolab gives every host its first block up front, in host order from the pool's start, and a host that needs k blocks takes k consecutive claims (its blocks stay contiguous). " +
    "In each host's first block the tunnel address (tunl0 or vxlan.calico) comes first, then the WireGuard address, then containers from the next free address — .0 is usable. cali* veth names hash the container id (Calico hashes namespace.pod with SHA-1), VTEP MACs are derived from the host id, and the IPv6 pool is a fixed ULA instead of a random one.",
  capabilities: (config) => ({
    ipv6: true,
    orchestrators: ["kubernetes"],
    encryption: config.wireguard,
    policy: true,
    datastore: "Kubernetes API (KDD) or etcdv3",
    containersOnUnderlay: false,
    crossHost: true,
    ...(config.wireguard ? { minKernel: { version: "5.6", reason: "WireGuard is in the mainline kernel from 5.6; older kernels need a backported wireguard module" } } : {}),
  }),
};
