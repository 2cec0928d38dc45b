import { z } from "zod";
import { cidrText, port } from "../../schema-helpers.ts";

/** Docker overlay networks (BACKENDS.md §4): swarm mode, or the removed classic overlay with its KV store. */
export const dockerOverlayConfig = z.object({
  type: z.literal("docker-overlay"),
  mode: z.enum(["swarm", "classic"]).default("swarm"),
  /** docker swarm init --default-addr-pool / --default-addr-pool-mask-length */
  defaultAddrPool: cidrText.default("10.0.0.0/8"),
  maskLength: z.number().int().min(1).max(128).default(24),
  /** The user network's --subnet; absent: the next /maskLength of the pool after ingress. */
  subnet: cidrText.optional(),
  encrypted: z.boolean().default(false),
  /** Classic mode's --cluster-store, e.g. consul://10.0.0.5:8500. */
  kvStore: z.string().optional(),
  dataPathPort: port.default(4789),
  /** com.docker.network.driver.mtu; absent: Docker computes from 1500, not the host NIC. */
  mtu: z.number().int().min(576).max(65535).optional(),
});
export type DockerOverlayConfig = z.infer<typeof dockerOverlayConfig>;
