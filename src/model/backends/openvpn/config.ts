import { z } from "zod";
import { cidr4Text, cidr6Text, id, port } from "../../schema-helpers.ts";

/** OpenVPN hub and spoke after the sample server.conf (BACKENDS.md §6): dev tun, topology subnet or net30. */
export const openvpnConfig = z.object({
  type: z.literal("openvpn"),
  mode: z.enum(["udp", "tcp"]).default("udp"),
  /**
   * How `server` numbers the tun network. `subnet` (the sample server.conf, and the default for
   * --mode server since 2.7): one address per client. `net30` (the default before 2.7, so older
   * configs without a topology line use it): a /30 per client, 62 clients in a /24.
   */
  topology: z.enum(["subnet", "net30"]).default("subnet"),
  /** The host that runs the server; absent: the cluster's first host. */
  server: id.optional(),
  tunnelNetwork: cidr4Text.default("10.8.0.0/24"),
  /** `server-ipv6`, used when the cluster is IPv6 or dual stack; OpenVPN has no default, Topolab picks a ULA. */
  tunnelNetwork6: cidr6Text.default("fd00:10:8::/64"),
  /** Each host's container bridge gets the next /24 of this pool. */
  containerPool: cidr4Text.default("172.20.0.0/16"),
  /** With IPv6, each host's container bridge also gets the next /64 of this pool. */
  containerPool6: cidr6Text.default("fd00:172:20::/48"),
  port: port.default(1194),
});
export type OpenvpnConfig = z.infer<typeof openvpnConfig>;
