import { z } from "zod";
import { cidrText } from "../../schema-helpers.ts";

/** Docker's ipvlan driver (BACKENDS.md §7): default mode l2, unlike the kernel's l3. */
export const ipvlanConfig = z.object({
  type: z.literal("ipvlan"),
  mode: z.enum(["l2", "l3"]).default("l2"),
  parent: z.string().min(1).default("eth0"),
  /** l3 only: the container networks, split into one subnet per host. */
  cidr: cidrText.default("10.1.0.0/16"),
  subnetLen: z.number().int().min(1).max(128).default(24),
});
export type IpvlanConfig = z.infer<typeof ipvlanConfig>;
