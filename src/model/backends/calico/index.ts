/** PLACEHOLDER: being implemented. */
import type { Backend } from "../types.ts";
import type { CalicoConfig } from "./config.ts";
import { calicoConfig } from "./config.ts";
import { placeholderAnalysis } from "../placeholder.ts";

export const calico: Backend<CalicoConfig> = {
  type: "calico",
  label: "calico",
  modes: calicoConfig.shape.mode.unwrap().options.map((id) => ({ id, label: id })),
  description: "",
  topolabDefaults: "",
  capabilities: () => ({ ipv6: false, orchestrators: ["kubernetes", "swarm", "docker", "nomad", "none"], encryption: false, policy: false, datastore: "", containersOnUnderlay: false, crossHost: true }),
  analyze: (ctx) => placeholderAnalysis(ctx),
};
