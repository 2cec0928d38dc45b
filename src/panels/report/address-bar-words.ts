/**
 * The address bar's words (AddressBar.tsx): its accessible name, the sentence under it and the
 * description of the segment pointed at. Pure: no React.
 */
import type { PlanHolder as Holder } from "./address-plan.ts";
import { type BarLayout, type BarSegment, formatCount, formatSpanRange, fraction } from "./address-layout.ts";

/** A share of something non-empty as people read it: "12%", "1.2%", "<0.1%" for a sliver. */
const percent = (share: number) => (share >= 0.1 ? `${Math.round(share * 100)}%` : share >= 0.001 ? `${(share * 100).toFixed(1)}%` : "<0.1%");

/** How much of `whole` `part` is: "0%" only when it is nothing at all (a sliver of an IPv6 pool is "<0.1%"). */
export const shareOf = (part: bigint, whole: bigint) => (part === 0n ? "0%" : percent(fraction(part, whole)));

/** "1 range", "4 ranges", "4 addresses". */
export function countOf(n: number, noun: string): string {
  if (n === 1) return `1 ${noun}`;
  return `${n} ${/(s|x|z|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`}`;
}

/** The bar's accessible name: what it shows, how much of it is held, as how many parts, by whom. */
export function describeBar(title: string, layout: BarLayout<Holder>, noun: string): string {
  const { pool, segments } = layout;
  const holders = new Set(segments.flatMap((s) => s.data.map((h) => h.id)));
  return (
    `${title}: ${formatCount(layout.used)} of ${formatCount(pool.size)} addresses (${shareOf(layout.used, pool.size)}) held as ${countOf(segments.length, noun)} by ${countOf(holders.size, "holder")}` +
    (segments.length > 0 ? `: ${segments.slice(0, 8).map((s) => `${s.data.map((h) => h.name).join("/")} ${s.text}`).join(", ")}${segments.length > 8 ? `, and ${segments.length - 8} more` : ""}` : "") +
    (layout.enlarged ? ". Small parts are drawn wider than their share." : ".")
  );
}

export function describeSegment(seg: BarSegment<Holder>): string {
  const who = seg.data.map((h) => h.name).join(", ");
  const use = seg.data.length === 1 ? seg.data[0]!.use : `each its own; ${seg.data.map((h) => `${h.name}: ${h.use}`).join("; ")}`;
  const size = seg.span.size === 1n ? "" : ` (${formatCount(seg.span.size)} addresses, ${percent(seg.share)})`;
  return `${seg.text} — ${who}${size} — ${use}`;
}

/** The sentence under a bar when no segment is pointed at: how much is held, and the largest free range. */
export function describeLayout(layout: BarLayout<Holder>): string {
  const largest = layout.gaps.reduce<(typeof layout.gaps)[number] | undefined>((best, g) => (!best || g.span.size > best.span.size ? g : best), undefined);
  return (
    `${formatCount(layout.used)} of ${formatCount(layout.pool.size)} addresses held (${shareOf(layout.used, layout.pool.size)}). ` +
    (largest ? `Largest free range: ${formatSpanRange(largest.span)}.` : "No free range left.")
  );
}

