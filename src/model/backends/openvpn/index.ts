/** PLACEHOLDER: being implemented. */
import type { Backend } from "../types.ts";
import type { OpenvpnConfig } from "./config.ts";
import { openvpnConfig } from "./config.ts";
import { placeholderAnalysis } from "../placeholder.ts";

export const openvpn: Backend<OpenvpnConfig> = {
  type: "openvpn",
  label: "openvpn",
  modes: openvpnConfig.shape.mode.unwrap().options.map((id) => ({ id, label: id })),
  description: "",
  topolabDefaults: "",
  capabilities: () => ({ ipv6: false, orchestrators: ["kubernetes", "swarm", "docker", "nomad", "none"], encryption: false, policy: false, datastore: "", containersOnUnderlay: false, crossHost: true }),
  analyze: (ctx) => placeholderAnalysis(ctx),
};
