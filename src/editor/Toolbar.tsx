/**
 * The toolbar: file (New, Open, Save, Templates), history (Undo, Redo), the topology's name,
 * Share and Export, the report's error and warning counts, and the theme.
 */
import { useRef, useState } from "react";
import { useStore } from "zustand";
import { documentToJson, downloadText, fileNameFor } from "../io/json-file.ts";
import { emptyDocument } from "../model/document.ts";
import { showReportTab } from "../panels/report/report-view-store.ts";
import { dispatch, useDocumentStore } from "../store/document-store.ts";
import { useReportStore } from "../store/report-store.ts";
import { useSelectionStore } from "../store/selection-store.ts";
import { announce } from "../store/status-store.ts";
import { useViewStore } from "../store/view-store.ts";
import { isDocumentEmpty } from "./actions.ts";
import { command } from "./commands.ts";
import { ConfirmDialog } from "./Dialog.tsx";
import { ExportMenu } from "./ExportMenu.tsx";
import { Icon } from "./icons.tsx";
import { OPEN_ACCEPT, openFile } from "./open-file.ts";
import { ShareButton } from "./ShareButton.tsx";
import { openAsWork } from "./shared-view.ts";
import { TemplatesButton } from "./TemplatesButton.tsx";
import { ToolButton } from "./ToolButton.tsx";

const Divider = () => <span aria-hidden="true" className="mx-1 h-5 w-px bg-slate-200 dark:bg-slate-700" />;

function FileButtons() {
  const [confirmNew, setConfirmNew] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const startNew = () => openAsWork(emptyDocument(), "New empty topology");
  const onNew = () => (isDocumentEmpty() ? startNew() : setConfirmNew(true));
  const onSave = () => {
    const doc = useDocumentStore.getState().document;
    downloadText(fileNameFor(doc), documentToJson(doc));
    announce(`Saved ${fileNameFor(doc)}`);
  };
  const onFile = async (file: File | undefined) => {
    if (input.current) input.current.value = "";
    if (file) await openFile(file);
  };

  return (
    <div role="group" aria-label="File" className="flex items-center">
      <ToolButton label="New" icon="new" text="New" onClick={onNew} />
      <ToolButton label="Open" icon="open" text="Open" shortcut="a JSON file, or a PNG or SVG exported by Topolab" onClick={() => input.current?.click()} />
      <ToolButton label="Save" icon="save" text="Save" onClick={onSave} />
      <TemplatesButton />
      <input ref={input} type="file" accept={OPEN_ACCEPT} className="hidden" tabIndex={-1} aria-hidden="true" onChange={(e) => void onFile(e.target.files?.[0])} />
      <ConfirmDialog open={confirmNew} title="Start a new topology?" confirmLabel="Discard and start new" onCancel={() => setConfirmNew(false)} onConfirm={startNew}>
        The open topology will be replaced by an empty one. Save it first if you want to keep a copy; Undo also brings it back.
      </ConfirmDialog>
    </div>
  );
}

function HistoryButtons() {
  const canUndo = useStore(useDocumentStore.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useDocumentStore.temporal, (s) => s.futureStates.length > 0);
  const undo = command("undo");
  const redo = command("redo");
  return (
    <div role="group" aria-label="History" className="flex items-center">
      <ToolButton label={undo.label} icon="undo" shortcut={undo.shortcut} disabled={!canUndo} onClick={() => undo.run()} />
      <ToolButton label={redo.label} icon="redo" shortcut={redo.shortcut} disabled={!canRedo} onClick={() => redo.run()} />
    </div>
  );
}

function DocumentName() {
  const name = useDocumentStore((s) => s.document.name);
  const [draft, setDraft] = useState<string | undefined>();
  const commit = () => {
    if (draft !== undefined && draft.trim() !== "" && draft !== name) dispatch({ kind: "rename-document", name: draft.trim() });
    setDraft(undefined);
  };
  return (
    <input
      aria-label="Topology name"
      value={draft ?? name}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") e.currentTarget.blur();
        if (e.key === "Escape") {
          setDraft(undefined);
          e.currentTarget.blur();
        }
      }}
      className="h-8 w-72 min-w-0 truncate rounded-md border border-transparent bg-transparent px-2 text-sm font-medium text-slate-800 hover:border-slate-200 focus:border-blue-500 focus:outline-none dark:text-slate-100 dark:hover:border-slate-700"
    />
  );
}

