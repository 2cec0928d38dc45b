import { describe, expect, it } from "vitest";
import { countOf, describeBar, describeLayout, shareOf } from "./address-bar-words.ts";
import { layoutAddressBar } from "./address-layout.ts";
import type { PlanHolder } from "./address-plan.ts";

const holder = (id: string): PlanHolder => ({ id, name: id, colour: 0, use: "host" });

describe("the address bar's words", () => {
  it("counts with the right plural", () => {
    expect(countOf(1, "address")).toBe("1 address");
    expect(countOf(4, "address")).toBe("4 addresses");
    expect(countOf(0, "range")).toBe("0 ranges");
    expect(countOf(2, "holder")).toBe("2 holders");
  });

  it("says 0% only for nothing at all; a sliver is <0.1%", () => {
    expect(shareOf(0n, 65536n)).toBe("0%");
    expect(shareOf(1n, 1n << 64n)).toBe("<0.1%");
    expect(shareOf(768n, 65536n)).toBe("1.2%");
    expect(shareOf(32768n, 65536n)).toBe("50%");
  });

  it("sums up an empty pool and an underlay's addresses", () => {
    const empty = layoutAddressBar<PlanHolder>("10.244.0.0/16", [])!;
    expect(describeLayout(empty)).toBe("0 of 65,536 addresses held (0%). Largest free range: 10.244.0.0 – 10.244.255.255.");
    expect(describeBar("Pool 10.244.0.0/16 of prod", empty, "range")).toBe("Pool 10.244.0.0/16 of prod: 0 of 65,536 addresses (0%) held as 0 ranges by 0 holders.");
    const lan = layoutAddressBar("192.168.1.0/24", ["192.168.1.1", "192.168.1.2", "192.168.1.3", "192.168.1.4"].map((text, i) => ({ text, data: holder(`h${i}`) })), { minWidth: 0 })!;
    expect(describeBar("Underlay 192.168.1.0/24 (lan)", lan, "address")).toMatch(/^Underlay 192\.168\.1\.0\/24 \(lan\): 4 of 256 addresses \(1\.6%\) held as 4 addresses by 4 holders: /);
  });
});
