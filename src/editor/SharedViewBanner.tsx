/**
 * The bar under the toolbar while a shared scenario is shown (shared-view.ts): what it is, that
 * the user's work is safe, and the three ways out. After "Keep as a copy", the same place offers
 * the work that was set aside.
 */
import { useState } from "react";
import { useDocumentStore } from "../store/document-store.ts";
import { usePreviousWork } from "../store/previous-work.ts";
import { ConfirmDialog } from "./Dialog.tsx";
import { backToMyWork, keepSharedCopy, replaceWorkWithShared, restorePreviousWork, useSharedView } from "./shared-view.ts";

const bar = "flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b px-4 py-1.5 text-sm";
const button =
  "rounded-md px-2.5 py-1 text-xs font-medium ring-1 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-500";

export function SharedViewBanner() {
  const sharedName = useSharedView((s) => s.sharedName);
  const inView = useSharedView((s) => s.saved !== undefined);
  const workName = useSharedView((s) => s.saved?.document.name);
  const [confirm, setConfirm] = useState(false);
  if (!inView) return <PreviousWorkBanner />;
  return (
    <section aria-label="Shared scenario" className={`${bar} border-blue-200 bg-blue-50 text-blue-950 dark:border-blue-900 dark:bg-blue-950 dark:text-blue-100`}>
      <p className="min-w-0">
        You are viewing a shared scenario: <strong className="font-semibold">{sharedName}</strong>
        <span className="text-blue-800 dark:text-blue-300"> — not saved until you keep it; your work “{workName}” is safe.</span>
      </p>
      <div className="ml-auto flex gap-2">
        <button type="button" onClick={keepSharedCopy} className={`${button} bg-blue-600 text-white ring-blue-600 hover:bg-blue-700`}>
          Keep as a copy
        </button>
        <button type="button" onClick={() => setConfirm(true)} className={`${button} bg-white text-slate-800 ring-slate-300 hover:bg-slate-50 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600`}>
          Replace my work
        </button>
        <button type="button" onClick={backToMyWork} className={`${button} bg-white text-slate-800 ring-slate-300 hover:bg-slate-50 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600`}>
          Back to my work
        </button>
      </div>
      <ConfirmDialog open={confirm} title="Replace your work with the shared scenario?" confirmLabel="Replace my work" onCancel={() => setConfirm(false)} onConfirm={replaceWorkWithShared}>
        Your work “{workName}” will be replaced by “{sharedName}” and is not kept aside. Undo brings it back until you close or reload the page; “Keep as a copy” keeps it
        for later instead.
      </ConfirmDialog>
    </section>
  );
}

/** After "Keep as a copy": the work set aside, until it is restored or discarded. */
function PreviousWorkBanner() {
  const previous = usePreviousWork((s) => s.document);
  const current = useDocumentStore((s) => s.document.name);
  const [confirm, setConfirm] = useState(false);
  if (!previous) return null;
  return (
    <section aria-label="Previous work" className={`${bar} border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200`}>
      <p className="min-w-0">
        Your previous work <strong className="font-semibold">{previous.name}</strong> is set aside{current ? <> while you work on {current}</> : null}.
      </p>
      <div className="ml-auto flex gap-2">
        <button type="button" onClick={restorePreviousWork} className={`${button} bg-white text-slate-800 ring-slate-300 hover:bg-slate-100 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600`}>
          Restore previous work
        </button>
        <button
          type="button"
          onClick={() => setConfirm(true)}
          className={`${button} text-slate-600 ring-transparent hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800`}
        >
          Discard it
        </button>
      </div>
      <ConfirmDialog open={confirm} title="Discard your previous work?" confirmLabel="Discard it" onCancel={() => setConfirm(false)} onConfirm={() => usePreviousWork.getState().clear()}>
        “{previous.name}” will be forgotten; this cannot be undone. Restore it and Save it as a file first if you may need it.
      </ConfirmDialog>
    </section>
  );
}
