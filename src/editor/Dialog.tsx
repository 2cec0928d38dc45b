/** A modal dialog on the native <dialog> element: focus moves into it, Escape closes it, the page behind is inert. */
import { type ReactNode, useEffect, useId, useLayoutEffect, useRef } from "react";

export function Dialog({ open, title, onClose, children, actions, role = "dialog", wide = false }: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  actions: ReactNode;
  role?: "dialog" | "alertdialog";
  /** A wider dialog, for lists (the template gallery) and long text (a share link). */
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  // Unmounted while open (a dialog rendered only while needed): close it first, so focus goes back where it was.
  useLayoutEffect(() => {
    const d = ref.current;
    return () => {
      if (d?.open) d.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      // A "close" event may arrive after the dialog was shown again (React's StrictMode re-runs effects): only a closed dialog reports it.
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto ${wide ? "w-[min(48rem,calc(100vw-2rem))]" : "w-[min(32rem,calc(100vw-2rem))]"} rounded-xl border border-slate-200 bg-white p-0 text-slate-800 shadow-2xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100`}
    >
      {open && (
        <div className="flex flex-col gap-4 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <div className="text-sm text-slate-600 dark:text-slate-300">{children}</div>
          <div className="flex justify-end gap-2">{actions}</div>
        </div>
      )}
    </dialog>
  );
}

/**
 * What shows while a dialog's code loads on first use: a status where the dialog will open. It
 * appears only if the wait is long enough to notice (`topolab-late`), so a fast load never flashes.
 */
export function DialogLoading({ title }: { title: string }) {
  return (
    <p role="status" className="topolab-late fixed inset-x-0 top-1/2 z-50 mx-auto w-fit rounded-full bg-slate-900 px-4 py-1.5 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900">
      Opening {title}…
    </p>
  );
}

export function DialogButton({ children, onClick, primary = false, danger = false, autoFocus = false }: {
  children: ReactNode;
  onClick: () => void;
  primary?: boolean;
  danger?: boolean;
  autoFocus?: boolean;
}) {
  const tone = danger
    ? "bg-red-600 text-white hover:bg-red-700"
    : primary
      ? "bg-blue-600 text-white hover:bg-blue-700"
      : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600 dark:hover:bg-slate-700";
  return (
    <button type="button" onClick={onClick} autoFocus={autoFocus} className={`rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500 ${tone}`}>
      {children}
    </button>
  );
}

/** "Are you sure?" before a destructive action: Cancel has the focus, the action is red. */
export function ConfirmDialog({ open, title, confirmLabel, onCancel, onConfirm, children }: {
  open: boolean;
  title: string;
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      open={open}
      role="alertdialog"
      title={title}
      onClose={onCancel}
      actions={
        <>
          <DialogButton onClick={onCancel} autoFocus>
            Cancel
          </DialogButton>
          <DialogButton
            danger
            onClick={() => {
              onCancel();
              onConfirm();
            }}
          >
            {confirmLabel}
          </DialogButton>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
