/**
 * Address math for the model. IPv4 lives in plain 32-bit numbers and IPv6 in one bigint, because
 * ip-num's class model costs tens of microseconds per operation and IPAM runs these in loops over
 * tens of thousands of containers. ip-num stays the oracle in the property tests (addr.test.ts).
 * Nothing here throws on user input: parsers return a result with a message a person can act on.
 */
export type Family = 4 | 6;

export type Addr = { readonly family: 4; readonly value: number } | { readonly family: 6; readonly value: bigint };
export type Cidr =
  | { readonly family: 4; readonly base: number; readonly prefix: number }
  | { readonly family: 6; readonly base: bigint; readonly prefix: number };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const MAX6 = (1n << 128n) - 1n;

/**
 * Dotted quad → number: four decimal octets 0–255 without leading zeros ("01" is refused, as
 * inet_pton does). A char-code loop: it runs for every address a report is scanned for.
 */
export function parseIp4(text: string): number | undefined {
  const n = text.length;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 46; // the end closes the last octet like a dot
    if (c === 46) {
      if (digits === 0 || octet > 255 || ++parts > 4) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 3 || (digits === 1 && octet === 0)) return undefined; // four digits, or a leading zero
      octet = octet * 10 + (c - 48);
      digits++;
    } else {
      return undefined;
    }
  }
  return parts === 4 ? value : undefined;
}

function parseHextets(text: string): number[] | undefined {
  if (text === "") return [];
  const out: number[] = [];
  for (const group of text.split(":")) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    out.push(parseInt(group, 16));
  }
  return out;
}

export function parseIp6(text: string): bigint | undefined {
  let body = text;
  const lastColon = body.lastIndexOf(":");
  if (lastColon >= 0 && body.includes(".", lastColon)) {
    // An embedded dotted quad (::ffff:192.0.2.1) stands for the last two groups.
    const v4 = parseIp4(body.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = body.split("::");
  if (halves.length > 2) return undefined;
  const head = parseHextets(halves[0] ?? "");
  const tail = halves.length === 2 ? parseHextets(halves[1] ?? "") : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const g of [...head, ...new Array<number>(missing).fill(0), ...tail]) value = (value << 16n) | BigInt(g);
  return value;
}

export function parseIp(text: string): Parsed<Addr> {
  const t = text.trim();
  if (t.includes(":")) {
    const v = parseIp6(t);
    return v === undefined ? { ok: false, error: `"${text}" is not an IPv6 address` } : { ok: true, value: { family: 6, value: v } };
  }
  const v = parseIp4(t);
  return v === undefined
    ? { ok: false, error: `"${text}" is not an IPv4 address (four numbers 0–255 separated by dots, e.g. 192.168.1.10)` }
    : { ok: true, value: { family: 4, value: v } };
}

export function parseCidr(text: string): Parsed<Cidr> {
  const t = text.trim();
  const slash = t.indexOf("/");
  if (slash < 0) return { ok: false, error: `"${text}" has no prefix length (write it as address/length, e.g. 10.244.0.0/16)` };
  const ip = parseIp(t.slice(0, slash));
  if (!ip.ok) return ip;
  const lenText = t.slice(slash + 1);
  const max = ip.value.family === 4 ? 32 : 128;
  if (!/^(0|[1-9][0-9]{0,2})$/.test(lenText) || Number(lenText) > max) {
    return { ok: false, error: `"${text}": the prefix length must be a whole number from 0 to ${max}` };
  }
  const prefix = Number(lenText);
  const cidr = makeCidr(ip.value, prefix);
  if (!addrEquals(networkAddress(cidr), ip.value)) {
    return { ok: false, error: `"${text}" has host bits set: the network is ${formatCidr(cidr)}` };
  }
  return { ok: true, value: cidr };
}

/** The network of the given prefix length that contains addr. */
export function makeCidr(addr: Addr, prefix: number): Cidr {
  if (addr.family === 4) return { family: 4, base: (addr.value & mask4(prefix)) >>> 0, prefix };
  return { family: 6, base: addr.value & mask6(prefix), prefix };
}

export function mask4(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function mask6(prefix: number): bigint {
  return prefix === 0 ? 0n : (MAX6 << BigInt(128 - prefix)) & MAX6;
}

export function formatIp4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

const OCTETS: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));

/**
 * formatIp4 for runs of neighbouring addresses (a host's containers): the first three octets are
 * built once per /24 and each address costs one concatenation. Each call gets its own memo.
 */
