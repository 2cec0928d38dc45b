/**
 * Share links (DESIGN.md §6): the whole document in the URL fragment, `#s=<version><payload>`, so a
 * link never reaches a server.
 *
 * Link version "1": payload = base64url (no padding) of raw DEFLATE (level 9) of the UTF-8 JSON of
 * the minimised document (minimise.ts: no defaults, no derivable values, whole-pixel layout).
 *
 * Decoding is bounded and never throws. The link's length is checked before anything is decoded,
 * inflation stops as soon as the output passes a cap (a "zip bomb" fails fast, in small steps),
 * and the document then goes through parseDocument(), exactly like an imported file. Every failure
 * is a value saying what is wrong, for a person.
 */
import { Inflate, deflateSync, strToU8 } from "fflate";
import { type Document, VERSION as DOCUMENT_VERSION, type ValidationError, parseDocument } from "../model/document.ts";
import { decodeBase64Url, encodeBase64Url } from "./base64url.ts";
import { jsonEqual, minimiseDocument, roundLayout } from "./minimise.ts";

/** The fragment parameter that holds a document. */
export const SHARE_PARAM = "s";
/** The link format this Topolab writes (one character, first of the payload). */
export const LINK_VERSION = "1";
/** Links longer than this (in base64url characters) are refused before any decoding. */
export const MAX_PAYLOAD_CHARS = 100_000;
/** The most bytes of JSON a link may inflate to. */
export const MAX_INFLATED_BYTES = 5 * 1024 * 1024;
/** Compressed bytes handed to the inflater per step; DEFLATE expands at most ~1032×, so one step stays near 1 MB. */
const INFLATE_STEP = 1024;

export type ShareLinkErrorKind = "truncated" | "corrupt" | "too-large" | "future-version" | "invalid";

export interface ShareLinkError {
  kind: ShareLinkErrorKind;
  /** A sentence for a person: what is wrong with the link, and what to do. */
  message: string;
  /** For "invalid": every problem of the document, with its JSON path. */
  errors?: ValidationError[];
}

export type ShareLinkResult = { ok: true; document: Document } | { ok: false; error: ShareLinkError };

// ---------------------------------------------------------------------------------------------
// Encoding

/** The JSON a link carries for this document: minimised, unless minimising would change it. */
export function shareLinkJson(doc: Document): string {
  const minimised = minimiseDocument(doc);
  const back = parseDocument(minimised);
  const faithful = back.ok && jsonEqual(back.document, roundLayout(doc));
  return JSON.stringify(faithful ? minimised : roundLayout(doc));
}

/** The link's payload: version character, then the compressed document. */
export function encodeSharePayload(doc: Document): string {
  const bytes = deflateSync(strToU8(shareLinkJson(doc)), { level: 9 });
  return LINK_VERSION + encodeBase64Url(bytes);
}

/** The URL fragment, `#s=1…`. */
export function encodeShareLink(doc: Document): string {
  return `#${SHARE_PARAM}=${encodeSharePayload(doc)}`;
}

/** A full URL: `base` without its own fragment, then the document's. */
export function shareUrl(doc: Document, base: string): string {
  const hash = base.indexOf("#");
  return (hash < 0 ? base : base.slice(0, hash)) + encodeShareLink(doc);
}

// ---------------------------------------------------------------------------------------------
// Decoding

function failure(kind: ShareLinkErrorKind, message: string, errors?: ValidationError[]): { ok: false; error: ShareLinkError } {
  return { ok: false, error: errors ? { kind, message, errors } : { kind, message } };
}

const damaged = (detail: string) => failure("corrupt", `This link is cut short or damaged: ${detail}. Ask for the link again, and copy all of it.`);
const cutShort = (detail: string) => failure("truncated", `This link is cut short or damaged: ${detail}. Ask for the link again, and copy all of it.`);

/**
 * The `s` parameter of a fragment or URL (`https://…/#s=1…`, `#s=1…`, `s=1…`), or undefined when
 * there is none: the page was opened without a shared document.
 */
export function sharePayloadOf(hashOrUrl: string): string | undefined {
  const hash = hashOrUrl.indexOf("#");
  const fragment = hash < 0 ? hashOrUrl : hashOrUrl.slice(hash + 1);
  for (const part of fragment.split("&")) {
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
  }
  return undefined;
}

/** Whether a URL or fragment carries a shared document at all. */
export function hasShareLink(hashOrUrl: string): boolean {
  return sharePayloadOf(hashOrUrl) !== undefined;
}