/** "2 errors", "1 warning": clicking one highlights the objects those diagnostics name and opens the Diagnostics tab. */
function DiagnosticCounts() {
  const errors = useReportStore((s) => s.report.diagnostics.filter((d) => d.severity === "error").length);
  const warnings = useReportStore((s) => s.report.diagnostics.filter((d) => d.severity === "warning").length);
  // Which chip lit the canvas: pressed only while the highlight it set is still the one shown.
  const [active, setActive] = useState<{ severity: "error" | "warning"; ids: string[] } | undefined>();
  const highlighted = useSelectionStore((s) => s.highlighted);
  const pressed = active && active.ids === highlighted ? active.severity : undefined;
  const toggle = (severity: "error" | "warning") => {
    if (pressed === severity) {
      setActive(undefined);
      useSelectionStore.getState().highlight([]);
      return;
    }
    const ids = [...new Set(useReportStore.getState().report.diagnostics.filter((d) => d.severity === severity).flatMap((d) => d.subjects))];
    setActive({ severity, ids });
    useSelectionStore.getState().highlight(ids);
    showReportTab("Diagnostics");
  };
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const chip = (severity: "error" | "warning", n: number) => {
    const label = plural(n, severity);
    const tone =
      n === 0
        ? "text-slate-500 dark:text-slate-400"
        : severity === "error"
          ? "bg-red-50 text-red-700 ring-1 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-900"
          : "bg-amber-50 text-amber-800 ring-1 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-900";
    return (
      <button
        type="button"
        aria-label={label}
        aria-pressed={pressed === severity}
        title={n === 0 ? label : `${label}: highlight what they concern and show them`}
        disabled={n === 0}
        onClick={() => toggle(severity)}
        className={`inline-flex h-7 items-center gap-1.5 rounded-full px-2.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-blue-500 ${tone} ${pressed === severity ? "ring-2 ring-fuchsia-500" : ""}`}
      >
        <Icon name={severity} />
        {label}
      </button>
    );
  };
  return (
    <div role="group" aria-label="Diagnostics" className="flex items-center gap-1.5">
      {chip("error", errors)}
      {chip("warning", warnings)}
    </div>
  );
}

function ThemeButton({ theme }: { theme: "light" | "dark" }) {
  const setTheme = useViewStore((s) => s.setTheme);
  const other = theme === "dark" ? "light" : "dark";
  return (
    <ToolButton
      label="Theme"
      icon={theme === "dark" ? "moon" : "sun"}
      shortcut={`${theme} now; switch to ${other}`}
      onClick={() => {
        setTheme(other);
        announce(`${other === "dark" ? "Dark" : "Light"} theme`);
      }}
    />
  );
}

export function Toolbar({ theme }: { theme: "light" | "dark" }) {
  return (
    <header className="flex h-12 shrink-0 items-center gap-1 border-b border-slate-200 bg-white px-3 dark:border-slate-800 dark:bg-slate-900">
      <h1 className="mr-2 flex items-center gap-2 text-[15px] font-bold tracking-tight text-slate-900 dark:text-white">
        <Icon name="logo" className="h-5 w-5 text-blue-600 dark:text-blue-400" />
        Topolab
      </h1>
      <FileButtons />
      <Divider />
      <HistoryButtons />
      <Divider />
      <DocumentName />
      <div role="group" aria-label="Share and export" className="flex items-center">
        <ShareButton />
        <ExportMenu />
      </div>
      <div className="flex-1" />
      <DiagnosticCounts />
      <Divider />
      <ThemeButton theme={theme} />
    </header>
  );
}
