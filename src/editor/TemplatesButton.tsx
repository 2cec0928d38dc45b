/**
 * "Templates": the gallery of public/scenarios/index.json, grouped by category, each with its
 * title and one-sentence summary. Choosing one opens it like a file (one undo step, so Undo
 * brings the previous work back — as with Open); its description paragraph then shows in the
 * inspector, which describes the topology when nothing is selected.
 */
import { useEffect, useId, useState } from "react";
import { TEMPLATE_CATEGORIES, type TemplateEntry, type TemplateIndex, fetchTemplate, fetchTemplateIndex } from "../io/templates.ts";
import { command } from "./commands.ts";
import { Dialog, DialogButton } from "./Dialog.tsx";
import { showProblem } from "./problems.ts";
import { openAsWork } from "./shared-view.ts";
import { closePopup, usePopupOpen } from "./toolbar-popups.ts";
import { ToolButton } from "./ToolButton.tsx";

const CATEGORY_TITLE: Record<(typeof TEMPLATE_CATEGORIES)[number], string> = {
  backend: "One per backend and mode",
  addressing: "Address planning",
  "ip-family": "IPv4 and IPv6",
  orchestrator: "Orchestrators",
  kernel: "Kernel requirements",
};

const scenariosBase = () => `${import.meta.env.BASE_URL}scenarios/`;

function TemplateCard({ entry, onChoose, busy }: { entry: TemplateEntry; onChoose: (entry: TemplateEntry) => void; busy: boolean }) {
  const summaryId = useId();
  return (
    <li>
      <button
        type="button"
        aria-label={entry.title}
        aria-describedby={summaryId}
        disabled={busy}
        onClick={() => onChoose(entry)}
        className="flex h-full w-full flex-col gap-1 rounded-lg p-3 text-left ring-1 ring-slate-200 hover:bg-blue-50 hover:ring-blue-300 focus-visible:outline-2 focus-visible:outline-blue-500 disabled:opacity-60 dark:ring-slate-700 dark:hover:bg-slate-800"
      >
        <span className="flex items-baseline justify-between gap-2">
          <span className="font-medium text-slate-900 dark:text-slate-50">{entry.title}</span>
          <span className="shrink-0 font-mono text-[11px] text-slate-500 dark:text-slate-400">
            {entry.backend} · {entry.mode}
          </span>
        </span>
        <span id={summaryId} className="text-xs text-slate-600 dark:text-slate-300">
          {entry.summary}
          {entry.expectedDiagnostics.length > 0 && <span className="text-amber-700 dark:text-amber-300"> Shows a problem on purpose.</span>}
        </span>
      </button>
    </li>
  );
}

function TemplatesDialog({ onClose }: { onClose: () => void }) {
  const [index, setIndex] = useState<TemplateIndex | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void fetchTemplateIndex(scenariosBase()).then((r) => {
      if (!live) return;
      if (r.ok) setIndex(r.index);
      else setFailure(r.message);
    });
    return () => {
      live = false;
    };
  }, []);

  const choose = async (entry: TemplateEntry) => {
    setBusy(true);
    const r = await fetchTemplate(scenariosBase(), entry);
    setBusy(false);
    if (!r.ok) {
      onClose();
      showProblem({ title: "This template cannot be opened", message: r.message });
      return;
    }
    onClose();
    openAsWork(r.document, `Opened the template ${entry.title}; Undo returns to your previous work`);
  };

  return (
    <Dialog open title="Templates" wide onClose={onClose} actions={<DialogButton onClick={onClose}>Close</DialogButton>}>
      <p className="mb-3">
        Ready-made designs: one per backend and mode, and the questions that decide a design. Opening one replaces the open topology; Undo brings it back.
      </p>
      {failure && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800 dark:bg-red-950 dark:text-red-200">
          {failure}
        </p>
      )}
      {!index && !failure && <p role="status">Loading the templates…</p>}
      {index && (
        <div className="max-h-[60vh] space-y-4 overflow-y-auto pr-1">
          {TEMPLATE_CATEGORIES.map((category) => {
            const entries = index.templates.filter((t) => t.category === category);
            if (entries.length === 0) return null;
            return (
              <section key={category} aria-labelledby={`templates-${category}`}>
                <h3 id={`templates-${category}`} className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
                  {CATEGORY_TITLE[category]}
                </h3>
                <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                  {entries.map((entry) => (
                    <TemplateCard key={entry.id} entry={entry} busy={busy} onChoose={(e) => void choose(e)} />
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </Dialog>
  );
}

/** The toolbar's Templates button; the same gallery opens from the keyboard (the "templates" command). */
export function TemplatesButton() {
  const open = usePopupOpen("templates");
  const templates = command("templates");
  return (
    <>
      <ToolButton label={templates.label} icon="templates" text="Templates" shortcut={templates.shortcut} onClick={() => templates.run()} />
      {open && <TemplatesDialog onClose={() => closePopup("templates")} />}
    </>
  );
}
