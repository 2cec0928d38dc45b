/**
 * base64url (RFC 4648 §5) without padding: the alphabet a URL fragment carries untouched.
 * Decoding is strict and never throws: a character outside the alphabet is reported with its
 * position, and a length no encoder produces (4n + 1) means the text was cut short.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64Url(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = "";
    }
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    chunk += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    chunk += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  out.push(chunk);
  return out.join("");
}

export type Base64Result =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; kind: "truncated" | "corrupt"; message: string };

/** Decodes unpadded base64url; trailing "=" padding is tolerated, anything else outside the alphabet is not. */
export function decodeBase64Url(text: string): Base64Result {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (end % 4 === 1) {
    return { ok: false, kind: "truncated", message: `${end} characters of data is not a whole number of bytes, so the end is missing` };
  }
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? VALUE[code]! : -1;
    if (v < 0) {
      return { ok: false, kind: "corrupt", message: `character ${i + 1} (${JSON.stringify(text[i])}) is not part of a link's alphabet (A–Z, a–z, 0–9, "-" and "_")` };
    }
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (acc >> bits) & 0xff;
    }
  }
  return { ok: true, bytes: o === bytes.length ? bytes : bytes.subarray(0, o) };
}
