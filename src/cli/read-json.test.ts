import { describe, expect, it } from "vitest";
import { firstErrorOffset, parseJsonText } from "./read-json.ts";

describe("JSON syntax errors are located by line and column", () => {
  it("agrees with V8 wherever V8 gives a position", () => {
    for (const text of ['{"a": 1 "b": 2}', '{"a": [1, 2,]}', '{"a": 01}', '{"a": "x\n"}', '{"a" 1}', '[1, 2', '{"a": 1}}', '{"a": tru}', '{"a": "\\q"}', '{,}']) {
      let v8: number | undefined;
      try { JSON.parse(text); } catch (e) { v8 = Number(/at position (\d+)/.exec((e as Error).message)?.[1] ?? NaN); }
      expect(v8, text).toBeDefined();
      if (!Number.isNaN(v8)) expect(firstErrorOffset(text), text).toBe(v8);
    }
  });

  it("finds the token V8 names without a position", () => {
    expect(firstErrorOffset("hello")).toBe(0);
    expect(firstErrorOffset('{"a": [1, 2, x]}')).toBe(13);
  });

  it("accepts valid JSON, including escapes and exponents", () => {
    const text = '{"a": [1, -2.5e+3, true, null, "\\u00e9\\n"], "b": {}}';
    expect(firstErrorOffset(text)).toBe(text.length);
  });

  it("reports FILE:line:column with the reason", () => {
    expect(parseJsonText('{\n  "format": "topolab"\n  "version": 1\n}', "doc.json")).toEqual({
      ok: false,
      error: "doc.json:3:3: not JSON: Expected ',' or '}' after property value (line 3, column 3)",
    });
    expect(parseJsonText("\ufeff{}", "bom.json")).toEqual({ ok: true, value: {} });
    expect(parseJsonText("  \n", "empty.json")).toEqual({ ok: false, error: "empty.json: not JSON: the file is empty" });
  });
});
