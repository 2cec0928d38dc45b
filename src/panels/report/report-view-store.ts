/**
 * What the report column shows: the open tab and the host whose routes are shown when the
 * selection names none. View state only: never in the document or its undo history.
 */
import { create } from "zustand";
import { documentIndex } from "../../canvas/indexes.ts";
import { useDocumentStore } from "../../store/document-store.ts";
import { useSelectionStore } from "../../store/selection-store.ts";

export const REPORT_TABS = ["Addresses", "Routes", "Firewall", "Ports", "Flows", "Diagnostics"] as const;
export type ReportTab = (typeof REPORT_TABS)[number];

interface ReportViewState {
  tab: ReportTab;
  /** The host (or container) the Routes tab shows when the selection holds none: the last one selected or picked. */
  routesTarget?: string;
  showTab: (tab: ReportTab) => void;
  pickRoutesTarget: (id: string) => void;
}

export const useReportView = create<ReportViewState>()((set) => ({
  tab: "Addresses",
  showTab: (tab) => set({ tab }),
  pickRoutesTarget: (id) => set({ routesTarget: id }),
}));

/** Opens a report tab (for the toolbar or the keyboard: "show me the diagnostics"). */
export const showReportTab = (tab: ReportTab) => useReportView.getState().showTab(tab);

/** The host or container among the selected ids, if any. */
export function routableIn(selected: readonly string[]): string | undefined {
  const kinds = documentIndex(useDocumentStore.getState().document).kind;
  return selected.find((id) => kinds.get(id) === "host" || kinds.get(id) === "container");
}

// Remember the last host or container selected, so the Routes tab keeps showing it after the
// selection moves on (to the cluster, say, to change its backend).
useSelectionStore.subscribe((state, previous) => {
  if (state.selected === previous.selected) return;
  const target = routableIn(state.selected);
  if (target) useReportView.getState().pickRoutesTarget(target);
});
