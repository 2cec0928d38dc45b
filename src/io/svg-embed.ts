/**
 * A document inside an SVG: `<metadata id="topolab-document" data-format="topolab">` holding the
 * document's JSON as XML-escaped text, first child of the root `<svg>`, beside a `<title>` with the
 * topology's name. Reading looks for that element only: user text elsewhere in the drawing is
 * escaped by the serialiser, so it cannot fake or close the element.
 *
 * Pure string work (no DOMParser), so the CLI and the tests read SVGs the same way as the app.
 */

export const SVG_METADATA_ID = "topolab-document";

/** Text → XML character data and attribute values: the five predefined entities; control characters XML 1.0 forbids are dropped (JSON.stringify never emits them raw). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ""); // eslint-disable-line no-control-regex -- exactly the characters XML 1.0 forbids
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML character data → text: predefined and numeric entities. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

/**
 * The SVG with the document's JSON (and a title) placed right after its root `<svg …>` tag. Any
 * Topolab metadata already in it is dropped first.
 */
export function embedDocumentInSvg(svg: string, json: string, title?: string): string {
  const clean = svg.replace(METADATA_RE, "");
  const open = /<svg\b[^>]*>/i.exec(clean);
  if (!open) throw new Error("internal: not an SVG document");
  const end = open.index + open[0].length;
  const inserted = `${title === undefined ? "" : `<title>${escapeXml(title)}</title>`}<metadata id="${SVG_METADATA_ID}" data-format="topolab">${escapeXml(json)}</metadata>`;
  return clean.slice(0, end) + inserted + clean.slice(end);
}

const METADATA_RE = new RegExp(`<metadata\\b[^>]*\\bid="${SVG_METADATA_ID}"[^>]*>([\\s\\S]*?)</metadata>`, "i");

/** Whether a text looks like an SVG document (XML declaration and comments allowed before `<svg`). */
export function looksLikeSvg(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s/>]/i.test(text.slice(0, 4096));
}

export type SvgExtractResult = { ok: true; json: string } | { ok: false; message: string };

/** The document JSON embedded by embedDocumentInSvg(), or why there is none. */
export function extractDocumentFromSvg(svg: string): SvgExtractResult {
  const m = METADATA_RE.exec(svg);
  if (!m) return { ok: false, message: "it holds no Topolab document (it was not exported by Topolab, or the document was stripped from it)" };
  const body = m[1]!.trim();
  // A CDATA section is accepted too (an editor may rewrite the element that way).
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(body);
  return { ok: true, json: cdata ? cdata[1]! : unescapeXml(body) };
}
