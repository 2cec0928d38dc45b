import { describe, expect, it, vi } from "vitest";
import { dispatch, sampleDocument, useDocumentStore } from "./document-store.ts";
import { layoutOnlyChange, useReportStore } from "./report-store.ts";

/** The report arrives asynchronously, as from the Worker: wait until it describes the current document. */
const reportUpToDate = () => vi.waitFor(() => expect(useReportStore.getState().analysed).toBe(useDocumentStore.getState().document));

describe("the report store", () => {
  it("keeps the report when only positions changed, and says it describes the moved document", async () => {
    useDocumentStore.setState({ document: sampleDocument() });
    await reportUpToDate();
    const report = useReportStore.getState().report;
    dispatch({ kind: "move", positions: { lan: { x: 5, y: 5 } } });
    expect(useReportStore.getState().report).toBe(report);
    expect(useReportStore.getState().analysed).toBe(useDocumentStore.getState().document);
  });

  it("recomputes the report for any other change", async () => {
    useDocumentStore.setState({ document: sampleDocument() });
    dispatch({ kind: "remove", ids: ["db"] });
    await reportUpToDate();
    expect(useReportStore.getState().report.containers.map((c) => c.id)).toEqual(["web", "api"]);
  });

  it("tells a move from an edit", () => {
    const a = sampleDocument();
    expect(layoutOnlyChange(a, { ...a, layout: { lan: { x: 1, y: 1 } } })).toBe(true);
    expect(layoutOnlyChange(a, { ...a, name: "other" })).toBe(false);
  });
});
