/**
 * Docker's macvlan driver: what the UI shows of it (label, modes, explanation, capabilities), without the
 * analysis (index.ts). Imports no analysis module: the UI loads this at start through catalog.ts,
 * the analysis runs in the worker.
 */
import type { BackendInfo } from "../types.ts";
import type { MacvlanConfig } from "./config.ts";

/** Docker's macvlan docs: kernel 3.9 or later, 4.0+ recommended. */
export const KERNEL_DOCKER_MACVLAN = "3.9";

export const macvlanInfo: BackendInfo<MacvlanConfig> = {
  type: "macvlan",
  label: "MACVLAN",
  modes: [{ id: "bridge", label: "bridge (Docker default)" }],
  description:
    "No encapsulation: each container gets a macvlan device on the host's NIC with its own MAC and an address on the LAN itself, reachable from the LAN without NAT or published ports. No encryption, no network policy, no datastore (IPAM is local to each host); IPv4 and IPv6; Docker, Swarm, Kubernetes (CNI macvlan plugin). Most cloud networks drop it.",
  topolabDefaults:
    "Docker's macvlan driver: macvlan_mode bridge, parent eth0, gateway = the underlay's gateway. Each host hands out a disjoint range of the underlay subnet (Docker's --ip-range), the ranges placed after the highest host or endpoint address of that underlay in host order, skipping routers. Container MACs are derived from the container id so reports repeat (real ones are random).",
  capabilities: () => ({
    ipv6: true,
    orchestrators: ["docker", "swarm", "kubernetes", "none"],
    encryption: false,
    policy: false,
    datastore: "none (local IPAM per host)",
    minKernel: { version: KERNEL_DOCKER_MACVLAN, reason: "Docker's macvlan driver needs Linux 3.9 or later (4.0+ recommended)" },
    containersOnUnderlay: true,
    crossHost: true,
  }),
};
