/** Documents as JSON files: writing and downloading one. Reading goes through import.ts, like every file. */
import type { Document } from "../model/document.ts";

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
