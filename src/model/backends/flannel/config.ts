import { z } from "zod";
import { cidr4Text, cidr6Text, ipText, port } from "../../schema-helpers.ts";

export const FLANNEL_MODES = ["vxlan", "host-gw", "udp", "wireguard", "ipip", "ipsec"] as const;

/** flannel's net-conf.json (BACKENDS.md §1.1). Backend.Type is always explicit: flannel's code and docs disagree on the default. */
export const flannelConfig = z.object({
  type: z.literal("flannel"),
  mode: z.enum(FLANNEL_MODES).default("vxlan"),
  network: cidr4Text.default("10.244.0.0/16"),
  subnetLen: z.number().int().optional(),
  subnetMin: ipText.optional(),
  subnetMax: ipText.optional(),
  /** Required by flannel for IPv6; Topolab offers a ULA default so a dual-stack sketch works at once. */
  ipv6Network: cidr6Text.default("fd00:10:244::/56"),
  ipv6SubnetLen: z.number().int().optional(),
  /** kube: node podCIDRs from kube-controller-manager; etcd: flannel's own leases. Default follows the orchestrator. */
  subnetManager: z.enum(["kube", "etcd"]).optional(),
  vni: z.number().int().min(0).max(16777215).default(1),
  /** VXLAN/UDP port; absent means the backend's own default (8472 for vxlan, 8285 for udp). */
  port: port.optional(),
  directRouting: z.boolean().default(false),
  /** ipsec only: NAT traversal adds 8 bytes. */
  udpEncap: z.boolean().default(false),
});
export type FlannelConfig = z.infer<typeof flannelConfig>;
