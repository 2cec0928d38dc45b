/**
 * The one store of the document. Only the document lives here (and in undo history); everything
 * derivable — the report, highlighted nodes — is derived. Edits go through applyEdit().
 */
import { create } from "zustand";
import { temporal } from "zundo";
import { type Document, parseDocument } from "../model/document.ts";
import { type Edit, applyEdit } from "../model/edits.ts";
import { SAMPLE_DOCUMENT } from "../model/sample.ts";

export interface DocumentState {
  document: Document;
  dispatch: (edit: Edit) => void;
}

function sampleDocument(): Document {
  const r = parseDocument(SAMPLE_DOCUMENT);
  if (!r.ok) throw new Error("internal: the sample document is invalid");
  return r.document;
}

export const useDocumentStore = create<DocumentState>()(
  temporal(
    (set) => ({
      document: sampleDocument(),
      dispatch: (edit) => set((s) => ({ document: applyEdit(s.document, edit) })),
    }),
    { partialize: (s) => ({ document: s.document }), limit: 500 },
  ),
);

export const useDocument = () => useDocumentStore((s) => s.document);
export const dispatch = (edit: Edit) => useDocumentStore.getState().dispatch(edit);
