import { z } from "zod";
import { cidr4Text } from "../../schema-helpers.ts";

/** Weave Net (BACKENDS.md §3): IPALLOC_RANGE, fastdp or sleeve, WEAVE_PASSWORD. */
export const weaveConfig = z.object({
  type: z.literal("weave"),
  mode: z.enum(["fastdp", "sleeve"]).default("fastdp"),
  range: cidr4Text.default("10.32.0.0/12"),
  encrypted: z.boolean().default(false),
  /** WEAVE_MTU; absent: 1376, Weave's fastdp default. */
  mtu: z.number().int().min(576).max(65535).optional(),
});
export type WeaveConfig = z.infer<typeof weaveConfig>;
