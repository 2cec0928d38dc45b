/**
 * Open vSwitch bridges joined by a full mesh of tunnels (BACKENDS.md §5, vector 20): one flat
 * container subnet over every host. analyze.ts holds the allocation and routes, tunnels.ts the
 * per-tunnel facts.
 */
import type { Backend } from "../types.ts";
import { analyzeOvs } from "./analyze.ts";
import type { OvsConfig } from "./config.ts";
import { ovsInfo } from "./info.ts";

export const ovs: Backend<OvsConfig> = { ...ovsInfo, analyze: analyzeOvs };
