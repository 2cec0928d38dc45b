/**
 * Where a JSON text goes wrong. JSON.parse says whether a text is valid but not, in every engine
 * and for every mistake, where: V8 omits the position for an unexpected token, Safari always does.
 * This scanner is only run on text JSON.parse has already rejected, to point at the first mistake.
 */

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 5000;

class SyntaxStop {
  constructor(readonly offset: number) {}
}

/** The offset of the first character that makes `text` invalid JSON (text.length: it ends too early); undefined if it is valid. */
export function jsonErrorOffset(text: string): number | undefined {
  const n = text.length;
  let i = 0;
  const stop = (at = i): never => {
    throw new SyntaxStop(at);
  };
  const ws = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= n) stop(n);
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 0x20) stop();
      if (c === 92) {
        const e = text[i + 1];
        if (e === undefined) stop(n);
        if (e === "u") {
          for (let k = 2; k < 6; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? "")) stop(Math.min(i + k, n));
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else stop(i + 1);
      } else i++;
    }
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) stop();
    ws();
    if (i >= n) stop(n);
    const c = text[i]!;
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (i >= n) stop(n);
        if (text[i] !== '"') stop();
        string();
        ws();
        if (i >= n) stop(n);
        if (text[i] !== ":") stop();
        i++;
        value(depth + 1);
        ws();
        if (i >= n) stop(n);
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else stop();
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (i >= n) stop(n);
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return;
        } else stop();
      }
    }
    if (c === '"') return string();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m || m[0].length === 0) stop();
    i += m![0].length;
  };
  try {
    value(0);
    ws();
    return i < n ? i : undefined;
  } catch (e) {
    if (e instanceof SyntaxStop) return e.offset;
    return undefined;
  }
}
