/**
 * Address allocation shared by every backend: hand out addresses inside one range in order,
 * honouring pinned ones, and say precisely what is wrong when a pin is outside, taken twice, or the
 * range is full. Deterministic: the same input always gives the same addresses.
 */
import { type Addr, type Cidr, addressAt, cidrSize, contains, formatCidr, formatIp, offsetOf, parseIp } from "./addr/index.ts";
import type { Diagnostic } from "./report.ts";

export interface AllocationItem {
  id: string;
  /** The pinned address as the user typed it, if any. */
  pinned?: string | undefined;
  /** Words for messages: 'container "web"'. */
  label: string;
}

export interface AllocationRange {
  cidr: Cidr;
  /** First and last offsets (from the network address) that may be handed out. */
  first: number;
  last: number;
  /** Words for messages: 'host node-1's subnet 10.244.1.0/24'. */
  label: string;
  /** Ids named by an exhaustion diagnostic besides the items themselves (the host, the cluster). */
  subjects: string[];
}

export interface Allocation {
  addresses: Map<string, Addr>;
  diagnostics: Diagnostic[];
}

/** The usable offsets of a subnet as Linux bridges use it: skip the network address, and for IPv4 the broadcast. */
export function usableRange(c: Cidr, firstOffset: number): { first: number; last: number } {
  const size = cidrSize(c);
  if (c.family === 4 && c.prefix >= 31) return { first: 0, last: size - 1 };
  return { first: firstOffset, last: c.family === 4 ? size - 2 : size - 1 };
}

/**
 * Gives each item an address from range: pinned items first (so the next free address skips them),
 * then the others in order from range.first. `taken` holds offsets already in use (gateways, hosts)
 * and is updated.
 */
export function allocateAddresses(range: AllocationRange, items: readonly AllocationItem[], taken: Set<number>): Allocation {
  const addresses = new Map<string, Addr>();
  const diagnostics: Diagnostic[] = [];
  const pinnedBy = new Map<number, string>();
  const free: AllocationItem[] = [];
  for (const item of items) {
    if (item.pinned === undefined) { free.push(item); continue; }
    const parsed = parseIp(item.pinned);
    if (!parsed.ok || !contains(range.cidr, parsed.value)) {
      diagnostics.push({
        code: "ADDRESS_OUTSIDE_SUBNET", severity: "error", subjects: [item.id],
        message: `The address ${item.pinned} pinned on ${item.label} is not inside ${range.label}. Pin an address from ${formatCidr(range.cidr)}, or remove the pin to get the next free one.`,
      });
      free.push(item);
      continue;
    }
    const offset = offsetOf(range.cidr, parsed.value);
    const owner = pinnedBy.get(offset);
    if (owner !== undefined || taken.has(offset)) {
      diagnostics.push({
        code: "DUPLICATE_ADDRESS", severity: "error", subjects: owner ? [owner, item.id] : [item.id],
        message: `The address ${item.pinned} of ${item.label} is already in use${owner ? ` by "${owner}"` : " (a gateway or another pinned address)"} in ${range.label}. Every address must be unique: pin another one or remove the pin.`,
      });
      addresses.set(item.id, parsed.value);
      continue;
    }
    pinnedBy.set(offset, item.id);
    addresses.set(item.id, parsed.value);
  }
  for (const offset of pinnedBy.keys()) taken.add(offset);
  let next = range.first;
  const unplaced: string[] = [];
  for (const item of free) {
    while (next <= range.last && taken.has(next)) next++;
    if (next > range.last) { unplaced.push(item.id); continue; }
    taken.add(next);
    addresses.set(item.id, addressAt(range.cidr, next));
    next++;
  }
  if (unplaced.length > 0) diagnostics.push(exhausted(range, items.length, unplaced));
  return { addresses, diagnostics };
}

/**
 * allocateAddresses for `count` items none of which is pinned: the same offsets (the k-th item takes
 * the k-th free offset from range.first) and the same SUBNET_EXHAUSTED diagnostic, as offsets by item
 * position, -1 for an item left without one. No map, label or address object per item: backends call
 * this for every container of a 50,000-container cluster. `taken` is only read, so a caller whose
 * later ranges could overlap this one must use allocateAddresses.
 */
export function allocateInOrder(range: AllocationRange, count: number, taken: ReadonlySet<number>, idOf: (k: number) => string): { offsets: number[]; diagnostics: Diagnostic[] } {
  const offsets = new Array<number>(count);
  let next = range.first;
  let placed = 0;
  for (; placed < count; placed++) {
    while (next <= range.last && taken.has(next)) next++;
    if (next > range.last) break;
    offsets[placed] = next++;
  }
  if (placed === count) return { offsets, diagnostics: [] };
  const unplaced: string[] = [];
  for (let k = placed; k < count; k++) {
    offsets[k] = -1;
    unplaced.push(idOf(k));
  }
  return { offsets, diagnostics: [exhausted(range, count, unplaced)] };
}

function exhausted(range: AllocationRange, needed: number, unplaced: string[]): Diagnostic {
  const capacity = Math.max(0, range.last - range.first + 1);
  return {
    code: "SUBNET_EXHAUSTED", severity: "error", subjects: [...range.subjects, ...unplaced],
    message: `${capitalise(range.label)} holds ${capacity} usable address${capacity === 1 ? "" : "es"} but ${needed} are needed: ${unplaced.length} ${unplaced.length === 1 ? "gets" : "get"} no address. Use a larger subnet (a shorter prefix) or fewer containers here.`,
  };
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function addrText(a: Addr | undefined): string | undefined {
  return a === undefined ? undefined : formatIp(a);
}
