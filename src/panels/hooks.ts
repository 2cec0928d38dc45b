/**
 * Narrow subscriptions for the panels: each returns one object or one primitive found by id in the
 * memoised indexes the canvas builds (src/canvas/indexes.ts), so a panel re-renders only when its
 * own facts change, whatever the size of the report.
 */
import { documentIndex, reportIndex } from "../canvas/indexes.ts";
import type { Document } from "../model/document.ts";
import { flowLabel } from "../model/flow-label.ts";
import { useDocumentStore } from "../store/document-store.ts";
import { useReportStore } from "../store/report-store.ts";

export { useObject } from "../canvas/use-facts.ts";

export const useKindOf = (id: string | undefined) => useDocumentStore((s) => (id === undefined ? undefined : documentIndex(s.document).kind.get(id)));
const displayNames = new WeakMap<Document, ReadonlyMap<string, string>>();

/** What to call each object in a sentence: its name, and for a flow "web → api 8000/tcp". Built once per document. */
function namesOf(doc: Document): ReadonlyMap<string, string> {
  let names = displayNames.get(doc);
  if (!names) {
    const index = documentIndex(doc).name;
    const all = new Map(index);
    for (const f of doc.flows) all.set(f.id, flowLabel(doc, f));
    names = all;
    displayNames.set(doc, names);
  }
  return names;
}

/** Display names of every object (a Map built once per document). */
export const useNames = () => useDocumentStore((s) => namesOf(s.document));
export const useName = (id: string) => useDocumentStore((s) => namesOf(s.document).get(id) ?? id);

export const useHostReport = (id: string | undefined) => useReportStore((s) => (id === undefined ? undefined : reportIndex(s.report).hosts.get(id)));
export const useContainerReport = (id: string | undefined) => useReportStore((s) => (id === undefined ? undefined : reportIndex(s.report).containers.get(id)));
export const useClusterReport = (id: string) => useReportStore((s) => reportIndex(s.report).clusters.get(id));
export const useUnderlayReport = (id: string) => useReportStore((s) => reportIndex(s.report).underlays.get(id));
export const useRouterReport = (id: string) => useReportStore((s) => reportIndex(s.report).routers.get(id));
export const useFlowReport = (id: string) => useReportStore((s) => s.report.flows.find((f) => f.id === id));
/** Whether the report still describes an older document (the worker is busy). */
export const useReportPending = () => {
  const document = useDocumentStore((s) => s.document);
  return useReportStore((s) => s.analysed !== document);
};
