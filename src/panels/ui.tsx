/** Small building blocks shared by the inspector and the report panels: headings, chips, tables, severity marks. */
import { type ReactNode, useState } from "react";
import type { Severity } from "../model/report.ts";

/** The quiet upper-case heading of a column section ("Inspector", "Report"). */
export function ColumnHeading({ id, children, aside }: { id?: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <div className="mb-2 flex items-center gap-2">
      <h2 id={id} className="text-[11px] font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">
        {children}
      </h2>
      {aside && <div className="ml-auto flex items-center gap-1.5">{aside}</div>}
    </div>
  );
}

/** A heading inside a panel. */
export function SubHeading({ id, children, note }: { id?: string; children: ReactNode; note?: ReactNode }) {
  return (
    <h3 id={id} className="mt-4 mb-1.5 flex items-baseline gap-2 text-[13px] font-semibold text-slate-800 first:mt-0 dark:text-slate-100">
      <span className="min-w-0 truncate">{children}</span>
      {note && <span className="truncate text-[11px] font-normal text-slate-500 dark:text-slate-400">{note}</span>}
    </h3>
  );
}

const CHIP_TONES = {
  plain: "bg-slate-100 text-slate-700 ring-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700",
  good: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-900",
  off: "bg-white text-slate-500 ring-slate-200 dark:bg-slate-900 dark:text-slate-400 dark:ring-slate-700",
  warn: "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-900",
  bad: "bg-red-50 text-red-700 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-900",
  accent: "bg-blue-50 text-blue-800 ring-blue-200 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-900",
} as const;

/** A small rounded fact ("VXLAN +50 B", "✓ Encrypted"). */
export function Chip({ tone = "plain", title, children }: { tone?: keyof typeof CHIP_TONES; title?: string; children: ReactNode }) {
  return (
    <span title={title} className={`inline-flex items-center gap-1 rounded-full px-2 py-px text-[11px] leading-4 whitespace-nowrap ring-1 ${CHIP_TONES[tone]}`}>
      {children}
    </span>
  );
}

const SEVERITY_COLOUR: Record<Severity, string> = {
  error: "text-red-600 dark:text-red-400",
  warning: "text-amber-500 dark:text-amber-400",
  info: "text-sky-600 dark:text-sky-400",
};
export const SEVERITY_WORD: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Info" };

/** A severity as a shape (disc with "!", triangle, disc with "i") and a word for screen readers: never colour alone. */
export function SeverityIcon({ severity, className = "h-4 w-4", decorative }: { severity: Severity; className?: string; /** The word is shown beside it. */ decorative?: boolean }) {
  return (
    <svg {...(decorative ? { "aria-hidden": true } : { role: "img", "aria-label": SEVERITY_WORD[severity] })} viewBox="0 0 16 16" className={`shrink-0 ${SEVERITY_COLOUR[severity]} ${className}`}>
      {severity === "warning" ? (
        <path d="M8 1.5 15 14.5H1z" fill="currentColor" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      ) : (
        <circle cx="8" cy="8" r="7" fill="currentColor" />
      )}
      {severity === "info" ? (
        <path d="M8 7v4.5M8 4.6v.1" stroke="white" strokeWidth="1.8" strokeLinecap="round" />
      ) : (
        <path d={severity === "warning" ? "M8 6v4M8 12.4v.1" : "M8 4.2v4.6M8 11.4v.1"} stroke={severity === "warning" ? "#451a03" : "white"} strokeWidth="1.8" strokeLinecap="round" />
      )}
    </svg>
  );
}

/** Table classes, so every report table looks alike. */
export const TABLE = {
  wrap: "-mx-1 overflow-x-auto",
  table: "w-full border-collapse text-left text-xs",
  caption: "px-1 pb-1 text-left text-xs font-medium text-slate-600 dark:text-slate-300",
  th: "border-b border-slate-200 px-1 py-1 text-[11px] font-medium whitespace-nowrap text-slate-500 dark:border-slate-700 dark:text-slate-400",
  td: "border-b border-slate-100 px-1 py-1 align-top text-slate-700 dark:border-slate-800 dark:text-slate-200",
  mono: "font-mono text-[11px]",
} as const;

/** A quiet sentence where a panel has nothing to show. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-md border border-dashed border-slate-200 px-3 py-4 text-center text-xs text-slate-500 dark:border-slate-700 dark:text-slate-400">{children}</p>;
}


/** The first `step` rows of a long list, and a button for the rest: a 500-host table mounts as fast as a 50-host one. */
export function useRowLimit<T>(rows: readonly T[], step = 100): { shown: readonly T[]; more: ReactNode } {
  const [limit, setLimit] = useState(step);
  const shown = rows.length > limit ? rows.slice(0, limit) : rows;
  const more =
    rows.length > limit ? (
      <button
        type="button"
        onClick={() => setLimit(rows.length)}
        className="mt-1 rounded px-1.5 py-0.5 text-xs font-medium text-blue-700 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300 dark:hover:bg-blue-950"
      >
        Show all {rows.length.toLocaleString("en-US")} rows ({(rows.length - limit).toLocaleString("en-US")} more)
      </button>
    ) : null;
  return { shown, more };
}
