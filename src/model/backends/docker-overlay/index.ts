/** PLACEHOLDER: being implemented. */
import type { Backend } from "../types.ts";
import type { DockerOverlayConfig } from "./config.ts";
import { dockerOverlayConfig } from "./config.ts";
import { placeholderAnalysis } from "../placeholder.ts";

export const dockerOverlay: Backend<DockerOverlayConfig> = {
  type: "docker-overlay",
  label: "docker-overlay",
  modes: dockerOverlayConfig.shape.mode.unwrap().options.map((id) => ({ id, label: id })),
  description: "",
  topolabDefaults: "",
  capabilities: () => ({ ipv6: false, orchestrators: ["kubernetes", "swarm", "docker", "nomad", "none"], encryption: false, policy: false, datastore: "", containersOnUnderlay: false, crossHost: true }),
  analyze: (ctx) => placeholderAnalysis(ctx),
};
