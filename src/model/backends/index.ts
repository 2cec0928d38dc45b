/** The backend registry: one line per backend. */
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

export type { Backend, BackendCapabilities, ClusterAnalysis, ClusterContext, HostContext } from "./types.ts";
