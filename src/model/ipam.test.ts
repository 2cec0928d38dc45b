import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressAt, cidr, formatIp } from "./addr/index.ts";
import { allocateAddresses, allocateInOrder } from "./ipam.ts";

describe("allocateInOrder", () => {
  const net = cidr("10.1.0.0/24");
  const range = (first: number, last: number) => ({ cidr: net, first, last, label: "host \"n1\"'s subnet 10.1.0.0/24", subjects: ["n1"] });

  it("hands out the addresses and the SUBNET_EXHAUSTED diagnostic allocateAddresses gives unpinned items", () => {
    const cases = fc.record({
      first: fc.integer({ min: 0, max: 40 }),
      span: fc.integer({ min: -2, max: 40 }),
      count: fc.integer({ min: 0, max: 60 }),
      taken: fc.uniqueArray(fc.integer({ min: 0, max: 90 }), { maxLength: 12 }),
    });
    fc.assert(fc.property(cases, ({ first, span, count, taken }) => {
      const r = range(first, first + span);
      const ids = Array.from({ length: count }, (_, k) => `c${k}`);
      const expected = allocateAddresses(r, ids.map((id) => ({ id, label: `container "${id}"` })), new Set(taken));
      const got = allocateInOrder(r, count, new Set(taken), (k) => ids[k] as string);
      expect(got.diagnostics).toEqual(expected.diagnostics);
      expect(got.offsets.map((o) => (o < 0 ? undefined : formatIp(addressAt(net, o))))).toEqual(ids.map((id) => {
        const a = expected.addresses.get(id);
        return a && formatIp(a);
      }));
    }));
  });

  it("only reads taken, and names nobody while every item fits", () => {
    const taken = new Set([1, 3]);
    const named: number[] = [];
    const got = allocateInOrder(range(1, 6), 3, taken, (k) => { named.push(k); return `c${k}`; });
    expect(got.offsets).toEqual([2, 4, 5]);
    expect([...taken]).toEqual([1, 3]);
    expect(named).toEqual([]);
    const full = allocateInOrder(range(1, 6), 6, taken, (k) => `c${k}`);
    expect(full.offsets).toEqual([2, 4, 5, 6, -1, -1]);
    expect(full.diagnostics[0]).toMatchObject({ code: "SUBNET_EXHAUSTED", subjects: ["n1", "c4", "c5"] });
    expect(full.diagnostics[0]?.message).toBe("Host \"n1\"'s subnet 10.1.0.0/24 holds 6 usable addresses but 6 are needed: 2 get no address. Use a larger subnet (a shorter prefix) or fewer containers here.");
  });
});
