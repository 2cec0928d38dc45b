/**
 * The work set aside when a shared scenario was kept as a copy: one slot, saved in localStorage
 * beside the document (so it survives a reload, unlike undo history), restored through
 * parseDocument() like any stored document. Never part of the document or its undo history.
 */
import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";
import { type Document, parseDocument } from "../model/document.ts";
import { editorStorage } from "./local-storage.ts";

export interface PreviousWorkState {
  /** The user's work before they kept a shared scenario; undefined when nothing is set aside. */
  document?: Document;
  /** When it was set aside (ISO 8601). */
  since?: string;
  setAside: (document: Document) => void;
  clear: () => void;
}

export const usePreviousWork = create<PreviousWorkState>()(
  persist(
    (set) => ({
      document: undefined,
      since: undefined,
      setAside: (document) => set({ document, since: new Date().toISOString() }),
      clear: () => set({ document: undefined, since: undefined }),
    }),
    {
      name: "topolab:previous-work",
      version: 1,
      storage: createJSONStorage(() => editorStorage),
      partialize: (s) => ({ document: s.document, since: s.since }),
      merge: (persisted, current) => {
        const p = (persisted ?? {}) as { document?: unknown; since?: unknown };
        if (p.document === undefined) return current;
        const r = parseDocument(p.document);
        return r.ok ? { ...current, document: r.document, since: typeof p.since === "string" ? p.since : undefined } : current;
      },
    },
  ),
);
