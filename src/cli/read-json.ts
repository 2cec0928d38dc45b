/** Reads a file (or standard input for "-") and parses it as JSON, saying where a syntax error is. */
import { readFileSync } from "node:fs";
import { jsonErrorOffset, lineColumnAt } from "../io/json-location.ts";

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

export function readJson(file: string): JsonResult {
  const name = file === "-" ? "(stdin)" : file;
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : (e as Error).message;
    return { ok: false, error: `${name}: cannot read the file: ${why}` };
  }
  return parseJsonText(text, name);
}

/** JSON.parse with the error located as "FILE:line:column", which editors and terminals link to. */
export function parseJsonText(text: string, name: string): JsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 BOM is not JSON but editors write it
  if (body.trim() === "") return { ok: false, error: `${name}: not JSON: the file is empty` };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // V8 gives a position for some errors only, and its wording varies by version: locate the error
    // ourselves and keep only V8's reason ("Expected ',' or '}' after property value").
    const { line, column } = lineColumnAt(body, firstErrorOffset(body));
    const reason = message
      .replace(/\s*\(line \d+ column \d+\)/, "")
      .replace(/\s*(in JSON )?at position \d+/, "")
      .replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, "");
    return { ok: false, error: `${name}:${line}:${column}: not JSON: ${reason} (line ${line}, column ${column})` };
  }
}

/** The offset of the first character that makes `text` invalid JSON (RFC 8259), or its length. */
export function firstErrorOffset(text: string): number {
  return jsonErrorOffset(text) ?? text.length;
}
