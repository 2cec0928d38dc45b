/**
 * Importing a document from a file: JSON syntax first (with the line and column of the first
 * mistake where the JavaScript engine says where it is), then parseDocument() (every problem with
 * its JSON path). Never throws, never touches the open document: the caller decides.
 *
 * Extension point: documents embedded in exported images are read by EMBEDDED_READERS below — the
 * PNG's "topolab" iTXt chunk (png-text.ts) and the SVG's <metadata> (svg-embed.ts). Each reader
 * recognises its container and hands back the document's JSON text; the rest of the import is
 * shared. Binary containers read the file's bytes (`importDocumentBytes`), since decoding a PNG as
 * text damages it.
 */
import { type Document, type ValidationError, parseDocument } from "../model/document.ts";
import { jsonErrorOffset, lineColumnAt } from "./json-location.ts";
import { PNG_KEYWORD, isPng, readPngText } from "./png-text.ts";
import { extractDocumentFromSvg, looksLikeSvg } from "./svg-embed.ts";

/** Imported JSON larger than this is refused before parsing (the same cap as a share link's document). */
export const MAX_IMPORT_CHARS = 5 * 1024 * 1024;
/** An image carrying a document may be larger than the document itself (the picture, inlined styles). */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

export type ImportErrorKind = "not-json" | "invalid" | "too-large" | "unsupported" | "future-version";

export interface ImportError {
  kind: ImportErrorKind;
  /** A sentence for a person: what is wrong with the file. */
  message: string;
  /** "not-json": where the first syntax mistake is, 1-based, when the engine says. */
  line?: number;
  column?: number;
  /** "invalid": every problem of the document, with its JSON path. */
  errors?: ValidationError[];
}

export type ImportResult = { ok: true; document: Document; source: string } | { ok: false; error: ImportError };

type Extracted = { ok: true; json: string } | { ok: false; message: string };

/** A container that can carry a document's JSON (an exported image), recognised by its first bytes. */
export interface EmbeddedReader {
  /** What the user would call the file: "PNG image". */
  name: string;
  detect(text: string): boolean;
  /** The embedded document's JSON text, or why there is none. */
  extract(text: string): Extracted;
  /** Binary containers: recognise and read the file's bytes (decoding them as text would damage them). */
  detectBytes?(bytes: Uint8Array): boolean;
  extractBytes?(bytes: Uint8Array): Extracted;
}

const fromPng = (bytes: Uint8Array): Extracted => {
  const r = readPngText(bytes, PNG_KEYWORD);
  return r.ok ? { ok: true, json: r.text } : { ok: false, message: `This PNG image cannot be opened: ${r.message}.` };
};

/** Tried in order before the text is read as JSON. Add a reader here for another container. */
export const EMBEDDED_READERS: readonly EmbeddedReader[] = [
  {
    name: "PNG image",
    detect: (t) => t.startsWith("\u0089PNG") || t.startsWith("\uFFFDPNG"),
    // Text that kept every byte (Latin-1) can be read back; text decoded as UTF-8 has lost them.
    extract: (t) =>
      !/[^\u0000-\u00ff]/.test(t) // eslint-disable-line no-control-regex -- a Latin-1 range, not control characters
        ? fromPng(Uint8Array.from(t, (c) => c.charCodeAt(0)))
        : { ok: false, message: "This PNG image was read as text and its bytes were damaged: open the image file itself." },
    detectBytes: isPng,
    extractBytes: fromPng,
  },
  {
    name: "SVG image",
    detect: looksLikeSvg,
    extract: (t) => {
      const r = extractDocumentFromSvg(t);
      return r.ok ? r : { ok: false, message: `This SVG image cannot be opened: ${r.message}.` };
    },
  },
];

