import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdIndex } from "./id-index.ts";

describe("IdIndex", () => {
  it("finds each id's first owner as a Map would, across kinds, duplicates and colliding probes", () => {
    const ids = fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom("h1", "h1c0", "", "__proto__", "constructor")), fc.integer({ min: 0, max: 6 })), { maxLength: 300 });
    fc.assert(fc.property(ids, (entries) => {
      const index = new IdIndex(entries.length);
      const first = new Map<string, { kind: number; index: number }>();
      entries.forEach(([id, kind], i) => {
        const owner = index.add(id, kind, i);
        const expected = first.get(id);
        if (expected === undefined) {
          expect(owner).toBe(-1);
          first.set(id, { kind, index: i });
        } else {
          expect({ kind: index.kindAt(owner), index: index.indexAt(owner) }).toEqual(expected);
        }
      });
      for (const [id, owner] of first) expect(index.kindOf(id)).toBe(owner.kind);
      expect(index.kindOf("never added, longer than any")).toBe(-1);
    }));
  });
});
