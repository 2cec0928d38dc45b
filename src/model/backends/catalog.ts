/**
 * The backend catalog: what each backend is (label, modes, explanation, capabilities), one line per
 * backend, without any analysis. The UI reads this; index.ts (the analysis registry, for analyze.ts)
 * adds each backend's analyze() to the same entries.
 *
 * Must not import, even transitively, a backend's index.ts or analysis module (only info.ts,
 * config.ts and small helpers such as flannel/modes.ts): whatever this reaches lands in the main
 * thread's initial JS. catalog.test.ts checks it.
 */
import type { BackendConfig, BackendType } from "./configs.ts";
import type { BackendInfo } from "./types.ts";
import { bridgeInfo } from "./bridge/info.ts";
import { flannelInfo } from "./flannel/info.ts";
import { calicoInfo } from "./calico/info.ts";
import { weaveInfo } from "./weave/info.ts";
import { dockerOverlayInfo } from "./docker-overlay/info.ts";
import { ovsInfo } from "./ovs/info.ts";
import { openvpnInfo } from "./openvpn/info.ts";
import { ipvlanInfo } from "./ipvlan/info.ts";
import { macvlanInfo } from "./macvlan/info.ts";

type Catalog = { [T in BackendType]: BackendInfo<Extract<BackendConfig, { type: T }>> };

export const backendInfo: Catalog = {
  bridge: bridgeInfo,
  flannel: flannelInfo,
  calico: calicoInfo,
  weave: weaveInfo,
  "docker-overlay": dockerOverlayInfo,
  ovs: ovsInfo,
  openvpn: openvpnInfo,
  ipvlan: ipvlanInfo,
  macvlan: macvlanInfo,
};

/** The info of the config's backend, typed for any config (capabilities takes the config itself). */
export function backendInfoFor(config: BackendConfig): BackendInfo {
  return backendInfo[config.type] as unknown as BackendInfo;
}

export type { BackendCapabilities, BackendInfo, BackendMode } from "./types.ts";
