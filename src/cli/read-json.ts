/** Reads a file (or standard input for "-") and parses it as JSON, saying where a syntax error is. */
import { readFileSync } from "node:fs";

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
    const { line, column } = lineColumn(body, firstErrorOffset(body));
    const reason = message
      .replace(/\s*\(line \d+ column \d+\)/, "")
      .replace(/\s*(in JSON )?at position \d+/, "")
      .replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, "");
    return { ok: false, error: `${name}:${line}:${column}: not JSON: ${reason} (line ${line}, column ${column})` };
  }
}

/** The offset of the first character that makes `text` invalid JSON (RFC 8259), or its length. */
export function firstErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => { throw new JsonSyntaxAt(i); };
  const ws = () => { while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++; };
  const expect = (ch: string) => { ws(); if (text.charAt(i) !== ch) fail(); i++; };
  const string = () => {
    i++;
    while (i < text.length) {
      const ch = text.charCodeAt(i);
      if (ch === 34) { i++; return; }
      if (ch < 0x20) fail();
      if (ch === 92) {
        i++;
        if (text.charAt(i) === "u") { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail(); i += 4; }
        else if (!'"\\/bfnrt'.includes(text.charAt(i)) || i >= text.length) fail();
      }
      i++;
    }
    fail();
  };
  const value = (): void => {
    ws();
    const ch = text.charAt(i);
    if (ch === "{" || ch === "[") {
      const close = ch === "{" ? "}" : "]";
      i++;
      ws();
      if (text.charAt(i) === close) { i++; return; }
      for (;;) {
        if (ch === "{") { ws(); if (text.charAt(i) !== '"') fail(); string(); expect(":"); }
        value();
        ws();
        if (text.charAt(i) === ",") { i++; continue; }
        if (text.charAt(i) === close) { i++; return; }
        fail();
      }
    }
    if (ch === '"') return string();
    const number = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    number.lastIndex = i;
    if ((ch === "-" || (ch >= "0" && ch <= "9")) && number.test(text)) { i = number.lastIndex; return; }
    for (const word of ["true", "false", "null"]) if (text.startsWith(word, i)) { i += word.length; return; }
    fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (e) {
    if (e instanceof JsonSyntaxAt) return e.offset;
    throw e;
  }
  return text.length;
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  return { line, column: offset - lineStart + 1 };
}
