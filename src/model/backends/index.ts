/**
 * The analysis registry: one line per backend, each entry its info (catalog.ts, <name>/info.ts) plus
 * its analyze() (<name>/index.ts). analyze.ts reads this, in the worker and the CLI; the UI reads
 * catalog.ts instead, so the analysis stays out of the main thread's initial JS.
 */
import type { BackendConfig, BackendType } from "../document.ts";
import type { Backend } from "./types.ts";
import { bridge } from "./bridge/index.ts";
import { flannel } from "./flannel/index.ts";
import { calico } from "./calico/index.ts";
import { weave } from "./weave/index.ts";
import { dockerOverlay } from "./docker-overlay/index.ts";
import { ovs } from "./ovs/index.ts";
import { openvpn } from "./openvpn/index.ts";
import { ipvlan } from "./ipvlan/index.ts";
import { macvlan } from "./macvlan/index.ts";

type Registry = { [T in BackendType]: Backend<Extract<BackendConfig, { type: T }>> };

export const backends: Registry = {
  bridge,
  flannel,
  calico,
  weave,
  "docker-overlay": dockerOverlay,
  ovs,
  openvpn,
  ipvlan,
  macvlan,
};

export function backendFor(config: BackendConfig): Backend {
  return backends[config.type] as unknown as Backend;
}

export type { Backend, BackendCapabilities, BackendInfo, ClusterAnalysis, ClusterContext, HostContext } from "./types.ts";
