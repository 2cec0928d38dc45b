/**
 * Docker's default bridge: what the UI shows of it (label, modes, explanation, capabilities), without the
 * analysis (index.ts). Imports no analysis module: the UI loads this at start through catalog.ts,
 * the analysis runs in the worker.
 */
import type { BackendInfo } from "../types.ts";
import type { BridgeConfig } from "./config.ts";

export const bridgeInfo: BackendInfo<BridgeConfig> = {
  type: "bridge",
  label: "Docker bridge (single host)",
  modes: [{ id: "nat", label: "NAT (docker0)" }],
  description:
    "Each host's containers sit on its own Linux bridge docker0 behind NAT: no encapsulation, no state shared between hosts, no encryption or network policy. Containers on different hosts never reach each other's addresses; they meet only through ports published on the hosts' addresses. Works with plain Docker, Swarm's local networks and Nomad; IPv6 from a ULA pool.",
  topolabDefaults:
    "docker0 takes the first of Docker's 31 local default networks (172.17.0.0/16, 172.18.0.0/16, … 192.168.240.0/20) that does not overlap the host's underlay, as dockerd's first fit does (it also skips resolv.conf nameservers, which Topolab does not know); --bip overrides it. Gateway .1, containers from .2 in document order (dockerd hands out the first free address). MTU 1500, Docker's default, whatever the NIC. For IPv6 dockerd derives a ULA /48 from sha256 of the daemon's host ID; Topolab gives host N the fixed fd00:N::/64 instead so reports are reproducible.",
  capabilities: () => ({
    ipv6: true,
    orchestrators: ["docker", "swarm", "nomad", "none"],
    encryption: false,
    policy: false,
    datastore: "none (local IPAM)",
    containersOnUnderlay: false,
    crossHost: false,
  }),
};
