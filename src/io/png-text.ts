/**
 * A document inside a PNG: one iTXt chunk (PNG 1.2 §4.2.3.3, UTF-8 text) with the keyword
 * "topolab" whose text is the document's JSON, zlib-compressed. Writing inserts the chunk right
 * after IHDR; reading walks the chunks, checks each CRC, and inflates with a cap (a crafted image
 * cannot make us allocate more than MAX_TEXT_BYTES). Also reads tEXt (Latin-1) and uncompressed
 * iTXt, so a chunk written by another tool is understood too.
 *
 * Pure: bytes in, bytes out. No DOM, no canvas.
 */
import { Inflate, strFromU8, strToU8, zlibSync } from "fflate";

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** The keyword Topolab writes its document under. */
export const PNG_KEYWORD = "topolab";
/** The most bytes of text a chunk may inflate to (the same cap as an imported JSON document). */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG computes it (ISO 3309), over the chunk type and data. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

export interface PngChunk {
  type: string;
  /** Where the chunk starts (its length field). */
  offset: number;
  data: Uint8Array;
}

export type PngChunksResult = { ok: true; chunks: PngChunk[] } | { ok: false; message: string };

/** The chunks of a PNG, each CRC checked; stops at IEND. */
export function readPngChunks(bytes: Uint8Array): PngChunksResult {
  if (!isPng(bytes)) return { ok: false, message: "it does not start with the PNG signature" };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let at = PNG_SIGNATURE.length;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return { ok: false, message: "it ends in the middle of a chunk" };
    const length = view.getUint32(at);
    if (length > bytes.length - at - 12) return { ok: false, message: "a chunk is longer than the file" };
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    const crc = view.getUint32(at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== crc) return { ok: false, message: `its ${type} chunk is damaged (CRC mismatch)` };
    chunks.push({ type, offset: at, data });
    at += 12 + length;
    if (type === "IEND") return { ok: true, chunks };
  }
  return { ok: false, message: "it has no IEND chunk: the file is cut short" };
}

/** The image's width and height from IHDR, or undefined when it is not a readable PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (!isPng(bytes) || bytes.length < 24) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An iTXt chunk's data: keyword, NUL, compressed (1) with zlib (0), empty language tag and translated keyword, text. */
function itxtData(keyword: string, text: string): Uint8Array {
  const head = strToU8(keyword, true); // Latin-1, as PNG keywords are
  const body = zlibSync(strToU8(text), { level: 9 });
  const out = new Uint8Array(head.length + 5 + body.length);
  out.set(head, 0);
  out.set([0, 1, 0, 0, 0], head.length); // NUL, compression flag, method, NUL (language), NUL (translated keyword)
  out.set(body, head.length + 5);
  return out;
}

/**
 * The PNG with `text` stored under `keyword` (an iTXt chunk after IHDR). Any chunk already holding
 * that keyword is dropped, so exporting an imported image does not stack documents.
 * Throws on bytes that are not a PNG: the caller made them, so that is a bug, not user input.
 */
export function writePngText(png: Uint8Array, keyword: string, text: string): Uint8Array<ArrayBuffer> {
  const read = readPngChunks(png);
  if (!read.ok) throw new Error(`internal: cannot add text to this PNG: ${read.message}`);
  const [ihdr, ...rest] = read.chunks;
  if (ihdr?.type !== "IHDR") throw new Error("internal: the PNG does not start with IHDR");
  const kept = rest.filter((c) => !((c.type === "iTXt" || c.type === "tEXt" || c.type === "zTXt") && keywordOf(c.data) === keyword));
  const parts = [PNG_SIGNATURE, chunk("IHDR", ihdr.data), chunk("iTXt", itxtData(keyword, text)), ...kept.map((c) => chunk(c.type, c.data))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function keywordOf(data: Uint8Array): string {
  const nul = data.indexOf(0);
  return strFromU8(data.subarray(0, nul < 0 ? Math.min(data.length, 79) : nul), true);
}

export type PngTextResult = { ok: true; text: string } | { ok: false; message: string };

/** The text stored under `keyword` in a PNG (iTXt, zTXt or tEXt), or why there is none. Never throws. */
export function readPngText(png: Uint8Array, keyword: string): PngTextResult {
  try {
    const read = readPngChunks(png);
    if (!read.ok) return read;
    for (const c of read.chunks) {
      if ((c.type !== "iTXt" && c.type !== "tEXt" && c.type !== "zTXt") || keywordOf(c.data) !== keyword) continue;
      const rest = c.data.subarray(keyword.length + 1);
      if (c.type === "tEXt") return { ok: true, text: strFromU8(rest, true) };
      if (c.type === "zTXt") return inflateText(rest.subarray(1), true);
      // iTXt: compression flag, method, language tag\0, translated keyword\0, text.
      const flag = rest[0];
      const language = rest.indexOf(0, 2);
      const translated = language < 0 ? -1 : rest.indexOf(0, language + 1);
      if (translated < 0) return { ok: false, message: `its "${keyword}" text chunk is malformed` };
      const body = rest.subarray(translated + 1);
      if (flag === 1) return inflateText(body, false);
      if (body.length > MAX_TEXT_BYTES) return { ok: false, message: "its embedded document is too large" };
      return utf8(body);
    }
    return { ok: false, message: "it holds no Topolab document (it was not exported by Topolab, or the document was stripped from it)" };
  } catch (error) {
    return { ok: false, message: `it could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

function utf8(bytes: Uint8Array): PngTextResult {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: "its embedded document is not valid UTF-8 text" };
  }
}

/** zlib → text, refusing as soon as the output passes MAX_TEXT_BYTES. */
function inflateText(zlib: Uint8Array, latin1: boolean): PngTextResult {
  if (zlib.length < 6 || (zlib[0]! & 0x0f) !== 8 || ((zlib[0]! << 8) | zlib[1]!) % 31 !== 0) return { ok: false, message: "its embedded document's compressed data is invalid" };
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflate = new Inflate((data) => {
    total += data.length;
    if (total > MAX_TEXT_BYTES) over = true;
    else chunks.push(data);
  });
  const deflated = zlib.subarray(2, zlib.length - 4); // without the zlib header and Adler-32
  try {
    for (let at = 0; at < deflated.length && !over; at += 1024) {
      const end = Math.min(at + 1024, deflated.length);
      inflate.push(deflated.subarray(at, end), end === deflated.length);
    }
  } catch {
    if (!over) return { ok: false, message: "its embedded document's compressed data is damaged" };
  }
  if (over) return { ok: false, message: `its embedded document is larger than ${MAX_TEXT_BYTES / (1024 * 1024)} MB` };
  const bytes = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    bytes.set(c, o);
    o += c.length;
  }
  return latin1 ? { ok: true, text: strFromU8(bytes, true) } : utf8(bytes);
}
