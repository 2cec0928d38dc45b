import { describe, expect, it } from "vitest";
import { SAMPLE_DOCUMENT } from "../model/sample.ts";
import { MAX_IMPORT_CHARS, importDocumentBytes, importDocumentText } from "./import.ts";
import { PNG_KEYWORD, writePngText } from "./png-text.ts";
import { embedDocumentInSvg } from "./svg-embed.ts";

/** A 1×1 transparent PNG. */
const PNG_1x1 = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="), (c) => c.charCodeAt(0));
import { jsonErrorOffset, lineColumnAt } from "./json-location.ts";

describe("importDocumentText", () => {
  it("reads a document, pretty or not, with a byte order mark or not", () => {
    for (const text of [JSON.stringify(SAMPLE_DOCUMENT), JSON.stringify(SAMPLE_DOCUMENT, null, 2), `\uFEFF${JSON.stringify(SAMPLE_DOCUMENT)}`]) {
      const r = importDocumentText(text);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.document.name).toBe("Flannel VXLAN across three hosts");
    }
  });

  it("says where the JSON goes wrong, by line and column", () => {
    const text = '{\n  "format": "topolab",\n  "version": 1,\n  "name": "x",\n}';
    const r = importDocumentText(text, "net.json");
    expect(r).toEqual({
      ok: false,
      error: { kind: "not-json", line: 5, column: 1, message: expect.stringMatching(/^"net\.json" is not valid JSON at line 5, column 1: /) },
    });
  });

  it.each([
    ['{"a":}', 1, 6],
    ['{"a": 1', 1, 8],
    ["", undefined, undefined],
    ['[1,\n2,\n', 3, 1],
    ['{"a":"x\ny"}', 1, 8],
    ["{} x", 1, 4],
    ["{'a': 1}", 1, 2],
    ['{"a": tru}', 1, 7],
    ['{"a": 01}', 1, 8],
  ])("locates the mistake in %j", (text, line, column) => {
    const r = importDocumentText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe("not-json");
    expect(r.error.line).toBe(line);
    expect(r.error.column).toBe(column);
    expect(r.error.message).not.toMatch(/is not valid JSON: .*is not valid JSON/); // the engine's echo of the text is cut
  });

  it("lists every schema problem with its JSON path", () => {
    const r = importDocumentText(JSON.stringify({ format: "topolab", version: 1, hosts: [{ id: "h", cluster: "nope", underlay: "lan3" }] }));
    expect(r).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringContaining('hosts[0].cluster: no cluster "nope" (and 1 more problem)') } });
    if (r.ok) return;
    expect(r.error.errors?.map((e) => e.path)).toEqual(["hosts[0].cluster", "hosts[0].underlay"]);
  });

  it("says when a file is not a Topolab document, or from a newer Topolab", () => {
    expect(importDocumentText("[1, 2]")).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringContaining("a Topolab document is a JSON object") } });
    expect(importDocumentText('{"format": "excalidraw"}')).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringContaining("not a Topolab document") } });
    expect(importDocumentText('{"format": "topolab", "version": 7}')).toMatchObject({ ok: false, error: { kind: "future-version", message: expect.stringContaining("newer Topolab") } });
  });

  it("says when an image holds no document, and when a PNG was damaged by reading it as text", () => {
    expect(importDocumentText("\u0089PNG\r\n\u001a\n....")).toMatchObject({ ok: false, error: { kind: "unsupported", message: expect.stringContaining("PNG image") } });
    expect(importDocumentText("\uFFFDPNG\r\n\u001a\n\uFFFD")).toMatchObject({ ok: false, error: { kind: "unsupported", message: expect.stringContaining("read as text") } });
    expect(importDocumentText('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>')).toMatchObject({
      ok: false,
      error: { kind: "unsupported", message: expect.stringContaining("This SVG image cannot be opened: it holds no Topolab document") },
    });
  });

  it("reads the document embedded in an exported SVG or PNG, bytes or text", () => {
    const json = JSON.stringify({ ...SAMPLE_DOCUMENT, name: "<img src=x onerror=alert(1)>" });
    const svg = embedDocumentInSvg('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', json, "t");
    for (const r of [importDocumentText(svg, "a.svg"), importDocumentBytes(new TextEncoder().encode(svg), "a.svg")]) {
      expect(r).toMatchObject({ ok: true, source: "SVG image", document: { name: "<img src=x onerror=alert(1)>" } });
    }
    const png = writePngText(PNG_1x1, PNG_KEYWORD, json);
    expect(importDocumentBytes(png, "a.png")).toMatchObject({ ok: true, source: "PNG image", document: { name: "<img src=x onerror=alert(1)>" } });
    // A PNG read as Latin-1 text keeps its bytes.
    expect(importDocumentText(String.fromCharCode(...png), "a.png")).toMatchObject({ ok: true, source: "PNG image" });
  });

  it("lists the embedded document's problems with their JSON paths", () => {
    const bad = JSON.stringify({ format: "topolab", version: 1, hosts: [{ id: "h", cluster: "nope", underlay: "lan3" }] });
    const r = importDocumentBytes(writePngText(PNG_1x1, PNG_KEYWORD, bad), "bad.png");
    expect(r).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringMatching(/^The document in "bad\.png" is not a valid Topolab document: hosts\[0\]\.cluster/) } });
    if (!r.ok) expect(r.error.errors?.map((e) => e.path)).toEqual(["hosts[0].cluster", "hosts[0].underlay"]);
  });

  it("reads JSON files as bytes too", () => {
    expect(importDocumentBytes(new TextEncoder().encode(JSON.stringify(SAMPLE_DOCUMENT)))).toMatchObject({ ok: true, source: "JSON" });
    expect(importDocumentBytes(new TextEncoder().encode("{"), "x.json")).toMatchObject({ ok: false, error: { kind: "not-json" } });
  });

  it("refuses very large text before parsing it", () => {
    expect(importDocumentText(" ".repeat(MAX_IMPORT_CHARS + 1))).toMatchObject({ ok: false, error: { kind: "too-large" } });
  });
});

describe("jsonErrorOffset", () => {
  it("finds nothing wrong in valid JSON", () => {
    for (const text of ['{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', " 0 ", '""', "[]", "{}"]) expect(jsonErrorOffset(text)).toBeUndefined();
  });

  it("points at the end when the text stops early", () => {
    expect(jsonErrorOffset('{"a": [1, 2')).toBe(11);
    expect(jsonErrorOffset('"abc')).toBe(4);
  });

  it("gives 1-based lines and columns", () => {
    expect(lineColumnAt("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt("", 0)).toEqual({ line: 1, column: 1 });
  });
});
