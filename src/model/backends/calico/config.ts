import { z } from "zod";
import { cidr4Text, cidr6Text } from "../../schema-helpers.ts";

export const CALICO_MODES = ["ipip", "ipip-cross-subnet", "vxlan", "vxlan-cross-subnet", "none"] as const;

/** One Calico IP pool (BACKENDS.md §2). The default mode is what manifests/calico.yaml ships: IPIP Always. */
export const calicoConfig = z.object({
  type: z.literal("calico"),
  mode: z.enum(CALICO_MODES).default("ipip"),
  /** Absent: 192.168.0.0/16, or the first 172.16–31.0.0/16 not overlapping a host network (as calico-node does). */
  pool: cidr4Text.optional(),
  blockSize: z.number().int().min(20).max(32).default(26),
  /** Calico generates a random ULA; Topolab uses a fixed one so reports are reproducible. */
  ipv6Pool: cidr6Text.default("fd00:192:168::/48"),
  ipv6BlockSize: z.number().int().min(116).max(128).default(122),
  wireguard: z.boolean().default(false),
  natOutgoing: z.boolean().default(true),
  asNumber: z.number().int().min(1).max(4294967295).default(64512),
});
export type CalicoConfig = z.infer<typeof calicoConfig>;
