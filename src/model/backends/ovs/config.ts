import { z } from "zod";
import { cidrText } from "../../schema-helpers.ts";

/** Open vSwitch bridges joined by a full mesh of tunnels (BACKENDS.md §5), one flat container subnet. */
export const ovsConfig = z.object({
  type: z.literal("ovs"),
  mode: z.enum(["vxlan", "gre", "geneve"]).default("vxlan"),
  cidr: cidrText.default("10.200.0.0/16"),
  /** GRE with a key field adds 4 bytes of overhead. */
  greKey: z.boolean().default(false),
});
export type OvsConfig = z.infer<typeof ovsConfig>;
