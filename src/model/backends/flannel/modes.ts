/**
 * What each flannel mode is, in a few facts: its encapsulation and overhead, whether it carries
 * IPv6, whether it encrypts. Small and pure: info.ts (capabilities, in the UI) and the analysis both read it.
 */
import {
  FLANNEL_IPSEC_OVERHEAD, FLANNEL_IPSEC_UDPENCAP_EXTRA, FLANNEL_UDP_OVERHEAD, FLANNEL_WIREGUARD_OVERHEAD, IPIP_OVERHEAD, VXLAN_OVERHEAD,
} from "../../encapsulation.ts";
import type { ClusterReport } from "../../report.ts";
import type { FlannelConfig } from "./config.ts";

export interface ModeFacts {
  encapsulation: ClusterReport["encapsulation"];
  overhead: number;
  ipv6: boolean;
  encryption: boolean;
}

/**
 * Overheads from flannel's code: vxlan −50 (FLANNEL_MTU, for both families), udp −28, wireguard −80
 * always, ipip −20, ipsec −77 (−85 with UDPEncap). The kernel caps flannel-v6.<VNI> itself at −70:
 * see vxlanV6DeviceMtu in routes.ts.
 */
export function modeFacts(config: FlannelConfig): ModeFacts {
  switch (config.mode) {
    case "vxlan": return { encapsulation: "vxlan", overhead: VXLAN_OVERHEAD[4], ipv6: true, encryption: false };
    case "host-gw": return { encapsulation: "none", overhead: 0, ipv6: true, encryption: false };
    case "udp": return { encapsulation: "udp", overhead: FLANNEL_UDP_OVERHEAD, ipv6: false, encryption: false };
    case "wireguard": return { encapsulation: "wireguard", overhead: FLANNEL_WIREGUARD_OVERHEAD, ipv6: true, encryption: true };
    case "ipip": return { encapsulation: "ipip", overhead: IPIP_OVERHEAD, ipv6: false, encryption: false };
    case "ipsec": return { encapsulation: "esp", overhead: FLANNEL_IPSEC_OVERHEAD + (config.udpEncap ? FLANNEL_IPSEC_UDPENCAP_EXTRA : 0), ipv6: false, encryption: true };
  }
}
