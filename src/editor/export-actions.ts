/**
 * What each Export menu item does: the picture (PNG, SVG — each carrying the document), the JSON
 * document, the Markdown report, the lab script. Each downloads one file and says what it made.
 */
import type { ReactFlowInstance } from "@xyflow/react";
import { documentToJson, downloadBlob, downloadText, fileNameFor, fileSlug } from "../io/json-file.ts";
import { markdownFileName, markdownReport } from "../io/markdown-report.ts";
import { labScript } from "../lab/lab-script.ts";
import { analyzeDocument } from "../model/analyze.ts";
import type { Document } from "../model/document.ts";
import type { Report } from "../model/report.ts";
import { useDocumentStore } from "../store/document-store.ts";
import { useReportStore } from "../store/report-store.ts";
import { announce } from "../store/status-store.ts";
import { diagramPng, diagramSvg } from "./export-image.ts";

export type ExportFormat = "png" | "svg" | "json" | "markdown" | "lab";

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * The report of this very document: the worker's when it has caught up (within a second or so),
 * otherwise computed here — an export must never describe an older document.
 */
async function reportOf(doc: Document): Promise<Report> {
  const ready = () => useReportStore.getState().analysed === doc;
  for (let waited = 0; !ready() && waited < 1500; waited += 50) await new Promise((r) => setTimeout(r, 50));
  return ready() ? useReportStore.getState().report : analyzeDocument(doc);
}

async function exportImage(flow: ReactFlowInstance, doc: Document, format: "png" | "svg") {
  await reportOf(doc);
  // Let the canvas draw the report's badges before the picture is taken.
  await nextFrame();
  await nextFrame();
  const image = format === "png" ? await diagramPng(flow, doc) : await diagramSvg(flow, doc);
  const name = `${fileSlug(doc.name)}.${format}`;
  downloadBlob(name, image.blob);
  const size = format === "png" ? `${image.pixelWidth} × ${image.pixelHeight} px` : `${image.width} × ${image.height}`;
  announce(`Exported ${name} (${size}), with the topology inside: open it or drop it on the canvas to edit it again`);
}

export async function exportAs(format: ExportFormat, flow: ReactFlowInstance): Promise<void> {
  const doc = useDocumentStore.getState().document;
  try {
    switch (format) {
      case "png":
      case "svg":
        return await exportImage(flow, doc, format);
      case "json":
        downloadText(fileNameFor(doc), documentToJson(doc));
        announce(`Saved ${fileNameFor(doc)}`);
        return;
      case "markdown": {
        downloadText(markdownFileName(doc), markdownReport(doc, await reportOf(doc)), "text/markdown");
        announce(`Exported ${markdownFileName(doc)}`);
        return;
      }
      case "lab": {
        const name = `${fileSlug(doc.name)}.lab.sh`;
        downloadText(name, labScript(doc, await reportOf(doc)), "text/x-shellscript");
        announce(`Exported ${name}: run it as root on a Linux machine to build this network in namespaces and check it`);
        return;
      }
    }
  } catch (error) {
    announce(`The export failed: ${error instanceof Error ? error.message : String(error)}`, "error");
  }
}
