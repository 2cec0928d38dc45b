import { z } from "zod";

/** Docker's default bridge on every host (BACKENDS.md §4): the single-host baseline. */
export const bridgeConfig = z.object({
  type: z.literal("bridge"),
  mode: z.enum(["nat"]).default("nat"),
  /** docker0's own address and prefix (dockerd --bip); absent: the first free local pool. */
  bip: z.string().optional(),
});
export type BridgeConfig = z.infer<typeof bridgeConfig>;
