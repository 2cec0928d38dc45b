/**
 * The editor's layout: toolbar on top, palette on the left, the canvas in the middle, and the
 * right column where the inspector and the report panels live.
 */
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect } from "react";
import { Canvas } from "../canvas/Canvas.tsx";
import { Palette } from "../canvas/Palette.tsx";
import { Inspector } from "../panels/Inspector.tsx";
import { ReportPanels } from "../panels/ReportPanels.tsx";
import { useDocumentStore } from "../store/document-store.ts";
import { useSelectionStore } from "../store/selection-store.ts";
import { FlowDraftBanner } from "./FlowDraftBanner.tsx";
import { StatusLine } from "./StatusLine.tsx";
import { Toolbar } from "./Toolbar.tsx";
import { useResolvedTheme } from "./use-theme.ts";
import { useShortcuts } from "./use-shortcuts.ts";

/** Drops selected and highlighted ids whose objects are gone (after Delete, Undo, Open). */
function usePruneSelection() {
  useEffect(
    () =>
      useDocumentStore.subscribe((state, previous) => {
        if (state.document === previous.document) return;
        const d = state.document;
        const alive = new Set([d.underlays, d.routers, d.clusters, d.hosts, d.containers, d.externals, d.flows].flatMap((xs) => xs.map((o) => o.id)));
        const { selected, highlighted, select, highlight } = useSelectionStore.getState();
        if (selected.some((id) => !alive.has(id))) select(selected.filter((id) => alive.has(id)));
        if (highlighted.some((id) => !alive.has(id))) highlight(highlighted.filter((id) => alive.has(id)));
      }),
    [],
  );
}

export function Editor() {
  const theme = useResolvedTheme();
  useShortcuts();
  usePruneSelection();
  return (
    <ReactFlowProvider>
      <div className="flex h-full flex-col">
        <Toolbar theme={theme} />
        <div className="flex min-h-0 flex-1">
          <aside className="w-60 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60">
            <Palette />
          </aside>
          <main className="relative min-w-0 flex-1">
            <Canvas colorMode={theme} />
            <FlowDraftBanner />
            <StatusLine />
          </main>
          <aside
            aria-label="Details"
            data-shortcuts="local"
            className="flex w-[400px] shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
          >
            <Inspector />
            <ReportPanels />
          </aside>
        </div>
      </div>
    </ReactFlowProvider>
  );
}
