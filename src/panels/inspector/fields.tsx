/**
 * The inspector's form controls. Every control has a visible <label>.
 *
 * Text fields keep what is typed as a local draft, check it on every keystroke (the message shows
 * beside the field, with aria-invalid and aria-describedby), and commit it on blur or Enter, so one
 * field edit is one undo step and an invalid value never reaches the document; Escape puts the
 * document's value back. Selects and checkboxes commit on change (each change is one step).
 */
import { type ReactNode, useId, useState } from "react";
import type { Severity } from "../../model/report.ts";
import { SEVERITY_WORD, SeverityIcon } from "../ui.tsx";
import type { Checked } from "./validate.ts";

const LABEL = "pt-1.5 text-xs leading-4 font-medium text-slate-600 dark:text-slate-300";
const CONTROL =
  "h-7 w-full min-w-0 rounded-md border bg-white px-2 text-[13px] text-slate-900 shadow-xs placeholder:text-slate-400 focus:ring-2 focus:outline-none disabled:opacity-50 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-500";
const CONTROL_OK = "border-slate-300 focus:border-blue-500 focus:ring-blue-500/25 dark:border-slate-700 dark:focus:border-blue-400";
const CONTROL_BAD = "border-red-500 focus:border-red-500 focus:ring-red-500/25 dark:border-red-500";

/** The form's two columns: labels on the left, controls on the right. */
export function FieldGrid({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-[7.5rem_minmax(0,1fr)] items-start gap-x-3 gap-y-2">{children}</div>;
}

/** A titled group of fields inside a form. */
export function FieldSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="mt-4 min-w-0 border-t border-slate-200 pt-3 dark:border-slate-800">
      <legend className="mb-2 pr-2 text-[11px] font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">{title}</legend>
      {children}
    </fieldset>
  );
}

