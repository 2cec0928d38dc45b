/**
 * Weave Net: what the UI shows of it (label, modes, explanation, capabilities), without the
 * analysis (index.ts). Imports no analysis module: the UI loads this at start through catalog.ts,
 * the analysis runs in the worker.
 */
import type { BackendInfo } from "../types.ts";
import type { WeaveConfig } from "./config.ts";

export const weaveInfo: BackendInfo<WeaveConfig> = {
  type: "weave",
  label: "Weave Net",
  modes: [
    { id: "fastdp", label: "fastdp (kernel VXLAN)" },
    { id: "sleeve", label: "sleeve (userspace UDP)" },
  ],
  description:
    "Always encapsulated: fastdp (kernel VXLAN over UDP 6784) or sleeve (Weave's own UDP framing on 6783) joins the hosts' weave bridges into one flat L2 network over the whole range, with no per-host subnets or routes. State is gossiped between peers (the IPAM ring is a CRDT, kept in a local weavedb file): no datastore. Optional encryption (NaCl for sleeve, IPsec ESP for fastdp), network policy with weave-npc; Kubernetes (CNI) and plain Docker; no IPv6.",
  topolabDefaults:
    "IPALLOC_RANGE 10.32.0.0/12 and consensus among all hosts, as weave-kube starts it. The ring is split the way Weave's code does it (recursive halving, so every share is a CIDR block: 3 hosts get /13, /14, /14), in host order; real Weave orders the peers by their names (MAC addresses), so which host gets which share differs. Each host's first share address goes to the weave bridge (`weave expose`, which weave-kube runs at start; the range's network address is never used), containers follow in document order. MTU 1376 for fastdp, 65535 for sleeve (Weave's defaults); WEAVE_MTU overrides. Weave Net is unmaintained: its last commit was in 2022.",
  capabilities: (config) => ({
    ipv6: false,
    orchestrators: ["kubernetes", "docker", "none"],
    encryption: config.encrypted,
    policy: true,
    datastore: "none (gossip CRDT, weavedb file)",
    ...(config.mode === "fastdp" ? { minKernel: { version: "3.12", reason: "fastdp uses the kernel's Open vSwitch datapath with VXLAN; older kernels fall back to sleeve" } } : {}),
    containersOnUnderlay: false,
    crossHost: true,
  }),
};
