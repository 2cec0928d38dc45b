/** PLACEHOLDER: being implemented. */
import type { Backend } from "../types.ts";
import type { BridgeConfig } from "./config.ts";
import { bridgeConfig } from "./config.ts";
import { placeholderAnalysis } from "../placeholder.ts";

export const bridge: Backend<BridgeConfig> = {
  type: "bridge",
  label: "bridge",
  modes: bridgeConfig.shape.mode.unwrap().options.map((id) => ({ id, label: id })),
  description: "",
  topolabDefaults: "",
  capabilities: () => ({ ipv6: false, orchestrators: ["kubernetes", "swarm", "docker", "nomad", "none"], encryption: false, policy: false, datastore: "", containersOnUnderlay: false, crossHost: true }),
  analyze: (ctx) => placeholderAnalysis(ctx),
};