/** Reads a file's bytes (JSON, SVG or PNG) into a validated document. Never throws. */
export function importDocumentBytes(bytes: Uint8Array, fileName?: string): ImportResult {
  const what = fileName ? `"${fileName}"` : "This file";
  try {
    if (bytes.length > MAX_IMAGE_BYTES) {
      return tooLarge(what, bytes.length, MAX_IMAGE_BYTES, "files");
    }
    const binary = EMBEDDED_READERS.find((r) => r.detectBytes?.(bytes));
    if (binary?.extractBytes) return importExtracted(binary.extractBytes(bytes), binary.name, what);
    return importText(new TextDecoder("utf-8").decode(bytes), fileName);
  } catch (error) {
    return { ok: false, error: { kind: "invalid", message: `This file could not be read: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

/** Reads a file's text (JSON, or a format with an embedded document) into a validated document. */
export function importDocumentText(text: string, fileName?: string): ImportResult {
  try {
    return importText(text, fileName);
  } catch (error) {
    // parseDocument and JSON.parse do not throw on bad input; this is a last guard, not a path.
    return { ok: false, error: { kind: "invalid", message: `This file could not be read: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

function importText(raw: string, fileName: string | undefined): ImportResult {
  const what = fileName ? `"${fileName}"` : "This file";
  if (typeof raw !== "string") return { ok: false, error: { kind: "invalid", message: `${what} is not text.` } };
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw; // a UTF-8 byte order mark
  const reader = EMBEDDED_READERS.find((r) => r.detect(text));
  if (reader) {
    if (text.length > MAX_IMAGE_BYTES) return tooLarge(what, text.length, MAX_IMAGE_BYTES, "images");
    return importExtracted(reader.extract(text), reader.name, what);
  }
  return importJson(text, "JSON", what);
}

function tooLarge(what: string, size: number, limit = MAX_IMPORT_CHARS, things = "documents"): ImportResult {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1);
  return { ok: false, error: { kind: "too-large", message: `${what} is too large to open: ${mb(size)} MB, and Topolab opens ${things} of up to ${mb(limit)} MB.` } };
}

function importExtracted(extracted: Extracted, source: string, what: string): ImportResult {
  if (!extracted.ok) return { ok: false, error: { kind: "unsupported", message: extracted.message } };
  return importJson(extracted.json, source, what === "This file" ? `The document in this ${source}` : `The document in ${what}`);
}

function importJson(text: string, source: string, what: string): ImportResult {
  if (text.length > MAX_IMPORT_CHARS) return tooLarge(what, text.length);
  if (text.trim() === "") return { ok: false, error: { kind: "not-json", message: `${what} is empty: a Topolab document is a JSON object.` } };

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: jsonSyntaxError(what, text, error) };
  }
  const version = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as { version?: unknown }).version : undefined;
  const parsed = parseDocument(value);
  if (parsed.ok) return { ok: true, document: parsed.document, source };
  const [first] = parsed.errors;
  const more = parsed.errors.length - 1;
  const kind: ImportErrorKind = typeof version === "number" && first?.path === "version" && /newer Topolab/.test(first.message) ? "future-version" : "invalid";
  const detail = first ? `${first.path}: ${first.message}` : "it does not match the Topolab format";
  return {
    ok: false,
    error: { kind, message: `${what} is not a valid Topolab document: ${detail}${more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"})` : ""}.`, errors: parsed.errors },
  };
}

/**
 * The engine's reason, in our words, at the place our scanner finds (engines disagree on whether
 * and how they say where: V8 "at position N", Firefox "at line L column C", Safari nothing).
 */
function jsonSyntaxError(what: string, text: string, error: unknown): ImportError {
  const raw = error instanceof Error ? error.message : String(error);
  let where: { line: number; column: number } | undefined;
  const offset = jsonErrorOffset(text);
  const lc = /line (\d+) column (\d+)/.exec(raw);
  const pos = /position (\d+)/.exec(raw);
  if (offset !== undefined) where = lineColumnAt(text, offset);
  else if (lc) where = { line: Number(lc[1]), column: Number(lc[2]) };
  else if (pos) where = lineColumnAt(text, Number(pos[1]));
  // "Unexpected token '}', "{"a":}" is not valid JSON" → the first clause, without the echoed text.
  const reason = raw
    .replace(/^JSON\.parse: /, "")
    .replace(/^JSON Parse error: /, "")
    .replace(/^(Unexpected token '[\s\S]{1,2}'), [\s\S]* is not valid JSON$/, "$1")
    .replace(/\s*(in JSON )?at position \d+.*$/s, "")
    .replace(/\s*at line \d+ column \d+.*$/s, "")
    .trim();
  const at = where ? ` at line ${where.line}, column ${where.column}` : "";
  const result: ImportError = { kind: "not-json", message: `${what} is not valid JSON${at}: ${reason || "syntax error"}.` };
  if (where) {
    result.line = where.line;
    result.column = where.column;
  }
  return result;
}
