/**
 * The editor's layout: toolbar on top, palette on the left, the canvas in the middle, and the
 * right column where the inspector and the report panels live.
 */
import { ReactFlowProvider } from "@xyflow/react";
import { type DragEvent, useEffect, useState } from "react";
import { Canvas } from "../canvas/Canvas.tsx";
import { Palette } from "../canvas/Palette.tsx";
import { Inspector } from "../panels/Inspector.tsx";
import { ReportPanels } from "../panels/ReportPanels.tsx";
import { useDocumentStore } from "../store/document-store.ts";
import { useSelectionStore } from "../store/selection-store.ts";
import { FlowDraftBanner } from "./FlowDraftBanner.tsx";
import { dragHasFiles, openFile } from "./open-file.ts";
import { ProblemDialog } from "./ProblemDialog.tsx";
import { openLinkFromLocation } from "./shared-view.ts";
import { SharedViewBanner } from "./SharedViewBanner.tsx";
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

/** A share link in the URL opens at startup (once the canvas is there to fit it) and whenever the hash changes. */
function useShareLinks() {
  useEffect(() => {
    const onHash = () => void openLinkFromLocation();
    onHash();
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
}

/** A file dragged over the canvas: a JSON document or an exported PNG/SVG opens like Open. */
function useFileDrop() {
  const [over, setOver] = useState(false);
  const onDragOver = (e: DragEvent) => {
    if (!dragHasFiles(e.dataTransfer.types)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    setOver(true);
  };
  const onDragLeave = (e: DragEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
  };
  const onDrop = (e: DragEvent) => {
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (!file || !dragHasFiles(e.dataTransfer.types)) return;
    e.preventDefault();
    void openFile(file);
  };
  return { over, handlers: { onDragOver, onDragLeave, onDrop } };
}

/** Rendered after the canvas, so its effect runs once the canvas can fit a shared scenario into view. */
function ShareLinkListener() {
  useShareLinks();
  return null;
}

export function Editor() {
  const theme = useResolvedTheme();
  useShortcuts();
  usePruneSelection();
  const drop = useFileDrop();
  return (
    <ReactFlowProvider>
      <div className="flex h-full flex-col">
        <Toolbar theme={theme} />
        <SharedViewBanner />
        <div className="flex min-h-0 flex-1">
          <aside className="w-60 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60">
            <Palette />
          </aside>
          <main className="relative min-w-0 flex-1" {...drop.handlers}>
            <Canvas colorMode={theme} />
            <FlowDraftBanner />
            <StatusLine />
            {drop.over && (
              <div aria-hidden="true" className="pointer-events-none absolute inset-2 z-20 flex items-center justify-center rounded-xl border-2 border-dashed border-blue-500 bg-blue-500/10">
                <span className="rounded-full bg-blue-600 px-4 py-1.5 text-sm font-medium text-white shadow-lg">Drop a Topolab JSON, PNG or SVG to open it</span>
              </div>
            )}
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
      <ProblemDialog />
      <ShareLinkListener />
    </ReactFlowProvider>
  );
}
