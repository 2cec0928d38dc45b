/**
 * The geometry of an address bar: a pool (or an underlay) drawn as one horizontal bar, with the
 * parts hosts hold (subnets, Calico blocks, Weave shares, single addresses) as segments in address
 * order. Pure: no React, no DOM.
 *
 * Widths follow each part's share of the pool, except that a used part is never drawn narrower
 * than `minWidth` (a /26 in a /16 is 0.1% of it: invisible at true scale). The free gaps between
 * parts give up the room the enlarged parts take, so address order and the free space stay
 * readable; when even that is not enough (hundreds of tiny parts), every used part shrinks alike.
 */
import { type Addr, formatIp, parseCidr, parseIp } from "../../model/addr/index.ts";

/** A run of addresses: [start, start + size). IPv4 and IPv6 alike, as bigints. */
export interface AddressSpan {
  family: 4 | 6;
  start: bigint;
  size: bigint;
}

const toBig = (a: Addr) => BigInt(a.value);

/** "10.244.1.0/24", a Weave share "10.32.0.0–10.32.0.9", or one address "192.168.1.11". */
export function parseSpan(text: string): AddressSpan | undefined {
  const dash = text.indexOf("–");
  if (dash >= 0) {
    const a = parseIp(text.slice(0, dash));
    const b = parseIp(text.slice(dash + 1));
    if (!a.ok || !b.ok || a.value.family !== b.value.family) return undefined;
    const start = toBig(a.value);
    const end = toBig(b.value);
    return end < start ? undefined : { family: a.value.family, start, size: end - start + 1n };
  }
  if (text.includes("/")) {
    const c = parseCidr(text);
    if (!c.ok) return undefined;
    const bits = BigInt((c.value.family === 4 ? 32 : 128) - c.value.prefix);
    return { family: c.value.family, start: BigInt(c.value.base), size: 1n << bits };
  }
  const a = parseIp(text);
  return a.ok ? { family: a.value.family, start: toBig(a.value), size: 1n } : undefined;
}

export function spanContains(outer: AddressSpan, inner: AddressSpan): boolean {
  return outer.family === inner.family && inner.start >= outer.start && inner.start + inner.size <= outer.start + outer.size;
}

export function formatAddress(family: 4 | 6, value: bigint): string {
  return formatIp(family === 4 ? { family: 4, value: Number(value) } : { family: 6, value });
}

/** "10.244.3.0 – 10.244.255.255" */
export function formatSpanRange(span: AddressSpan): string {
  return span.size === 1n
    ? formatAddress(span.family, span.start)
    : `${formatAddress(span.family, span.start)} – ${formatAddress(span.family, span.start + span.size - 1n)}`;
}

/** "65,536", or "2^64" when the number stops meaning anything to a person. */
export function formatCount(n: bigint): string {
  if (n < 1n << 40n) return n.toLocaleString("en-US");
  const bits = n.toString(2).length - 1;
  return n === 1n << BigInt(bits) ? `2^${bits}` : `~2^${bits}`;
}

/** a / b as a number in [0, 1], precise enough for drawing even for IPv6 (bigint inputs). */
export function fraction(a: bigint, b: bigint): number {
  if (b <= 0n) return 0;
  const SCALE = 1_000_000_000_000n;
  return Number((a * SCALE) / b) / Number(SCALE);
}

export interface BarPart<T> {
  /** The part's text as the report gives it (a CIDR, a range or an address). */
  text: string;
  data: T;
}

export interface BarSegment<T> {
  text: string;
  /** Everything that holds exactly this range (one host's subnet; every host's own docker0 network). */
  data: T[];
  span: AddressSpan;
  /** Left edge and width, as fractions of the bar (0–1). */
  x: number;
  width: number;
  /** The part's true share of the pool. */
  share: number;
}

export interface BarGap {
  span: AddressSpan;
  x: number;
  width: number;
}

export interface BarLayout<T> {
  pool: AddressSpan;
  segments: BarSegment<T>[];
  gaps: BarGap[];
  /** Addresses held by the parts (overlaps counted once). */
  used: bigint;
  /** Whether some part is drawn wider than its share (the picture is not to scale). */
  enlarged: boolean;
  /** Parts that are not inside the pool (or do not parse) and are left out of the picture. */
  outside: BarPart<T>[];
}

export interface BarOptions {
  /** The narrowest a used part is drawn, as a fraction of the bar (default 0.008: 3 px of 375). */
  minWidth?: number;
  /** The room free space keeps when the parts' minimum widths would fill the bar (default 0.1). */
  freeReserve?: number;
}

