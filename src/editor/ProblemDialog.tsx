/** The dialog showing why a file, a link or a template could not be opened (problems.ts). */
import { Dialog, DialogButton } from "./Dialog.tsx";
import { closeProblem, useProblem } from "./problems.ts";

export function ProblemDialog() {
  const problem = useProblem((s) => s.problem);
  return (
    <Dialog
      open={problem !== undefined}
      role="alertdialog"
      title={problem?.title ?? ""}
      onClose={closeProblem}
      actions={
        <DialogButton primary onClick={closeProblem} autoFocus>
          Close
        </DialogButton>
      }
    >
      {problem && (
        <>
          <p className="mb-2">Nothing was changed: your open topology is as it was.</p>
          {problem.kind && <p className="mb-1 font-semibold text-slate-800 dark:text-slate-100">{problem.kind}</p>}
          <p className="mb-2">{problem.message}</p>
          {problem.errors && problem.errors.length > 0 && (
            <ul aria-label="Problems" className="max-h-64 list-none space-y-1 overflow-y-auto font-mono text-xs">
              {problem.errors.map((e, i) => (
                <li key={i} className="rounded bg-red-50 px-2 py-1 text-red-800 dark:bg-red-950 dark:text-red-200">
                  <span className="font-semibold">{e.path}</span>: {e.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Dialog>
  );
}