/** Decodes a link (a full URL, `#s=…` or `s=…`) into a validated document, or says why it cannot. Never throws. */
export function decodeShareLink(hashOrUrl: string): ShareLinkResult {
  try {
    if (typeof hashOrUrl !== "string") return damaged("it is not text");
    const payload = sharePayloadOf(hashOrUrl);
    if (payload === undefined) {
      return failure("corrupt", `This is not a Topolab share link: it has no "#${SHARE_PARAM}=" part holding a document.`);
    }
    return decodeSharePayload(payload);
  } catch (error) {
    return damaged(`it could not be read (${describe(error)})`);
  }
}

/** Decodes the payload (what follows `#s=`). Never throws. */
export function decodeSharePayload(payload: string): ShareLinkResult {
  try {
    return decodePayload(payload);
  } catch (error) {
    return damaged(`it could not be read (${describe(error)})`);
  }
}

function decodePayload(raw: string): ShareLinkResult {
  // Links pasted from mail or chat may be wrapped over lines; a text far too long is refused unread.
  const payload = raw.length > 2 * MAX_PAYLOAD_CHARS ? raw : raw.replace(/\s+/g, "");
  if (payload.length > MAX_PAYLOAD_CHARS + 1) {
    return failure("too-large", `This link is too long to open: ${payload.length.toLocaleString("en")} characters, and Topolab opens links of up to ${MAX_PAYLOAD_CHARS.toLocaleString("en")}. Share the document as a JSON file instead.`);
  }
  if (payload.length === 0) return cutShort("it holds no document after \"#s=\"");
  const version = payload[0]!;
  if (version !== LINK_VERSION) {
    if (/^[2-9a-z]$/.test(version)) {
      return failure("future-version", `This link was made by a newer Topolab (link version ${version}); this one reads link version ${LINK_VERSION}. Open it in an up-to-date Topolab.`);
    }
    return damaged(`it starts with ${JSON.stringify(version)}, which is not a link version`);
  }
  const bytes = decodeBase64Url(payload.slice(1));
  if (!bytes.ok) return failure(bytes.kind, `This link is cut short or damaged: ${bytes.message}. Ask for the link again, and copy all of it.`);
  if (bytes.bytes.length === 0) return cutShort("it holds no document after its version");

  const inflated = inflateBounded(bytes.bytes, MAX_INFLATED_BYTES);
  if (!inflated.ok) return inflated;

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(inflated.bytes);
  } catch {
    return damaged("its document is not valid UTF-8 text");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return damaged(`its document is not valid JSON (${describe(error)})`);
  }
  return validate(value);
}

type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; error: ShareLinkError };

/** Raw DEFLATE → bytes, refusing as soon as the output would pass `cap`. */
function inflateBounded(data: Uint8Array, cap: number): Inflated {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) over = true;
    else chunks.push(chunk);
  });
  const tooLarge = () => failure("too-large", `This link is too large to open: its document would be more than ${Math.round(cap / (1024 * 1024))} MB. Share the document as a JSON file instead.`);
  try {
    for (let at = 0; at < data.length; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, data.length);
      inflate.push(data.subarray(at, end), end === data.length);
      if (over) return tooLarge();
    }
  } catch (error) {
    if (over) return tooLarge();
    const code = (error as { code?: unknown } | null)?.code;
    // fflate: 0 = unexpected EOF; 1–3 = invalid block type, length/literal, distance.
    if (code === 0) return cutShort("its compressed data ends too early");
    return damaged(`its compressed data is invalid (${describe(error)})`);
  }
  const bytes = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    bytes.set(c, o);
    o += c.length;
  }
  return { ok: true, bytes };
}

function validate(value: unknown): ShareLinkResult {
  const version = typeof value === "object" && value !== null ? (value as { version?: unknown }).version : undefined;
  if (typeof version === "number" && Number.isInteger(version) && version > DOCUMENT_VERSION) {
    return failure("future-version", `This link holds a version ${version} document, made by a newer Topolab; this one reads documents up to version ${DOCUMENT_VERSION}. Open it in an up-to-date Topolab.`);
  }
  const parsed = parseDocument(value);
  if (parsed.ok) return parsed;
  const [first] = parsed.errors;
  const more = parsed.errors.length - 1;
  const detail = first ? `${first.path}: ${first.message}${more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"})` : ""}` : "it does not match the Topolab format";
  return failure("invalid", `This link's document is not valid: ${detail}.`, parsed.errors);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
