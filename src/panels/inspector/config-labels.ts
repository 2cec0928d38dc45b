/**
 * Words for the backend fields the inspector generates from the config schemas: a label per key
 * (a key without one gets its camelCase split into words, so a new backend's fields still read
 * well), and what an absent optional field means, shown as the placeholder (an empty pool field
 * shows the pool in use instead, read from the report: see problems.ts poolInUse).
 */
const LABELS: Record<string, string> = {
  network: "Network",
  subnetLen: "Subnet length",
  subnetMin: "Subnet min",
  subnetMax: "Subnet max",
  ipv6Network: "IPv6 network",
  ipv6SubnetLen: "IPv6 subnet length",
  subnetManager: "Subnet manager",
  vni: "VNI",
  port: "UDP port",
  directRouting: "Direct routing",
  udpEncap: "UDP encapsulation (NAT traversal)",
  pool: "Pool CIDR",
  blockSize: "Block size",
  ipv6Pool: "IPv6 pool CIDR",
  ipv6BlockSize: "IPv6 block size",
  wireguard: "WireGuard encryption",
  natOutgoing: "NAT outgoing",
  asNumber: "AS number",
  range: "IP range",
  encrypted: "Encrypted",
  mtu: "MTU",
  defaultAddrPool: "Default address pool",
  maskLength: "Mask length",
  subnet: "Subnet",
  kvStore: "KV store",
  dataPathPort: "Data path port",
  cidr: "Network",
  greKey: "GRE key",
  server: "Server host",
  tunnelNetwork: "Tunnel network",
  containerPool: "Container pool",
  tunnelNetwork6: "IPv6 tunnel network",
  containerPool6: "IPv6 container pool",
  topology: "Topology",
  parent: "Parent interface",
  bip: "Bridge address (bip)",
};

/** Per backend type, where one key means something else ("port" is OpenVPN's server port). */
const TYPE_LABELS: Record<string, Record<string, string>> = {
  openvpn: { port: "Server port" },
};

/** What an absent optional field means. */
const ABSENT: Record<string, string> = {
  subnetLen: "auto (24)",
  subnetMin: "the first subnet",
  subnetMax: "the last subnet",
  ipv6SubnetLen: "auto",
  port: "8472 vxlan, 8285 udp",
  pool: "auto",
  subnet: "next free in the pool",
  kvStore: "consul://10.0.0.5:8500",
  mtu: "the backend's own",
  "weave.mtu": "1376 (fastdp)",
  "docker-overlay.mtu": "Docker's (from 1500)",
  bip: "the first free local pool",
};

const ENUM_ABSENT: Record<string, string> = {
  subnetManager: "By orchestrator",
  server: "The first host",
};

export function configLabel(type: string, key: string): string {
  return TYPE_LABELS[type]?.[key] ?? LABELS[key] ?? humanise(key);
}

/** The placeholder of an empty field: its default value, or what absence means. */
export function configPlaceholder(type: string, key: string, fallback: unknown): string {
  if (fallback !== undefined) return String(fallback);
  return ABSENT[`${type}.${key}`] ?? ABSENT[key] ?? "default";
}

/** The label of a select's "not set" option. */
export function configAbsentOption(key: string): string {
  return ENUM_ABSENT[key] ?? "Default";
}

/** "dataPathPort" → "Data path port". */
export function humanise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A backend and its mode in a sentence: "Calico (IP-in-IP)", "flannel (VXLAN)" — the labels without their asides. */
export function backendSentence(backendLabel: string, modeLabel: string): string {
  const bare = (label: string) => label.replace(/\s*\([^)]*\)\s*$/, "").trim();
  const mode = bare(modeLabel).split(/[,:]/)[0]!.trim();
  return mode ? `${bare(backendLabel)} (${mode})` : bare(backendLabel);
}
