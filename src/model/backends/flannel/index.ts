/** PLACEHOLDER: being implemented. */
import type { Backend } from "../types.ts";
import type { FlannelConfig } from "./config.ts";
import { flannelConfig } from "./config.ts";
import { placeholderAnalysis } from "../placeholder.ts";

export const flannel: Backend<FlannelConfig> = {
  type: "flannel",
  label: "flannel",
  modes: flannelConfig.shape.mode.unwrap().options.map((id) => ({ id, label: id })),
  description: "",
  topolabDefaults: "",
  capabilities: () => ({ ipv6: false, orchestrators: ["kubernetes", "swarm", "docker", "nomad", "none"], encryption: false, policy: false, datastore: "", containersOnUnderlay: false, crossHost: true }),
  analyze: (ctx) => placeholderAnalysis(ctx),
};
