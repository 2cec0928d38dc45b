/**
 * OpenVPN as a host-level VPN between container hosts (BACKENDS.md §6, vector 21): hub and spoke,
 * each host's container bridge routed across the tunnel. analyze.ts holds the plan, tunnel.ts the
 * tun addresses, containers.ts the bridges.
 */
import type { Backend } from "../types.ts";
import { analyzeOpenvpn } from "./analyze.ts";
import type { OpenvpnConfig } from "./config.ts";
import { openvpnInfo } from "./info.ts";

export const openvpn: Backend<OpenvpnConfig> = { ...openvpnInfo, analyze: analyzeOpenvpn };
