/**
 * How Weave's IPAM ring is first divided between the peers that reach consensus (BACKENDS.md §3).
 * The docs say "an equal share each"; the code (ipam/ring/ring.go ClaimForPeers → subdivide) halves
 * the range recursively, giving the first half of the peers the first half of the range, so every
 * share is a CIDR-aligned block and shares differ by at most a factor of two: 3 peers on 10.32.0.0/12
 * get 10.32.0.0/13, 10.40.0.0/14 and 10.44.0.0/14.
 */
import { type Cidr, formatIp4 } from "../../addr/index.ts";

/** A peer's share, as offsets from the range's network address. */
export interface RingShare {
  start: number;
  size: number;
}

/**
 * The share of each of `peers` peers (in order) in a range of `size` addresses. A peer gets nothing
 * (undefined) only when there are more peers than addresses, as in subdivide's share == 1 case.
 */
export function consensusShares(size: number, peers: number): (RingShare | undefined)[] {
  const out: (RingShare | undefined)[] = new Array<RingShare | undefined>(peers).fill(undefined);
  const subdivide = (from: number, share: number, lo: number, hi: number): void => {
    if (share === 0 || lo >= hi) return;
    if (share === 1 || hi - lo === 1) {
      out[lo] = { start: from, size: share };
      return;
    }
    const half = Math.floor(share / 2);
    const midPeer = lo + Math.floor((hi - lo) / 2);
    subdivide(from, half, lo, midPeer);
    subdivide(from + half + (share % 2), half, midPeer, hi);
  };
  subdivide(0, size, 0, peers);
  return out;
}

/** A share as a person reads it: a CIDR when it is one (always, for a CIDR range), else "first–last". */
export function formatShare(range: Cidr & { family: 4 }, share: RingShare): string {
  const first = (range.base + share.start) >>> 0;
  const bits = Math.log2(share.size);
  if (Number.isInteger(bits) && share.start % share.size === 0) return `${formatIp4(first)}/${32 - bits}`;
  return `${formatIp4(first)}–${formatIp4((first + share.size - 1) >>> 0)}`;
}
