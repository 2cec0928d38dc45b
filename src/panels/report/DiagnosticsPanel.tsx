/**
 * The diagnostics, worst first: a severity icon and word, the code and the message. Activating one
 * (click, Enter or Space) selects and highlights the objects it concerns and frames them on the canvas.
 */
import { useMemo } from "react";
import { canvasApi } from "../../canvas/canvas-api.ts";
import type { Diagnostic, Severity } from "../../model/report.ts";
import { useReport } from "../../store/report-store.ts";
import { useSelectionStore } from "../../store/selection-store.ts";
import { useNames } from "../hooks.ts";
import { SEVERITY_WORD, SeverityIcon, useRowLimit } from "../ui.tsx";

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

function show(d: Diagnostic, active: boolean) {
  const { select, highlight } = useSelectionStore.getState();
  if (active) {
    highlight([]);
    return;
  }
  select(d.subjects);
  highlight(d.subjects);
  // Frame every concerned node (one is only brought into view); the canvas rings all of them.
  if (d.subjects.length > 1) canvasApi().fitNodes(d.subjects);
  else if (d.subjects[0]) canvasApi().reveal(d.subjects[0]);
}

export function DiagnosticsPanel() {
  const diagnostics = useReport().diagnostics;
  const names = useNames();
  const highlighted = useSelectionStore((s) => s.highlighted);
  const sorted = useMemo(() => [...diagnostics].sort((a, b) => RANK[a.severity] - RANK[b.severity]), [diagnostics]);
  const { shown, more } = useRowLimit(sorted);
  if (sorted.length === 0) {
    return (
      <p className="flex items-center gap-2 rounded-md bg-emerald-50 px-3 py-2 text-xs text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
        <span aria-hidden="true">✓</span> No diagnostics: this design works as drawn.
      </p>
    );
  }
  const counts = (["error", "warning", "info"] as const).map((s) => [s, sorted.filter((d) => d.severity === s).length] as const).filter(([, n]) => n > 0);
  return (
    <>
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">
        {counts.map(([s, n]) => `${n} ${SEVERITY_WORD[s].toLowerCase()}${n === 1 ? "" : "s"}`).join(", ")}. Choose one to highlight what it concerns.
      </p>
      <ul aria-label="Diagnostics" className="space-y-1.5">
        {shown.map((d, i) => {
          const active = highlighted.length > 0 && sameIds(highlighted, d.subjects);
          return (
            <li key={`${d.code}:${i}`}>
              <button
                type="button"
                aria-pressed={active}
                onClick={() => show(d, active)}
                className={`flex w-full items-start gap-2 rounded-md border px-2.5 py-2 text-left focus-visible:outline-2 focus-visible:outline-blue-500 ${
                  active
                    ? "border-fuchsia-400 bg-fuchsia-50 dark:border-fuchsia-500 dark:bg-fuchsia-950/40"
                    : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800/60"
                }`}
              >
                <SeverityIcon severity={d.severity} className="mt-0.5 h-4 w-4" decorative />
                <span className="min-w-0 flex-1">
                  <span className="flex flex-wrap items-baseline gap-x-2">
                    <span className="text-[11px] font-semibold text-slate-700 dark:text-slate-200">{SEVERITY_WORD[d.severity]}</span>
                    <code className="font-mono text-[11px] text-slate-500 dark:text-slate-400">{d.code}</code>
                  </span>
                  <span className="mt-0.5 block text-xs leading-4 text-slate-800 dark:text-slate-100">{d.message}</span>
                  {d.subjects.length > 0 && (
                    <span className="mt-1 block text-[11px] text-slate-500 dark:text-slate-400">Concerns {d.subjects.map((id) => names.get(id) ?? id).join(", ")}</span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {more}
    </>
  );
}
