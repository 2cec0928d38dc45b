/**
 * Calico IPAM made deterministic (BACKENDS.md §2.2): hosts claim blocks of the pool in host order
 * from its start; a host that needs k blocks takes k consecutive claims, so its blocks are one
 * contiguous range. Node tunnel addresses come first (calico-node takes them at startup, before
 * any pod), then containers get the next free addresses from the block start — .0 included.
 */
import { type Addr, type Cidr, addressAt, contains, formatCidr, formatIp, ip4Formatter, offsetOf, parseIp, subnetAt, subnetCount } from "../../addr/index.ts";
import { type AllocationItem, addrText, allocateAddresses } from "../../ipam.ts";
import type { Diagnostic } from "../../report.ts";
import type { ClusterContext, HostContext } from "../types.ts";
import type { CalicoConfig } from "./config.ts";
import type { PoolChoice } from "./pool.ts";

export interface HostBlocks {
  blocks: Cidr[];
  blockTexts: string[];
  /** The host's IPIP or VXLAN tunnel address (Node.spec.bgp.ipv4IPIPTunnelAddr / ipv4VXLANTunnelAddr). */
  tunnel?: Addr;
  /** The wireguard.cali / wg-v6.cali address (Node.spec.wireguard.interfaceIPv4Address). */
  wireguard?: Addr;
}

export interface FamilyAllocation {
  choice: PoolChoice;
  /** By ctx.hosts index; undefined when the pool had no room left for the host. */
  hosts: (HostBlocks | undefined)[];
  /** By ctx.hosts index, then by position in the host's containers: the address in this family, as text. */
  addresses: ((string | undefined)[] | undefined)[];
  diagnostics: Diagnostic[];
}

export interface TunnelNeeds {
  tunnel: boolean;
  wireguard: boolean;
}

export function allocateFamily(ctx: ClusterContext<CalicoConfig>, choice: PoolChoice, needs: TunnelNeeds): FamilyAllocation {
  const { pool, blockPrefix, family } = choice;
  const capacity = 2 ** ((family === 4 ? 32 : 128) - blockPrefix); // addresses per block
  const totalBlocks = subnetCount(pool, blockPrefix);
  const reserved = (needs.tunnel ? 1 : 0) + (needs.wireguard ? 1 : 0);
  const addresses: ((string | undefined)[] | undefined)[] = [];
  const diagnostics: Diagnostic[] = [];
  const hosts: (HostBlocks | undefined)[] = [];
  const left: string[] = [];
  let next = 0;
  let demanded = 0;

  for (const h of ctx.hosts) {
    // Every host claims its first block up front, even before its first container.
    const k = Math.max(1, Math.ceil((reserved + h.containers.length) / capacity));
    demanded += k;
    if (next + k > totalBlocks) {
      hosts.push(undefined);
      addresses.push(undefined);
      left.push(h.host.id);
      continue;
    }
    const blocks: Cidr[] = [];
    for (let j = 0; j < k; j++) blocks.push(subnetAt(pool, blockPrefix, next + j));
    const first = next * capacity;
    const last = (next + k) * capacity - 1;
    next += k;
    const blockTexts = blocks.map(formatCidr);
    const entry: HostBlocks = { blocks, blockTexts };
    let offset = first;
    if (needs.tunnel) entry.tunnel = addressAt(pool, offset++);
    if (needs.wireguard) entry.wireguard = addressAt(pool, offset++);
    hosts.push(entry);
    const pinned = h.containers.some((c) => (family === 4 ? c.ip : c.ip6) !== undefined);
    addresses.push(pinned ? withPins(h, entry, { pool, family, first, last, reserved: offset }, diagnostics) : sequential(pool, offset, h.containers.length));
  }

  if (left.length > 0) {
    const unplaced = new Set(left);
    const names = ctx.hosts.filter((h) => unplaced.has(h.host.id)).map((h) => `"${h.host.name}"`);
    diagnostics.push({
      code: "POOL_EXHAUSTED", severity: "error", subjects: [ctx.cluster.id, ...left],
      message: `The Calico pool ${formatCidr(pool)} of cluster "${ctx.cluster.name}" holds ${totalBlocks} block${totalBlocks === 1 ? "" : "s"} of /${blockPrefix} (${capacity} address${capacity === 1 ? "" : "es"} each) but its hosts need ${demanded}: host${left.length === 1 ? "" : "s"} ${names.join(", ")} get${left.length === 1 ? "s" : ""} no block, so ${left.length === 1 ? "its" : "their"} containers get no address. Use a larger pool (a shorter prefix), or a longer ${family === 4 ? "blockSize" : "ipv6BlockSize"} (smaller blocks) if hosts run few containers.`,
    });
  }
  return { choice, hosts, addresses, diagnostics };
}

/** The common case, no pins: containers take the addresses after the tunnel ones, in order. */
function sequential(pool: Cidr, from: number, count: number): string[] {
  const out = new Array<string>(count);
  if (pool.family === 4) {
    const format = ip4Formatter();
    for (let j = 0; j < count; j++) out[j] = format((pool.base + from + j) >>> 0);
  } else {
    for (let j = 0; j < count; j++) out[j] = formatIp(addressAt(pool, from + j));
  }
  return out;
}

interface HostRange {
  pool: Cidr;
  family: 4 | 6;
  /** Offsets from the pool's network address: the host's blocks, and the first one after its tunnel addresses. */
  first: number;
  last: number;
  reserved: number;
}

/** With pins: a pin must fall inside the host's own blocks; the shared allocator finds duplicates and fills the rest. */
function withPins(h: HostContext, entry: HostBlocks, range: HostRange, diagnostics: Diagnostic[]): (string | undefined)[] {
  const { pool, family, first, last } = range;
  const k = entry.blocks.length;
  const label = `host "${h.host.name}"'s Calico block${k === 1 ? "" : "s"} ${entry.blockTexts.join(", ")}`;
  const items = h.containers.map((c) => {
    const pin = family === 4 ? c.ip : c.ip6;
    const item: AllocationItem = { id: c.id, label: `container "${c.name}"` };
    if (pin === undefined) return item;
    const parsed = parseIp(pin);
    const off = parsed.ok && contains(pool, parsed.value) ? offsetOf(pool, parsed.value) : NaN;
    if (off >= first && off <= last) item.pinned = pin;
    else diagnostics.push({
      code: "ADDRESS_OUTSIDE_SUBNET", severity: "error", subjects: [c.id, h.host.id],
      message: `The address ${pin} pinned on container "${c.name}" is not inside ${label}. Topolab gives a host's containers addresses from its own blocks (Calico could borrow from another node's block, which adds /32 routes): pin an address from ${entry.blockTexts.join(" or ")}, or remove the pin.`,
    });
    return item;
  });
  const taken = new Set<number>();
  for (let off = first; off < range.reserved; off++) taken.add(off);
  const alloc = allocateAddresses({ cidr: pool, first, last, label, subjects: [h.host.id] }, items, taken);
  diagnostics.push(...alloc.diagnostics);
  return h.containers.map((c) => addrText(alloc.addresses.get(c.id)));
}
