/**
 * The one store of the document. Only the document lives here (and in undo history); everything
 * derivable — the report, highlighted nodes — is derived. Edits go through applyEdit().
 *
 * The document is saved in localStorage (autosave) and restored on the next visit through
 * parseDocument(), like any file: a stored document that no longer validates is set aside, not
 * loaded. A first visit opens the sample, and `useSampleNote` says so until the note is dismissed.
 */
import { create } from "zustand";
import { type StateStorage, createJSONStorage, persist } from "zustand/middleware";
import { temporal } from "zundo";
import { type Document, parseDocument } from "../model/document.ts";
import { type Edit, applyEdit } from "../model/edits.ts";
import { SAMPLE_DOCUMENT } from "../model/sample.ts";
import { editorStorage } from "./local-storage.ts";

export interface DocumentState {
  document: Document;
  dispatch: (edit: Edit) => void;
}

export const DOCUMENT_STORAGE_KEY = "topolab:document";
/** Version of the stored envelope; the document inside carries its own format version. */
const STORAGE_VERSION = 1;

export function sampleDocument(): Document {
  const r = parseDocument(SAMPLE_DOCUMENT);
  if (!r.ok) throw new Error("internal: the sample document is invalid");
  return r.document;
}

/** The stored document, validated like an opened file; undefined when there is none or it is unusable. */
export function restoreDocument(persisted: unknown): Document | undefined {
  if (typeof persisted !== "object" || persisted === null || !("document" in persisted)) return undefined;
  const r = parseDocument(persisted.document);
  if (r.ok) return r.document;
  // Keep the unreadable work where a person (or a later version) can still recover it.
  editorStorage.setItem(`${DOCUMENT_STORAGE_KEY}:unreadable`, JSON.stringify(persisted.document));
  return undefined;
}

const SAMPLE_NOTE_KEY = "topolab:sample-note";

/**
 * Whether the store opened the sample because there was no work to restore (a first visit), so the
 * inspector can say it is a sample. Dismissing the note is remembered; a restored document (the
 * user's own work) never shows it.
 */
export const useSampleNote = create<{ openedSample: boolean }>()(() => ({ openedSample: false }));

export function dismissSampleNote() {
  useSampleNote.setState({ openedSample: false });
  editorStorage.setItem(SAMPLE_NOTE_KEY, "dismissed");
}

let autosavePaused = false;

/**
 * Stops or restarts autosave. A shared scenario someone opened from a link is only being looked
 * at: while it is shown, the stored document stays the user's own work (src/editor/shared-view.ts).
 */
export function pauseAutosave(paused: boolean) {
  autosavePaused = paused;
  // A shared scenario is shown instead: whatever comes back afterwards, the first visit is over.
  if (paused) useSampleNote.setState({ openedSample: false });
}

/** The editor's storage, with writes of the document skipped while autosave is paused. */
const documentStorage: StateStorage = {
  getItem: (key) => editorStorage.getItem(key),
  setItem: (key, value) => (autosavePaused ? undefined : editorStorage.setItem(key, value)),
  removeItem: (key) => editorStorage.removeItem(key),
};

export const useDocumentStore = create<DocumentState>()(
  persist(
    temporal(
      (set) => ({
        document: sampleDocument(),
        dispatch: (edit) =>
          set((s) => {
            const document = applyEdit(s.document, edit);
            return document === s.document ? s : { document };
          }),
      }),
      { partialize: (s) => ({ document: s.document }), equality: (a, b) => a.document === b.document, limit: 500 },
    ),
    {
      name: DOCUMENT_STORAGE_KEY,
      version: STORAGE_VERSION,
      storage: createJSONStorage(() => documentStorage),
      partialize: (s) => ({ document: s.document }),
      // Envelope migrations go here when STORAGE_VERSION grows; the document itself migrates in parseDocument().
      migrate: (persisted) => persisted as { document: Document },
      merge: (persisted, current) => {
        const document = restoreDocument(persisted);
        useSampleNote.setState({ openedSample: !document && editorStorage.getItem(SAMPLE_NOTE_KEY) === null });
        return document ? { ...current, document } : current;
      },
    },
  ),
);
// Restoring the saved work is not an edit: start with an empty history.
useDocumentStore.temporal.getState().clear();

/** Whether the open document is the sample a first visit opened (not renamed, not replaced by New, Open or a template). */
export const useShowsFirstSample = () => {
  const opened = useSampleNote((s) => s.openedSample);
  const stillSample = useDocumentStore((s) => s.document.name === SAMPLE_DOCUMENT.name);
  return opened && stillSample;
};

export const dispatch = (edit: Edit) => useDocumentStore.getState().dispatch(edit);

export const undo = () => useDocumentStore.temporal.getState().undo();
export const redo = () => useDocumentStore.temporal.getState().redo();
