/**
 * Documents as JSON files: reading one (validated like any document, every problem with its JSON
 * path) and writing one. Reading never touches the open document; the caller decides.
 */
import { type Document, type DocumentResult, parseDocument } from "../model/document.ts";

/** Parses a file's text: JSON syntax first, then the document schema and references. */
export function parseDocumentJson(text: string): DocumentResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ path: "(file)", message: `this file is not valid JSON: ${reason}` }] };
  }
  return parseDocument(value);
}

export function documentToJson(doc: Document): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** "Flannel VXLAN across three hosts" → "flannel-vxlan-across-three-hosts.topolab.json". */
export function fileNameFor(doc: Document): string {
  return `${fileSlug(doc.name)}.topolab.json`;
}

/** A topology's name as the stem of a file name: "Ünïcode & co" → "unicode-co"; "topology" when nothing is left. */
export function fileSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // the accents NFKD split off
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "topology";
}

/** Offers bytes or text as a file download (browser only). */
export function downloadBlob(fileName: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Offers text as a file download (browser only). */
export function downloadText(fileName: string, text: string, type = "application/json") {
  downloadBlob(fileName, new Blob([text], { type }));
}
