import { describe, expect, it } from "vitest";
import { embedDocumentInSvg, escapeXml, extractDocumentFromSvg, looksLikeSvg, unescapeXml } from "./svg-embed.ts";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><foreignObject width="100%" height="100%"><div xmlns="http://www.w3.org/1999/xhtml">&lt;metadata id="topolab-document"&gt;fake&lt;/metadata&gt;</div></foreignObject></svg>';

describe("a document in an SVG", () => {
  it("escapes and unescapes XML text", () => {
    const text = `<img src=x onerror="alert(1)"> & 'quotes' ]]>`;
    expect(escapeXml(text)).not.toMatch(/[<>"']/);
    expect(unescapeXml(escapeXml(text))).toBe(text);
    expect(unescapeXml("&#x3C;&#60;&amp;lt;")).toBe("<<&lt;");
  });

  it("embeds the JSON as the first child of <svg>, with a title, and reads it back", () => {
    const json = JSON.stringify({ name: "<img src=x onerror=alert(1)>", note: "a & b ]]> </metadata>" });
    const svg = embedDocumentInSvg(SVG, json, "<img src=x onerror=alert(1)>");
    expect(svg).toMatch(/^<svg [^>]*><title>&lt;img src=x onerror=alert\(1\)&gt;<\/title><metadata id="topolab-document" data-format="topolab">/);
    expect(svg).not.toContain("<img");
    expect(svg).not.toContain("</metadata>\"");
    expect(extractDocumentFromSvg(svg)).toEqual({ ok: true, json });
    // Embedding again replaces the document.
    expect(extractDocumentFromSvg(embedDocumentInSvg(svg, "{}"))).toEqual({ ok: true, json: "{}" });
    expect(embedDocumentInSvg(svg, "{}").match(/<metadata /g)).toHaveLength(1);
  });

  it("is not fooled by escaped text that looks like the metadata", () => {
    expect(extractDocumentFromSvg(SVG)).toMatchObject({ ok: false, message: expect.stringContaining("holds no Topolab document") });
  });

  it("recognises SVG text", () => {
    expect(looksLikeSvg('<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>')).toBe(true);
    expect(looksLikeSvg("<svg/>")).toBe(true);
    expect(looksLikeSvg('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>')).toBe(true);
    expect(looksLikeSvg("{}")).toBe(false);
  });
});
