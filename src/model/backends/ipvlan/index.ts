/** PLACEHOLDER: being implemented. */
import type { Backend } from "../types.ts";
import type { IpvlanConfig } from "./config.ts";
import { ipvlanConfig } from "./config.ts";
import { placeholderAnalysis } from "../placeholder.ts";

export const ipvlan: Backend<IpvlanConfig> = {
  type: "ipvlan",
  label: "ipvlan",
  modes: ipvlanConfig.shape.mode.unwrap().options.map((id) => ({ id, label: id })),
  description: "",
  topolabDefaults: "",
  capabilities: () => ({ ipv6: false, orchestrators: ["kubernetes", "swarm", "docker", "nomad", "none"], encryption: false, policy: false, datastore: "", containersOnUnderlay: false, crossHost: true }),
  analyze: (ctx) => placeholderAnalysis(ctx),
};