export function ip4Formatter(): (value: number) => string {
  let high = -1;
  let prefix = "";
  return (value) => {
    if (value >>> 8 !== high) {
      high = value >>> 8;
      prefix = `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.`;
    }
    return prefix + (OCTETS[value & 255] as string);
  };
}

/** RFC 5952 canonical text: lower case, longest zero run (of two or more groups) as "::". */
export function formatIp6(value: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

export function formatIp(addr: Addr): string {
  return addr.family === 4 ? formatIp4(addr.value) : formatIp6(addr.value);
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(networkAddress(c))}/${c.prefix}`;
}

export function networkAddress(c: Cidr): Addr {
  return c.family === 4 ? { family: 4, value: c.base } : { family: 6, value: c.base };
}

export function hostBits(c: Cidr): number {
  return (c.family === 4 ? 32 : 128) - c.prefix;
}

/** How many addresses the network holds; capped at Number.MAX_SAFE_INTEGER for huge IPv6 ranges. */
export function cidrSize(c: Cidr): number {
  const bits = hostBits(c);
  return bits >= 53 ? Number.MAX_SAFE_INTEGER : 2 ** bits;
}

/** The address `offset` places after the network address (offset may be negative from the end with lastAddress). */
export function addressAt(c: Cidr, offset: number): Addr {
  if (c.family === 4) return { family: 4, value: (c.base + offset) >>> 0 };
  return { family: 6, value: c.base + BigInt(offset) };
}

export function lastAddress(c: Cidr): Addr {
  if (c.family === 4) return { family: 4, value: (c.base + 2 ** (32 - c.prefix) - 1) >>> 0 };
  return { family: 6, value: c.base + (1n << BigInt(128 - c.prefix)) - 1n };
}

export function offsetOf(c: Cidr, addr: Addr): number {
  if (c.family === 4 && addr.family === 4) return addr.value - c.base;
  if (c.family === 6 && addr.family === 6) return Number(addr.value - c.base);
  return NaN;
}

export function contains(c: Cidr, addr: Addr): boolean {
  if (c.family === 4) return addr.family === 4 && ((addr.value & mask4(c.prefix)) >>> 0) === c.base;
  return addr.family === 6 && (addr.value & mask6(c.prefix)) === c.base;
}

export function containsCidr(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && inner.prefix >= outer.prefix && contains(outer, networkAddress(inner));
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return containsCidr(a, b) || containsCidr(b, a);
}

export function addrEquals(a: Addr, b: Addr): boolean {
  return a.family === b.family && a.value === b.value;
}

export function cidrEquals(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.prefix === b.prefix && a.base === b.base;
}

export function compareAddr(a: Addr, b: Addr): number {
  if (a.family !== b.family) return a.family - b.family;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/** How many subnets of `newPrefix` fit in c (0 when newPrefix is shorter than c's). */
export function subnetCount(c: Cidr, newPrefix: number): number {
  if (newPrefix < c.prefix) return 0;
  const bits = newPrefix - c.prefix;
  return bits >= 53 ? Number.MAX_SAFE_INTEGER : 2 ** bits;
}

/** The index-th subnet of length newPrefix inside c, counting from c's start. */
export function subnetAt(c: Cidr, newPrefix: number, index: number): Cidr {
  if (c.family === 4) return { family: 4, base: (c.base + index * 2 ** (32 - newPrefix)) >>> 0, prefix: newPrefix };
  return { family: 6, base: c.base + BigInt(index) * (1n << BigInt(128 - newPrefix)), prefix: newPrefix };
}

/** Index of the subnet of length newPrefix inside c that holds addr. */
export function subnetIndexOf(c: Cidr, newPrefix: number, addr: Addr): number {
  if (c.family === 4 && addr.family === 4) return Math.floor((addr.value - c.base) / 2 ** (32 - newPrefix));
  if (c.family === 6 && addr.family === 6) return Number((addr.value - c.base) >> BigInt(128 - newPrefix));
  return NaN;
}

/** Parses a CIDR already known to be valid (schema-checked documents, constants). */
export function cidr(text: string): Cidr {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(`internal: invalid CIDR constant ${text}: ${r.error}`);
  return r.value;
}

export function ip(text: string): Addr {
  const r = parseIp(text);
  if (!r.ok) throw new Error(`internal: invalid address constant ${text}: ${r.error}`);
  return r.value;
}

/** Host-part form "10.244.1.2/24": the address with its network's prefix length. */
export function withPrefix(addr: Addr, prefix: number): string {
  return `${formatIp(addr)}/${prefix}`;
}

export function isIpv4Text(text: string): boolean {
  return !text.includes(":");
}
