/** PLACEHOLDER: being implemented. */
import type { Backend } from "../types.ts";
import type { OvsConfig } from "./config.ts";
import { ovsConfig } from "./config.ts";
import { placeholderAnalysis } from "../placeholder.ts";

export const ovs: Backend<OvsConfig> = {
  type: "ovs",
  label: "ovs",
  modes: ovsConfig.shape.mode.unwrap().options.map((id) => ({ id, label: id })),
  description: "",
  topolabDefaults: "",
  capabilities: () => ({ ipv6: false, orchestrators: ["kubernetes", "swarm", "docker", "nomad", "none"], encryption: false, policy: false, datastore: "", containersOnUnderlay: false, crossHost: true }),
  analyze: (ctx) => placeholderAnalysis(ctx),
};
