/** PLACEHOLDER: being implemented. */
import type { Backend } from "../types.ts";
import type { WeaveConfig } from "./config.ts";
import { weaveConfig } from "./config.ts";
import { placeholderAnalysis } from "../placeholder.ts";

export const weave: Backend<WeaveConfig> = {
  type: "weave",
  label: "weave",
  modes: weaveConfig.shape.mode.unwrap().options.map((id) => ({ id, label: id })),
  description: "",
  topolabDefaults: "",
  capabilities: () => ({ ipv6: false, orchestrators: ["kubernetes", "swarm", "docker", "nomad", "none"], encryption: false, policy: false, datastore: "", containersOnUnderlay: false, crossHost: true }),
  analyze: (ctx) => placeholderAnalysis(ctx),
};
