import fc from "fast-check";
import { IPv4, IPv4CidrRange, IPv6, IPv6CidrRange } from "ip-num";
import { describe, expect, it } from "vitest";
import {
  type Cidr, addressAt, cidr, cidrSize, contains, containsCidr, formatCidr, formatIp, formatIp4, ip, ip4Formatter, lastAddress, makeCidr, overlaps,
  parseCidr, parseIp, parseIp4, subnetAt, subnetCount, subnetIndexOf,
} from "./index.ts";

const v4 = fc.integer({ min: 0, max: 0xffffffff });
const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
const cidr4 = fc.tuple(v4, fc.integer({ min: 0, max: 32 })).map(([value, prefix]) => makeCidr({ family: 4, value }, prefix));
const cidr6 = fc.tuple(v6, fc.integer({ min: 0, max: 128 })).map(([value, prefix]) => makeCidr({ family: 6, value }, prefix));

/** ip-num is the oracle: slow, but a careful independent implementation. */
function oracle(c: Cidr) {
  return c.family === 4 ? IPv4CidrRange.fromCidr(formatCidr(c)) : IPv6CidrRange.fromCidr(formatCidr(c));
}

describe("parsing", () => {
  it("reads the forms people write and says what is wrong with the others", () => {
    expect(formatCidr(cidr("10.244.0.0/16"))).toBe("10.244.0.0/16");
    expect(formatIp(ip("2001:DB8::1"))).toBe("2001:db8::1");
    expect(formatIp(ip("::ffff:192.0.2.1"))).toBe("::ffff:c000:201");
    const hostBits = parseCidr("10.244.1.5/16");
    expect(hostBits.ok ? "" : hostBits.error).toContain("the network is 10.244.0.0/16");
    expect(parseIp("0010.0xa5.1.1").ok).toBe(false);
    expect(parseIp("1.2.3").ok).toBe(false);
    expect(parseIp("256.1.1.1").ok).toBe(false);
    expect(parseCidr("10.0.0.0/33").ok).toBe(false);
    expect(parseCidr("10.0.0.0").ok).toBe(false);
    expect(parseIp("1::2::3").ok).toBe(false);
    expect(parseIp("1:2:3:4:5:6:7:8:9").ok).toBe(false);
  });

  it("round-trips every IPv4 and IPv6 address, agreeing with ip-num's canonical text", () => {
    fc.assert(fc.property(v4, (value) => {
      const text = formatIp({ family: 4, value });
      expect(text).toBe(new IPv4(BigInt(value)).toString());
      expect(parseIp(text)).toEqual({ ok: true, value: { family: 4, value } });
    }));
    fc.assert(fc.property(v6, (value) => {
      const text = formatIp({ family: 6, value });
      expect(IPv6.fromString(text).getValue()).toBe(value);
      expect(parseIp(text)).toEqual({ ok: true, value: { family: 6, value } });
    }));
  });
});

/** The split-and-regex parser parseIp4 replaced, kept as the oracle for the char-code loop. */
function parseIp4ByRegex(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

describe("parseIp4 (char-code loop)", () => {
  const octetText = fc.oneof(
    fc.integer({ min: 0, max: 999 }).map(String),
    fc.stringMatching(/^[0-9]{1,5}$/),
    fc.constantFrom("", "00", "01", "007", "0x1", "+1", "-1", " 1", "1 ", "1e2", "٣", "１"),
  );
  const dotted = fc.array(octetText, { minLength: 0, maxLength: 6 }).map((parts) => parts.join("."));

  it("accepts and refuses exactly what the split-and-regex parser did", () => {
    fc.assert(fc.property(fc.oneof(dotted, fc.string(), fc.string({ unit: fc.constantFrom("0", "1", "2", "5", "9", ".", "x") })), (text) => {
      expect(parseIp4(text)).toBe(parseIp4ByRegex(text));
    }), { numRuns: 20000 });
    for (const text of ["0.0.0.0", "255.255.255.255", "256.0.0.1", "1.2.3.04", "01.2.3.4", "1.2.3.4.", ".1.2.3", "1..2.3", "1.2.3.4\n", "1.2.3.4 ", "1000.1.1.1", "1.2.3"]) {
      expect(parseIp4(text)).toBe(parseIp4ByRegex(text));
    }
  });

  it("round-trips every address", () => {
    fc.assert(fc.property(v4, (value) => { expect(parseIp4(formatIp4(value))).toBe(value); }), { numRuns: 5000 });
  });
});

describe("ip4Formatter", () => {
  it("formats runs of addresses as formatIp4 does, across /24 and /16 boundaries", () => {
    fc.assert(fc.property(v4, fc.integer({ min: 1, max: 600 }), (start, count) => {
      const format = ip4Formatter();
      for (let k = 0; k < count; k++) {
        const value = (start + k) >>> 0;
        expect(format(value)).toBe(formatIp4(value));
      }
    }), { numRuns: 100 });
    const format = ip4Formatter();
    expect([0x0a0000ff, 0x0a000100, 0x0a0000fe, 0xffffffff, 0].map(format)).toEqual(["10.0.0.255", "10.0.1.0", "10.0.0.254", "255.255.255.255", "0.0.0.0"]);
  });
});

describe("ranges agree with ip-num", () => {
  it("first and last address, size", () => {
    fc.assert(fc.property(fc.oneof(cidr4, cidr6), (c) => {
      const o = oracle(c);
      expect(formatIp(addressAt(c, 0))).toBe(formatIp(ip(o.getFirst().toString())));
      expect(formatIp(lastAddress(c))).toBe(formatIp(ip(o.getLast().toString())));
      if (c.family === 4) expect(cidrSize(c)).toBe(Number(o.getSize()));
    }));
  });

  it("contains and overlaps", () => {
    const pair4 = fc.tuple(cidr4, cidr4);
    fc.assert(fc.property(pair4, ([a, b]) => {
      expect(overlaps(a, b)).toBe(oracle(a).isOverlapping(oracle(b) as never));
      expect(containsCidr(a, b)).toBe((oracle(a) as IPv4CidrRange).contains(oracle(b) as IPv4CidrRange));
    }));
    const pair6 = fc.tuple(cidr6, cidr6);
    fc.assert(fc.property(pair6, ([a, b]) => {
      expect(overlaps(a, b)).toBe(oracle(a).isOverlapping(oracle(b) as never));
    }));
    fc.assert(fc.property(cidr4, v4, (c, value) => {
      expect(contains(c, { family: 4, value })).toBe((oracle(c) as IPv4CidrRange).contains(new IPv4(BigInt(value))));
    }));
  });

  it("splitting: the index-th subnet is inside its parent and finds its own index", () => {
    const split = fc.oneof(cidr4, cidr6).chain((c) =>
      fc.integer({ min: c.prefix, max: Math.min(c.prefix + 20, c.family === 4 ? 32 : 128) }).chain((len) =>
        fc.integer({ min: 0, max: subnetCount(c, len) - 1 }).map((i) => ({ c, len, i }))));
    fc.assert(fc.property(split, ({ c, len, i }) => {
      const s = subnetAt(c, len, i);
      expect(containsCidr(c, s)).toBe(true);
      expect(subnetIndexOf(c, len, addressAt(s, 0))).toBe(i);
      expect(oracle(s).inside(oracle(c) as never)).toBe(true);
    }));
  });
});
