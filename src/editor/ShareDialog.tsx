/**
 * The Share dialog: a link holding the whole topology (DESIGN.md §6), to copy. The document sits
 * after the "#", which browsers never send to a server. Past 2,000 characters some browsers and
 * chat tools cut links, so the dialog says so and offers the JSON file instead.
 */
import { useRef, useState } from "react";
import { documentToJson, downloadText, fileNameFor } from "../io/json-file.ts";
import { shareUrl } from "../io/share-link.ts";
import { useDocumentStore } from "../store/document-store.ts";
import { announce } from "../store/status-store.ts";
import { Dialog, DialogButton } from "./Dialog.tsx";

/** Links longer than this may be cut by some browsers, mail and chat tools. */
export const LONG_LINK = 2000;

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const doc = useDocumentStore((s) => s.document);
  const [link] = useState(() => shareUrl(doc, window.location.href));
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"copied" | "select" | undefined>();
  const long = link.length > LONG_LINK;

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(link);
      setCopied("copied");
      announce("Share link copied");
    } catch {
      // No clipboard access (an insecure page, a denied permission): select the link for Ctrl+C.
      field.current?.focus();
      field.current?.select();
      setCopied("select");
    }
  };
  const saveJson = () => {
    downloadText(fileNameFor(doc), documentToJson(doc));
    announce(`Saved ${fileNameFor(doc)}`);
  };

  return (
    <Dialog
      open
      title="Share this topology"
      wide
      onClose={onClose}
      actions={
        <>
          {long && <DialogButton onClick={saveJson}>Save as JSON file</DialogButton>}
          <DialogButton onClick={onClose}>Close</DialogButton>
          <DialogButton primary onClick={() => void copy()} autoFocus>
            Copy link
          </DialogButton>
        </>
      }
    >
      <label htmlFor="share-link" className="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-200">
        Share link
      </label>
      <input
        id="share-link"
        ref={field}
        readOnly
        value={link}
        onFocus={(e) => e.currentTarget.select()}
        aria-describedby="share-link-length"
        className="w-full rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-800 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
      />
      <p id="share-link-length" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        {link.length.toLocaleString("en")} characters. The whole topology is in the link, after the “#”: it never reaches a server.
      </p>
      <p role="status" className="mt-1 min-h-4 text-xs font-medium text-emerald-700 dark:text-emerald-400">
        {copied === "copied" ? "Copied to the clipboard." : copied === "select" ? "The link is selected: press Ctrl+C (⌘C) to copy it." : ""}
      </p>
      {long && (
        <p role="note" className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-900">
          This link is longer than {LONG_LINK.toLocaleString("en")} characters. Some browsers, mail and chat tools cut links this long, and a cut link does not open. If
          it does not arrive whole, send the topology as a JSON file instead (Save as JSON file); it opens with Open.
        </p>
      )}
    </Dialog>
  );
}
