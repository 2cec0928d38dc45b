/** PLACEHOLDER: being implemented. */
import type { Backend } from "../types.ts";
import type { MacvlanConfig } from "./config.ts";
import { macvlanConfig } from "./config.ts";
import { placeholderAnalysis } from "../placeholder.ts";

export const macvlan: Backend<MacvlanConfig> = {
  type: "macvlan",
  label: "macvlan",
  modes: macvlanConfig.shape.mode.unwrap().options.map((id) => ({ id, label: id })),
  description: "",
  topolabDefaults: "",
  capabilities: () => ({ ipv6: false, orchestrators: ["kubernetes", "swarm", "docker", "nomad", "none"], encryption: false, policy: false, datastore: "", containersOnUnderlay: false, crossHost: true }),
  analyze: (ctx) => placeholderAnalysis(ctx),
};
