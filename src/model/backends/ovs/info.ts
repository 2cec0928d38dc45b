/**
 * Open vSwitch: what the UI shows of it (label, modes, explanation, capabilities), without the
 * analysis (index.ts). Imports no analysis module: the UI loads this at start through catalog.ts,
 * the analysis runs in the worker.
 */
import type { BackendInfo } from "../types.ts";
import type { OvsConfig } from "./config.ts";

/** The flat IPv6 range when config.cidr is IPv4 and the cluster asks for IPv6: a fixed ULA. */
export const OVS_IPV6_RANGE = "fd00:200::/64";

export const ovsInfo: BackendInfo<OvsConfig> = {
  type: "ovs",
  label: "Open vSwitch",
  modes: [
    { id: "vxlan", label: "VXLAN tunnels (UDP 4789)" },
    { id: "gre", label: "GRE tunnels (IP protocol 47)" },
    { id: "geneve", label: "Geneve tunnels (UDP 6081)" },
  ],
  description:
    "An OVS bridge br0 on every host, joined to every other host's by a VXLAN, Geneve or GRE tunnel port: one flat L2 network for all containers. Each host's OVSDB holds its own bridge (no central controller in this design); no encryption and no policy are modelled (OVS has IPsec for tunnels, OpenFlow and OVN ACLs); IPv4 and IPv6; plain Docker or hand-wired containers (Kubernetes uses ovn-kubernetes, a different design).",
  topolabDefaults:
    `The simple "OVS bridges with tunnels" design from the OVS FAQ: flat subnet 10.200.0.0/16 (config.cidr), .1 is the gateway address on the first host's br0, containers numbered in host order from .2. With IPv6 and an IPv4 cidr the flat IPv6 range is the fixed ULA ${OVS_IPV6_RANGE}. VXLAN on UDP 4789, Geneve on 6081, GRE on IP protocol 47; tunnel key 0.`,
  capabilities: () => ({
    ipv6: true,
    orchestrators: ["docker", "none"],
    encryption: false,
    policy: false,
    datastore: "OVSDB per host (no central controller in this design)",
    containersOnUnderlay: false,
    crossHost: true,
  }),
};
