/**
 * flannel: what the UI shows of it (label, modes, explanation, capabilities), without the
 * analysis (index.ts). Imports no analysis module: the UI loads this at start through catalog.ts,
 * the analysis runs in the worker.
 */
import type { BackendInfo } from "../types.ts";
import { FLANNEL_MODES, type FlannelConfig } from "./config.ts";
import { modeFacts } from "./modes.ts";

const MODE_LABELS: Record<FlannelConfig["mode"], string> = {
  vxlan: "VXLAN (default)",
  "host-gw": "host-gw (plain routes, one L2 segment)",
  udp: "UDP (userspace, debugging only)",
  wireguard: "WireGuard (encrypted)",
  ipip: "IP-in-IP (experimental)",
  ipsec: "IPsec (experimental, encrypted)",
};

/** WireGuard is in the mainline kernel from this release (the wireguard mode's minimum). */
export const WIREGUARD_MIN_KERNEL = "5.6";

export const flannelInfo: BackendInfo<FlannelConfig> = {
  type: "flannel",
  label: "flannel",
  modes: FLANNEL_MODES.map((id) => ({ id, label: MODE_LABELS[id] })),
  description:
    "flannel gives every host one subnet of a cluster-wide Network (a /24 of 10.244.0.0/16 by default) and carries pod traffic between hosts at L3: " +
    "VXLAN through flannel.1 on UDP 8472 by default, or plain routes via the peers (host-gw, which needs all hosts on one L2 segment), userspace UDP, IP-in-IP, WireGuard or IPsec. " +
    "The subnets live in the Kubernetes API (node podCIDRs) or in etcd leases; only the wireguard and ipsec modes encrypt, there is no network policy (add Canal or kube-network-policies), " +
    "it runs as a Kubernetes CNI or under Docker (--bip), and vxlan, host-gw and wireguard support IPv6 and dual stack.",
  topolabDefaults:
    "Follows kube-flannel.yml: Network 10.244.0.0/16, Backend vxlan (always explicit: flannel's code defaults to udp, its docs to vxlan), VNI 1, UDP 8472 (the Linux kernel's VXLAN port, not IANA's 4789), " +
    "SubnetLen 24 (or flannel's own rule for networks smaller than /22). Subnet manager: kube under Kubernetes (podCIDRs from kube-controller-manager in host order, the first subnet included: 10.244.0.0/24, 10.244.1.0/24, …), " +
    "etcd otherwise (the first subnet is never leased; real flanneld picks each lease at random among the first 100 free subnets from SubnetMin, Topolab hands them out in host order so the report is reproducible). " +
    "cni0 (docker0 under Docker) holds the subnet's .1, containers get .2 upward; VTEP MACs are derived from the host ids (real ones are random).",
  capabilities: (config) => {
    const facts = modeFacts(config);
    return {
      ipv6: facts.ipv6,
      // A Kubernetes CNI; plain Docker through --bip/--mtu from subnet.env; "none" = flanneld with the CNI plugin by hand. No Swarm or Nomad integration.
      orchestrators: ["kubernetes", "docker", "none"],
      encryption: facts.encryption,
      policy: false,
      datastore: "Kubernetes API (kube subnet manager) or etcd",
      ...(config.mode === "wireguard" ? { minKernel: { version: WIREGUARD_MIN_KERNEL, reason: "WireGuard is in the kernel from 5.6; older kernels need the out-of-tree wireguard module" } } : {}),
      containersOnUnderlay: false,
      crossHost: true,
    };
  },
};
