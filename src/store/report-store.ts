/**
 * The report of the current document, recomputed in a Web Worker whenever the document changes.
 * Only the newest answer is kept (sequence numbers), so a burst of edits never shows a stale report.
 *
 * The first report comes from the worker too: analysing on the main thread at startup held up the
 * first paint (hundreds of ms for a 1,000-node document) and put the whole analysis into the
 * initial bundle (bench/canvas). Until it arrives the report is empty and `analysed` is not the
 * current document, so the panels say "updating…". Where there is no Worker (unit tests in Node)
 * the analysis is loaded here and answers the same way, asynchronously.
 */
import { create } from "zustand";
import { type Document, emptyDocument } from "../model/document.ts";
import { REPORT_FORMAT, REPORT_VERSION, type Report } from "../model/report.ts";
import type { AnalyzeRequest, AnalyzeResponse } from "./analyze.worker.ts";
import { useDocumentStore } from "./document-store.ts";

interface ReportState {
  report: Report;
  /** The document the report describes (the panels compare it with the current one to show "updating…"). */
  analysed: Document;
}

/**
 * Without a Worker, analyse on this thread; a browser never loads this chunk. Not awaited at the
 * top level: a top-level await anywhere turns off the bundler's chunk merging, and the initial JS
 * then came as a dozen small files that compress worse (bench/canvas).
 */
const analysisHere = typeof Worker === "undefined" ? import("../model/analyze.ts") : undefined;

const EMPTY_REPORT: Report = { format: REPORT_FORMAT, version: REPORT_VERSION, underlays: [], routers: [], clusters: [], hosts: [], containers: [], portMappings: [], flows: [], diagnostics: [] };

export const useReportStore = create<ReportState>()(() => ({ report: EMPTY_REPORT, analysed: emptyDocument() }));

let seq = 0;
let worker: Worker | undefined;
const pending = new Map<number, Document>();

function receive(answer: AnalyzeResponse) {
  if (answer.seq !== seq) return;
  useReportStore.setState({ report: answer.report, analysed: pending.get(answer.seq) ?? useReportStore.getState().analysed });
  pending.clear();
}

function startWorker(): Worker {
  const w = new Worker(new URL("./analyze.worker.ts", import.meta.url), { type: "module" });
  w.onmessage = (event: MessageEvent<AnalyzeResponse>) => receive(event.data);
  return w;
}

/** Whether two documents differ only in their layout (a move): the report, which ignores positions, still holds. */
export function layoutOnlyChange(a: Document, b: Document): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof Document)[]);
  for (const k of keys) if (k !== "layout" && a[k] !== b[k]) return false;
  return true;
}

function analyse(document: Document) {
  seq += 1;
  pending.set(seq, document);
  const request: AnalyzeRequest = { seq, document };
  if (analysisHere) {
    void analysisHere.then(({ analyzeDocument }) => receive({ seq: request.seq, report: analyzeDocument(document) }));
    return;
  }
  worker ??= startWorker();
  worker.postMessage(request);
}

useDocumentStore.subscribe((state, previous) => {
  if (state.document === previous.document) return;
  if (layoutOnlyChange(previous.document, state.document)) {
    // Nothing to recompute. An answer still on its way describes this document too.
    if (pending.has(seq)) pending.set(seq, state.document);
    else if (useReportStore.getState().analysed === previous.document) useReportStore.setState({ analysed: state.document });
    return;
  }
  analyse(state.document);
});

analyse(useDocumentStore.getState().document);

export const useReport = () => useReportStore((s) => s.report);