function Messages({ hintId, hint, errorId, error }: { hintId: string; hint?: ReactNode; errorId: string; error?: string | undefined }) {
  return (
    <>
      {error && (
        <p id={errorId} className="mt-1 flex gap-1 text-xs leading-4 text-red-700 dark:text-red-300">
          <span aria-hidden="true" className="font-bold">
            ✕
          </span>
          <span>{error}</span>
        </p>
      )}
      {hint && (
        <p id={hintId} className="mt-1 text-[11px] leading-4 text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
    </>
  );
}

/** A diagnostic of the report about what a field holds (a pool overlapping the LAN). */
export interface FieldProblem {
  severity: Severity;
  message: string;
}

const PROBLEM_TEXT: Record<Severity, string> = {
  error: "text-red-700 dark:text-red-300",
  warning: "text-amber-800 dark:text-amber-200",
  info: "text-slate-600 dark:text-slate-300",
};

/**
 * The report's diagnostics about a field, under it: a severity mark, its word for screen readers,
 * the message. Referenced by the control's aria-describedby (read with the field, not shouted).
 */
export function ProblemList<P extends FieldProblem>({ id, label, problems, className = "mt-1", action }: {
  id?: string;
  label?: string;
  problems: readonly P[];
  className?: string;
  /** Something to do about a problem (a fix button), under its message. */
  action?: (problem: P, index: number) => ReactNode;
}) {
  if (problems.length === 0) return null;
  return (
    <ul id={id} aria-label={label} className={`${className} space-y-1`}>
      {problems.map((p, i) => (
        <li key={i} className={`text-xs leading-4 ${PROBLEM_TEXT[p.severity]}`}>
          <div className="flex gap-1.5">
            <SeverityIcon severity={p.severity} className="mt-px h-3.5 w-3.5" decorative />
            <span className="min-w-0 break-words">
              <span className="sr-only">{SEVERITY_WORD[p.severity]}: </span>
              {p.message}
            </span>
          </div>
          {action?.(p, i)}
        </li>
      ))}
    </ul>
  );
}

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

export interface TextFieldProps<T> {
  label: string;
  /** The document's value as text ("" when absent). */
  value: string;
  /** Reads the draft: the value to store, or the message to show. */
  check: (text: string) => Checked<T>;
  onCommit: (value: T) => void;
  placeholder?: string;
  hint?: ReactNode;
  mono?: boolean;
  numeric?: boolean;
  multiline?: boolean;
  /** The report's diagnostics about the committed value, shown under the field. */
  problems?: readonly FieldProblem[];
}

export function TextField<T>({ label, value, check, onCommit, placeholder, hint, mono, numeric, multiline, problems = [] }: TextFieldProps<T>) {
  const id = useId();
  const [draft, setDraft] = useState<string | undefined>();
  const result = draft === undefined ? undefined : check(draft);
  const error = result && !result.ok ? result.error : undefined;

  const commit = () => {
    if (draft === undefined || !result?.ok) return; // nothing typed, or invalid: the draft stays, the document does not change
    if (draft !== value) onCommit(result.value);
    setDraft(undefined);
  };
  const revert = () => setDraft(undefined);

  const common = {
    id,
    value: draft ?? value,
    placeholder,
    spellCheck: false,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(error && `${id}-error`, problems.length > 0 && `${id}-problems`, hint !== undefined && `${id}-hint`),
    className: `${CONTROL} ${error || problems.some((p) => p.severity === "error") ? CONTROL_BAD : CONTROL_OK} ${mono ? "font-mono text-[12px]" : ""}`,
    onBlur: commit,
  };
  return (
    <>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      <div className="min-w-0">
        {multiline ? (
          <textarea
            {...common}
            rows={3}
            className={`${common.className} h-auto resize-y py-1 leading-5`}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") revert();
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) commit();
            }}
          />
        ) : (
          <input
            {...common}
            type="text"
            inputMode={numeric ? "numeric" : undefined}
            autoComplete="off"
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") commit();
              if (e.key === "Escape") revert();
            }}
          />
        )}
        <Messages hintId={`${id}-hint`} hint={hint} errorId={`${id}-error`} error={error} />
      </div>
      {/* Across both columns: a diagnostic's message is long. */}
      <ProblemList id={`${id}-problems`} problems={problems} className="col-span-2 -mt-1" />
    </>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({ label, value, options, onChange, hint, groups, wide }: {
  label: string;
  value: string;
  options?: readonly Option[];
  /** Options in labelled groups (hosts by cluster); a group without options is left out. */
  groups?: readonly { label: string; options: readonly Option[] }[];
  onChange: (value: string) => void;
  hint?: ReactNode;
  /** Label above, control across the whole form: for options too long for the control column. */
  wide?: boolean;
}) {
  const id = useId();
  const render = (o: Option) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <>
      <label htmlFor={id} className={`${LABEL} ${wide ? "col-span-2 -mb-1" : ""}`}>
        {label}
      </label>
      <div className={`min-w-0 ${wide ? "col-span-2" : ""}`}>
        <select
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={hint !== undefined ? `${id}-hint` : undefined}
          title={wide ? [...(options ?? []), ...(groups ?? []).flatMap((g) => g.options)].find((o) => o.value === value)?.label : undefined}
          className={`${CONTROL} ${CONTROL_OK} ${wide ? "pr-1 text-[12px]" : "pr-6"}`}
        >
          {options?.map(render)}
          {groups?.filter((g) => g.options.length > 0).map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map(render)}
            </optgroup>
          ))}
        </select>
        <Messages hintId={`${id}-hint`} hint={hint} errorId={`${id}-error`} />
      </div>
    </>
  );
}

export function CheckboxField({ label, checked, onChange, hint, disabled }: { label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: ReactNode; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="col-span-2 grid grid-cols-subgrid">
      <div className="col-start-2 min-w-0">
        <label className="flex items-center gap-2 text-[13px] text-slate-800 dark:text-slate-100">
          <input
            type="checkbox"
            checked={checked}
            disabled={disabled}
            onChange={(e) => onChange(e.target.checked)}
            aria-describedby={hint !== undefined ? `${id}-hint` : undefined}
            className="h-3.5 w-3.5 rounded border-slate-300 accent-blue-600 dark:border-slate-600"
          />
          {label}
        </label>
        <Messages hintId={`${id}-hint`} hint={hint} errorId={`${id}-error`} />
      </div>
    </div>
  );
}

/** A read-only fact beside the fields ("Address 192.168.1.11, computed"). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 font-mono text-[12px] break-words text-slate-800 dark:text-slate-100">{children}</dd>
    </>
  );
}

export function Facts({ children }: { children: ReactNode }) {
  return <dl className="mt-3 grid grid-cols-[7.5rem_minmax(0,1fr)] gap-x-3 gap-y-1 rounded-md bg-slate-50 px-3 py-2 dark:bg-slate-800/50">{children}</dl>;
}
