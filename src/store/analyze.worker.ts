/// <reference lib="webworker" />
/** Runs analyze() off the main thread so typing and dragging never wait for the report. */
import { analyzeDocument } from "../model/analyze.ts";
import type { Document } from "../model/document.ts";

export interface AnalyzeRequest { seq: number; document: Document }
export interface AnalyzeResponse { seq: number; report: ReturnType<typeof analyzeDocument> }

self.onmessage = (event: MessageEvent<AnalyzeRequest>) => {
  const { seq, document } = event.data;
  const response: AnalyzeResponse = { seq, report: analyzeDocument(document) };
  self.postMessage(response);
};
