import { zlibSync } from "fflate";
import { describe, expect, it } from "vitest";
import { PNG_KEYWORD, PNG_SIGNATURE, crc32, pngSize, readPngChunks, readPngText, writePngText } from "./png-text.ts";

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set([...type].map((c) => c.charCodeAt(0)), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A real 2×1 RGBA PNG, built by hand. */
function tinyPng(): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, 2);
  v.setUint32(4, 1);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const idat = zlibSync(Uint8Array.of(0, 255, 0, 0, 255, 0, 0, 255, 255));
  const parts = [PNG_SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe("the PNG text chunk", () => {
  it("computes PNG's CRC-32", () => {
    expect(crc32(new TextEncoder().encode("IEND"))).toBe(0xae426082); // every PNG ends with these bytes
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("round-trips UTF-8 text, after IHDR, and keeps the image's chunks and size", () => {
    const text = JSON.stringify({ name: "Bücher <img src=x onerror=alert(1)> 日本" });
    const png = writePngText(tinyPng(), PNG_KEYWORD, text);
    const chunks = readPngChunks(png);
    expect(chunks.ok && chunks.chunks.map((c) => c.type)).toEqual(["IHDR", "iTXt", "IDAT", "IEND"]);
    expect(readPngText(png, PNG_KEYWORD)).toEqual({ ok: true, text });
    expect(pngSize(png)).toEqual({ width: 2, height: 1 });
  });

  it("replaces an older document rather than stacking them", () => {
    const twice = writePngText(writePngText(tinyPng(), PNG_KEYWORD, "one"), PNG_KEYWORD, "two");
    const chunks = readPngChunks(twice);
    expect(chunks.ok && chunks.chunks.filter((c) => c.type === "iTXt")).toHaveLength(1);
    expect(readPngText(twice, PNG_KEYWORD)).toEqual({ ok: true, text: "two" });
  });

  it("reads a plain tEXt chunk written by another tool", () => {
    const png = tinyPng();
    const text = chunk("tEXt", Uint8Array.from(`${PNG_KEYWORD}\0{"a":1}`, (c) => c.charCodeAt(0)));
    const withText = new Uint8Array([...png.subarray(0, 33), ...text, ...png.subarray(33)]);
    expect(readPngText(withText, PNG_KEYWORD)).toEqual({ ok: true, text: '{"a":1}' });
  });

  it("says why there is no document: none, a damaged chunk, a cut file, not a PNG", () => {
    expect(readPngText(tinyPng(), PNG_KEYWORD)).toMatchObject({ ok: false, message: expect.stringContaining("holds no Topolab document") });
    const png = writePngText(tinyPng(), PNG_KEYWORD, "x".repeat(100));
    const damaged = png.slice();
    damaged[45] = damaged[45]! ^ 0xff; // inside the iTXt chunk
    expect(readPngText(damaged, PNG_KEYWORD)).toMatchObject({ ok: false, message: expect.stringContaining("CRC mismatch") });
    expect(readPngText(png.subarray(0, png.length - 20), PNG_KEYWORD)).toMatchObject({ ok: false });
    expect(readPngText(new TextEncoder().encode("GIF89a"), PNG_KEYWORD)).toMatchObject({ ok: false, message: expect.stringContaining("PNG signature") });
  });

  it("refuses a compressed chunk that would inflate past the cap", () => {
    const bomb = writePngText(tinyPng(), PNG_KEYWORD, " ".repeat(6 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(20_000);
    expect(readPngText(bomb, PNG_KEYWORD)).toMatchObject({ ok: false, message: expect.stringContaining("larger than 5 MB") });
  });
});
