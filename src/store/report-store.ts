/**
 * The report of the current document, recomputed in a Web Worker whenever the document changes.
 * Only the newest answer is kept (sequence numbers), so a burst of edits never shows a stale report.
 */
import { create } from "zustand";
import { analyzeDocument } from "../model/analyze.ts";
import type { Document } from "../model/document.ts";
import type { Report } from "../model/report.ts";
import type { AnalyzeRequest, AnalyzeResponse } from "./analyze.worker.ts";
import { useDocumentStore } from "./document-store.ts";

interface ReportState {
  report: Report;
  /** The document the report describes (the panels compare it with the current one to show "updating…"). */
  analysed: Document;
}

const initial = useDocumentStore.getState().document;
export const useReportStore = create<ReportState>()(() => ({ report: analyzeDocument(initial), analysed: initial }));

let seq = 0;
let worker: Worker | undefined;
const pending = new Map<number, Document>();

function startWorker(): Worker | undefined {
  if (typeof Worker === "undefined") return undefined;
  const w = new Worker(new URL("./analyze.worker.ts", import.meta.url), { type: "module" });
  w.onmessage = (event: MessageEvent<AnalyzeResponse>) => {
    if (event.data.seq !== seq) return;
    useReportStore.setState({ report: event.data.report, analysed: pending.get(event.data.seq) ?? useReportStore.getState().analysed });
    pending.clear();
  };
  return w;
}

/** Whether two documents differ only in their layout (a move): the report, which ignores positions, still holds. */
export function layoutOnlyChange(a: Document, b: Document): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof Document)[]);
  for (const k of keys) if (k !== "layout" && a[k] !== b[k]) return false;
  return true;
}

useDocumentStore.subscribe((state, previous) => {
  if (state.document === previous.document) return;
  if (layoutOnlyChange(previous.document, state.document)) {
    // Nothing to recompute. An answer still on its way describes this document too.
    if (pending.has(seq)) pending.set(seq, state.document);
    else useReportStore.setState({ analysed: state.document });
    return;
  }
  seq += 1;
  worker ??= startWorker();
  if (!worker) {
    useReportStore.setState({ report: analyzeDocument(state.document), analysed: state.document });
    return;
  }
  pending.set(seq, state.document);
  const request: AnalyzeRequest = { seq, document: state.document };
  worker.postMessage(request);
});

export const useReport = () => useReportStore((s) => s.report);
