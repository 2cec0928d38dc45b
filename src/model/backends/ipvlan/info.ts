/**
 * Docker's ipvlan driver: what the UI shows of it (label, modes, explanation, capabilities), without the
 * analysis (index.ts). Imports no analysis module: the UI loads this at start through catalog.ts,
 * the analysis runs in the worker.
 */
import type { BackendInfo } from "../types.ts";
import type { IpvlanConfig } from "./config.ts";

/** The driver entered the kernel in 3.19; Docker's ipvlan driver refuses kernels before 4.2. */
export const KERNEL_IPVLAN = "3.19";
export const KERNEL_DOCKER_IPVLAN = "4.2";

/** The IPv6 pool when config.cidr is IPv4 and the cluster asks for IPv6: a fixed ULA, /64 per host. */
export const IPVLAN_L3_IPV6_POOL = "fd00:10::/48";

export const ipvlanInfo: BackendInfo<IpvlanConfig> = {
  type: "ipvlan",
  label: "IPVLAN",
  modes: [
    { id: "l2", label: "L2: containers on the host's LAN (Docker default)" },
    { id: "l3", label: "L3: a routed subnet per host" },
  ],
  description:
    "No encapsulation: each container gets an ipvlan device on the host's NIC, sharing its MAC. In l2 mode containers take addresses on the LAN itself; in l3 mode each host routes its own container subnet and the LAN's router must route those subnets to the hosts. No encryption, no network policy, no datastore (IPAM is local to each host); IPv4 and IPv6; Docker, Swarm, Kubernetes (CNI ipvlan plugin).",
  topolabDefaults:
    `Docker's ipvlan driver: ipvlan_mode l2 by default (the kernel's own default is l3), parent eth0. l2: each host hands out a disjoint range of the underlay subnet (Docker's --ip-range), the ranges placed after the highest host or endpoint address of that underlay in host order, skipping routers; gateway = the underlay's gateway. l3: config.cidr (default 10.1.0.0/16) split into /subnetLen (24) subnets in host order; no gateway address is reserved, so containers start at .1; with IPv6 and an IPv4 cidr, hosts get /64s of ${IPVLAN_L3_IPV6_POOL}.`,
  capabilities: (config) => ({
    ipv6: true,
    orchestrators: ["docker", "swarm", "kubernetes", "none"],
    encryption: false,
    policy: false,
    datastore: "none (local IPAM per host)",
    minKernel: { version: KERNEL_IPVLAN, reason: "IPVLAN first shipped in Linux 3.19; Docker's ipvlan driver needs 4.2 or later" },
    containersOnUnderlay: config.mode === "l2",
    crossHost: true,
  }),
};
