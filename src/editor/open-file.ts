/**
 * Opening a file — chosen with Open or dropped on the canvas: a JSON document, or an image
 * exported by Topolab (PNG, SVG) with the document inside. Nothing changes until the file holds
 * a valid document; then it replaces the work as one undo step. Otherwise the problem dialog says
 * what is wrong, every problem with its JSON path.
 */
// The importers (PNG/SVG readers, deflate) load on the first Open, not with the page.
import type { ImportError } from "../io/import.ts";
import { showProblem } from "./problems.ts";
import { openAsWork } from "./shared-view.ts";

/** What Open offers in the file picker. */
export const OPEN_ACCEPT = ".json,.png,.svg,application/json,image/png,image/svg+xml";

function problemTitle(fileName: string, error: ImportError): string {
  if (error.kind === "invalid" && error.errors) return `${fileName} is not a valid Topolab document`;
  if (error.kind === "future-version") return `${fileName} was made by a newer Topolab`;
  return `${fileName} cannot be opened`;
}

export async function openFile(file: File): Promise<void> {
  const { MAX_IMAGE_BYTES, importDocumentBytes } = await import("../io/import.ts");
  if (file.size > MAX_IMAGE_BYTES) {
    showProblem({ title: `${file.name} cannot be opened`, message: `It is too large: ${(file.size / (1024 * 1024)).toFixed(1)} MB, and Topolab opens files of up to ${MAX_IMAGE_BYTES / (1024 * 1024)} MB.` });
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    showProblem({ title: `${file.name} cannot be opened`, message: `The browser could not read it: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  const r = importDocumentBytes(bytes, file.name);
  if (r.ok) {
    openAsWork(r.document, r.source === "JSON" ? `Opened ${file.name}` : `Opened ${file.name}: the topology inside the ${r.source}`);
    return;
  }
  showProblem({ title: problemTitle(file.name, r.error), message: r.error.message, ...(r.error.errors ? { errors: r.error.errors } : {}) });
}

/** Whether a drag carries files (not a palette item or text). */
export const dragHasFiles = (types: readonly string[]) => types.includes("Files");
