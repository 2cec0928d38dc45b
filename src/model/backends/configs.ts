/** The backends' config schemas, one line each; document.ts builds the `backend` union from them. */
import { z } from "zod";
import { bridgeConfig } from "./bridge/config.ts";
import { flannelConfig } from "./flannel/config.ts";
import { calicoConfig } from "./calico/config.ts";
import { weaveConfig } from "./weave/config.ts";
import { dockerOverlayConfig } from "./docker-overlay/config.ts";
import { ovsConfig } from "./ovs/config.ts";
import { openvpnConfig } from "./openvpn/config.ts";
import { ipvlanConfig } from "./ipvlan/config.ts";
import { macvlanConfig } from "./macvlan/config.ts";

export const backendConfig = z.discriminatedUnion("type", [
  bridgeConfig,
  flannelConfig,
  calicoConfig,
  weaveConfig,
  dockerOverlayConfig,
  ovsConfig,
  openvpnConfig,
  ipvlanConfig,
  macvlanConfig,
]);
export type BackendConfig = z.infer<typeof backendConfig>;
export type BackendType = BackendConfig["type"];
export const BACKEND_TYPES = backendConfig.options.map((o) => o.shape.type.value) as BackendType[];