/** Lays out the parts of a pool along one bar. Parts outside the pool are listed in `outside`. */
export function layoutAddressBar<T>(poolText: string, parts: readonly BarPart<T>[], options: BarOptions = {}): BarLayout<T> | undefined {
  const pool = parseSpan(poolText);
  if (!pool) return undefined;
  const minWidth = options.minWidth ?? 0.008;
  const freeReserve = options.freeReserve ?? 0.1;
  const poolEnd = pool.start + pool.size;

  const outside: BarPart<T>[] = [];
  // Parts holding the very same range become one segment.
  const byRange = new Map<string, { text: string; data: T[]; span: AddressSpan }>();
  for (const part of parts) {
    const span = parseSpan(part.text);
    if (!span || !spanContains(pool, span)) {
      outside.push(part);
      continue;
    }
    const key = `${span.start}+${span.size}`;
    const same = byRange.get(key);
    if (same) same.data.push(part.data);
    else byRange.set(key, { text: part.text, data: [part.data], span });
  }
  const inside = [...byRange.values()];
  inside.sort((a, b) => (a.span.start < b.span.start ? -1 : a.span.start > b.span.start ? 1 : 0));

  // Walk in address order: free gaps between the parts, overlaps clipped to what is new.
  type Interval = { kind: "used"; part: { text: string; data: T[] }; span: AddressSpan; share: number; w: number } | { kind: "free"; span: AddressSpan; share: number; w: number };
  const intervals: Interval[] = [];
  let cursor = pool.start;
  let used = 0n;
  for (const part of inside) {
    const { span } = part;
    if (span.start > cursor) {
      const gap = { family: pool.family, start: cursor, size: span.start - cursor };
      intervals.push({ kind: "free", span: gap, share: fraction(gap.size, pool.size), w: 0 });
    }
    const end = span.start + span.size;
    const fresh = end > cursor ? end - (span.start > cursor ? span.start : cursor) : 0n;
    used += fresh;
    intervals.push({ kind: "used", part, span, share: fraction(fresh, pool.size), w: 0 });
    if (end > cursor) cursor = end;
  }
  if (cursor < poolEnd) {
    const gap = { family: pool.family, start: cursor, size: poolEnd - cursor };
    intervals.push({ kind: "free", span: gap, share: fraction(gap.size, pool.size), w: 0 });
  }

  let usedWidth = 0;
  let freeShare = 0;
  for (const it of intervals) {
    if (it.kind === "used") {
      it.w = Math.max(it.share, minWidth);
      usedWidth += it.w;
    } else freeShare += it.share;
  }
  let usedScale = 1;
  let freeScale = 1;
  if (freeShare === 0) usedScale = usedWidth > 0 ? 1 / usedWidth : 1;
  else if (usedWidth <= 1 - Math.min(freeShare, freeReserve) || usedWidth === 0) freeScale = (1 - usedWidth) / freeShare;
  else {
    const freeTotal = Math.min(freeShare, freeReserve);
    usedScale = (1 - freeTotal) / usedWidth;
    freeScale = freeTotal / freeShare;
  }

  const segments: BarSegment<T>[] = [];
  const gaps: BarGap[] = [];
  let x = 0;
  let enlarged = false;
  for (const it of intervals) {
    if (it.kind === "used") {
      const width = it.w * usedScale;
      if (width > it.share * 1.01 + 1e-9) enlarged = true;
      segments.push({ text: it.part.text, data: it.part.data, span: it.span, x, width, share: it.share });
      x += width;
    } else {
      const width = it.share * freeScale;
      gaps.push({ span: it.span, x, width });
      x += width;
    }
  }
  return { pool, segments, gaps, used, enlarged, outside };
}

/**
 * The smallest aligned network (a CIDR) holding every segment of a layout, when it is at most
 * 1/`factor` of the pool: the region worth a zoomed second bar (three /24s of a /16 → their /22).
 * None for fewer than two parts.
 */
export function zoomCidr<T>(layout: BarLayout<T>, factor = 8n): string | undefined {
  const { segments, pool } = layout;
  if (segments.length < 2) return undefined; // one part alone: the bar already says all there is
  let lo = segments[0]!.span.start;
  let hi = lo;
  for (const s of segments) {
    if (s.span.start < lo) lo = s.span.start;
    const end = s.span.start + s.span.size - 1n;
    if (end > hi) hi = end;
  }
  const hostBits = lo === hi ? 0 : (lo ^ hi).toString(2).length;
  const size = 1n << BigInt(hostBits);
  if (size * factor > pool.size) return undefined;
  const start = (lo >> BigInt(hostBits)) << BigInt(hostBits);
  return `${formatAddress(pool.family, start)}/${(pool.family === 4 ? 32 : 128) - hostBits}`;
}
