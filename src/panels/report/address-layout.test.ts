import { describe, expect, it } from "vitest";
import { formatCount, formatSpanRange, layoutAddressBar, parseSpan, zoomCidr } from "./address-layout.ts";

const parts = (...texts: string[]) => texts.map((text, i) => ({ text, data: i }));
const total = (l: { segments: { width: number }[]; gaps: { width: number }[] }) =>
  [...l.segments, ...l.gaps].reduce((sum, s) => sum + s.width, 0);

describe("parseSpan", () => {
  it("reads CIDRs, Weave ranges and single addresses, IPv4 and IPv6", () => {
    expect(parseSpan("10.244.1.0/24")).toEqual({ family: 4, start: 0x0af40100n, size: 256n });
    expect(parseSpan("10.32.0.0–10.32.0.9")).toEqual({ family: 4, start: 0x0a200000n, size: 10n });
    expect(parseSpan("192.168.1.11")).toEqual({ family: 4, start: 0xc0a8010bn, size: 1n });
    expect(parseSpan("fd00::/120")).toEqual({ family: 6, start: 0xfd00n << 112n, size: 256n });
    expect(parseSpan("nonsense")).toBeUndefined();
    expect(parseSpan("10.0.0.9–10.0.0.1")).toBeUndefined();
  });
  it("prints ranges and counts for people", () => {
    expect(formatSpanRange(parseSpan("10.244.3.0/24")!)).toBe("10.244.3.0 – 10.244.3.255");
    expect(formatCount(65536n)).toBe("65,536");
    expect(formatCount(1n << 64n)).toBe("2^64");
  });
});

describe("layoutAddressBar", () => {
  it("draws /24s of a /16 at their true share, in address order, with the free space between", () => {
    const l = layoutAddressBar("10.244.0.0/16", parts("10.244.2.0/24", "10.244.0.0/24", "10.244.1.0/24"), { minWidth: 0.002 })!;
    expect(l.segments.map((s) => s.text)).toEqual(["10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24"]);
    for (const s of l.segments) expect(s.width).toBeCloseTo(1 / 256, 6);
    expect(l.segments[1]!.x).toBeCloseTo(1 / 256, 6);
    expect(l.gaps).toHaveLength(1);
    expect(formatSpanRange(l.gaps[0]!.span)).toBe("10.244.3.0 – 10.244.255.255");
    expect(l.used).toBe(768n);
    expect(l.enlarged).toBe(false);
    expect(total(l)).toBeCloseTo(1, 9);
  });

  it("keeps /26 blocks in a /16 visible, taking the room from the free space", () => {
    const l = layoutAddressBar("192.168.0.0/16", parts("192.168.0.0/26", "192.168.0.64/26", "192.168.40.0/26"), { minWidth: 0.01 })!;
    for (const s of l.segments) expect(s.width).toBeCloseTo(0.01, 9);
    expect(l.enlarged).toBe(true);
    // The gap between the second and third block is still there, and still wider than a block.
    expect(l.gaps.map((g) => formatSpanRange(g.span))).toEqual(["192.168.0.128 – 192.168.39.255", "192.168.40.64 – 192.168.255.255"]);
    expect(l.gaps[0]!.width).toBeGreaterThan(0.1);
    expect(total(l)).toBeCloseTo(1, 9);
    // Segments never overlap.
    for (let i = 1; i < l.segments.length; i++) expect(l.segments[i]!.x).toBeGreaterThanOrEqual(l.segments[i - 1]!.x + l.segments[i - 1]!.width - 1e-12);
  });

  it("shrinks every part alike when their minimum widths would fill the bar, keeping some free space", () => {
    const blocks = Array.from({ length: 500 }, (_, i) => `10.${Math.floor(i / 4)}.${(i % 4) * 64}.0/26`);
    const l = layoutAddressBar("10.0.0.0/8", parts(...blocks), { minWidth: 0.01, freeReserve: 0.1 })!;
    expect(l.segments).toHaveLength(500);
    const widths = new Set(l.segments.map((s) => s.width.toFixed(12)));
    expect(widths.size).toBe(1);
    expect(l.gaps.reduce((sum, g) => sum + g.width, 0)).toBeCloseTo(0.1, 9);
    expect(total(l)).toBeCloseTo(1, 9);
  });

  it("fills the whole bar when the parts cover the pool, and lists parts outside it", () => {
    const l = layoutAddressBar("10.32.0.0/12", parts("10.32.0.0/13", "10.40.0.0/14", "10.44.0.0/14", "172.16.0.0/24"))!;
    expect(l.gaps).toHaveLength(0);
    expect(l.segments.map((s) => s.width)).toEqual([0.5, 0.25, 0.25]);
    expect(l.outside.map((p) => p.text)).toEqual(["172.16.0.0/24"]);
  });

  it("draws a range every host holds alike (each its own docker0 network) once, naming them all", () => {
    const l = layoutAddressBar("172.17.0.0/16", [{ text: "172.17.0.0/16", data: "node-1" }, { text: "172.17.0.0/16", data: "node-2" }])!;
    expect(l.segments).toHaveLength(1);
    expect(l.segments[0]!.data).toEqual(["node-1", "node-2"]);
    expect(l.segments[0]!.width).toBe(1);
  });

  it("handles IPv6 pools and Weave's unaligned shares", () => {
    const v6 = layoutAddressBar("fd00:10:244::/56", parts("fd00:10:244::/64", "fd00:10:244:1::/64"))!;
    expect(v6.segments[0]!.share).toBeCloseTo(1 / 256, 9);
    const weave = layoutAddressBar("10.32.0.0/28", parts("10.32.0.0–10.32.0.4", "10.32.0.5–10.32.0.15"))!;
    expect(weave.segments.map((s) => s.share)).toEqual([5 / 16, 11 / 16]);
  });

  it("returns undefined for a pool it cannot read", () => {
    expect(layoutAddressBar("not a pool", [])).toBeUndefined();
  });
});

describe("zoomCidr", () => {
  it("finds the small aligned network holding every part, when it is small next to the pool", () => {
    expect(zoomCidr(layoutAddressBar("10.244.0.0/16", parts("10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24"))!)).toBe("10.244.0.0/22");
    expect(zoomCidr(layoutAddressBar("192.168.1.0/24", parts("192.168.1.1", "192.168.1.11", "192.168.1.13"))!)).toBe("192.168.1.0/28");
    expect(zoomCidr(layoutAddressBar("fd00::/48", parts("fd00::/64", "fd00:0:0:1::/64"))!)).toBe("fd00::/63");
  });
  it("does not zoom when the parts spread over much of the pool, or there are none", () => {
    expect(zoomCidr(layoutAddressBar("10.32.0.0/12", parts("10.32.0.0/14", "10.44.0.0/14"))!)).toBeUndefined();
    expect(zoomCidr(layoutAddressBar("10.32.0.0/12", [])!)).toBeUndefined();
    expect(zoomCidr(layoutAddressBar("10.244.0.0/16", parts("10.244.7.0/24"))!)).toBeUndefined();
  });
});
