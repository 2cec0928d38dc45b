/**
 * The three tunnel types of the OVS design (BACKENDS.md §5, §0, vector 20): the port, the
 * firewall opening and the overhead each one costs.
 */
import type { Family } from "../../addr/index.ts";
import { GENEVE_OVERHEAD, GRE_KEY_OVERHEAD, GRE_OVERHEAD, VXLAN_OVERHEAD } from "../../encapsulation.ts";
import type { FirewallOpening } from "../../report.ts";
import type { OvsConfig } from "./config.ts";

/** ip6gre's outer header is 40 bytes instead of 20 (derived). */
const IPV6_OUTER_EXTRA = 20;

export interface Tunnel {
  encapsulation: "vxlan" | "geneve" | "gre";
  /** The UDP destination port (vxlan_sys_4789, genev_sys_6081); GRE has none. */
  port?: number;
  firewall: FirewallOpening;
  overhead(family: Family, greKey: boolean): number;
}

export const TUNNELS: Record<OvsConfig["mode"], Tunnel> = {
  vxlan: {
    encapsulation: "vxlan", port: 4789,
    firewall: { protocol: "udp", port: 4789, between: "hosts", reason: "VXLAN tunnels between the hosts' OVS bridges (IANA port; options:dst_port changes it)" },
    overhead: (f) => VXLAN_OVERHEAD[f],
  },
  geneve: {
    encapsulation: "geneve", port: 6081,
    firewall: { protocol: "udp", port: 6081, between: "hosts", reason: "Geneve tunnels between the hosts' OVS bridges (options:dst_port changes it)" },
    overhead: (f) => GENEVE_OVERHEAD[f],
  },
  gre: {
    encapsulation: "gre",
    firewall: { protocol: "gre", between: "hosts", reason: "GRE tunnels (IP protocol 47) between the hosts' OVS bridges" },
    overhead: (f, key) => GRE_OVERHEAD + (key ? GRE_KEY_OVERHEAD : 0) + (f === 6 ? IPV6_OUTER_EXTRA : 0),
  },
};
