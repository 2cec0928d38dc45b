import { z } from "zod";

/** Docker's macvlan driver (BACKENDS.md §7): containers on the parent's subnet, each with its own MAC. */
export const macvlanConfig = z.object({
  type: z.literal("macvlan"),
  mode: z.enum(["bridge"]).default("bridge"),
  parent: z.string().min(1).default("eth0"),
});
export type MacvlanConfig = z.infer<typeof macvlanConfig>;
