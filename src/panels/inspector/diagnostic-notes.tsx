/**
 * The report's diagnostics inside the inspector: a hook for the ones naming an object, and the
 * short list at the top of a form (the first few, then a way to the Diagnostics tab).
 */
import type { Diagnostic } from "../../model/report.ts";
import { useReportStore } from "../../store/report-store.ts";
import { showReportTab } from "../report/report-view-store.ts";
import { ProblemList } from "./fields.tsx";
import { diagnosticsOf } from "./problems.ts";

/** The diagnostics naming `id`, worst first; the same array until the report changes. */
export const useDiagnosticsOf = (id: string) => useReportStore((s) => diagnosticsOf(s.report.diagnostics, id));

const SHOWN = 3;

/** A form's own diagnostics, at its top: the worst three, and the count of the others. */
export function TopProblems({ label, problems }: { label: string; problems: readonly Diagnostic[] }) {
  if (problems.length === 0) return null;
  const more = problems.length - SHOWN;
  return (
    <div className="mb-3">
      <ProblemList label={label} problems={problems.slice(0, SHOWN)} className="" />
      {more > 0 && (
        <button
          type="button"
          onClick={() => showReportTab("Diagnostics")}
          className="mt-1 rounded px-1 text-xs font-medium text-blue-700 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300 dark:hover:bg-blue-950"
        >
          {more} more in the Diagnostics tab
        </button>
      )}
    </div>
  );
}
