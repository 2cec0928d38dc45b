import { z } from "zod";
import { cidr4Text, id, port } from "../../schema-helpers.ts";

/** OpenVPN hub and spoke after the sample server.conf (BACKENDS.md §6): dev tun, topology subnet. */
export const openvpnConfig = z.object({
  type: z.literal("openvpn"),
  mode: z.enum(["udp", "tcp"]).default("udp"),
  /** The host that runs the server; absent: the cluster's first host. */
  server: id.optional(),
  tunnelNetwork: cidr4Text.default("10.8.0.0/24"),
  /** Each host's container bridge gets the next /24 of this pool. */
  containerPool: cidr4Text.default("172.20.0.0/16"),
  port: port.default(1194),
});
export type OpenvpnConfig = z.infer<typeof openvpnConfig>;
