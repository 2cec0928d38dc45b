/**
 * Opening a share link (DESIGN.md §6) without losing the user's work.
 *
 * A link (`#s=…`, at startup or on hashchange) is decoded with decodeShareLink() and the hash is
 * removed at once (history.replaceState), so a reload does not open it again. A good link opens a
 * *shared view*: the shared scenario is shown and can be explored and edited, but autosave is
 * paused — the stored document stays the user's own work — and the work and its undo history wait
 * in memory. The banner then offers:
 *
 * - "Keep as a copy": the shared scenario becomes the working document (one undo step after the
 *   user's own history), and the previous work is *set aside* in a persisted slot
 *   (store/previous-work.ts) with "Restore previous work" — undo history alone would be lost on
 *   reload, and keeping someone else's scenario should never cost one's own.
 * - "Replace my work" (after asking): the same, without setting the work aside (Undo still brings
 *   it back until the page is closed).
 * - "Back to my work": the work and its history come back exactly as they were; nothing was saved.
 *
 * A bad link leaves everything as it was and says why (problems.ts), with the decoder's error kind
 * and, for an invalid document, every problem with its JSON path.
 */
import { create } from "zustand";
import type { ShareLinkErrorKind } from "../io/share-link.ts";
import type { Document } from "../model/document.ts";
import { canvasApi } from "../canvas/canvas-api.ts";
import { pauseAutosave, useDocumentStore } from "../store/document-store.ts";
import { usePreviousWork } from "../store/previous-work.ts";
import { useSelectionStore } from "../store/selection-store.ts";
import { announce } from "../store/status-store.ts";
import { replaceDocument } from "./actions.ts";
import { cancelFlow } from "./flow-draft.ts";
import { showProblem } from "./problems.ts";

type History = ReturnType<typeof useDocumentStore.temporal.getState>;

interface SavedWork {
  document: Document;
  pastStates: History["pastStates"];
  futureStates: History["futureStates"];
}

interface SharedViewState {
  /** The shared scenario's name while one is shown; undefined when the editor shows the user's work. */
  sharedName?: string;
  /** The user's work and its undo history, kept in memory while the shared view lasts. */
  saved?: SavedWork;
}

export const useSharedView = create<SharedViewState>()(() => ({ sharedName: undefined, saved: undefined }));

export const isSharedView = () => useSharedView.getState().saved !== undefined;

/** The kinds of link failure, as a person would say them. */
export const LINK_PROBLEM: Record<ShareLinkErrorKind, string> = {
  truncated: "The link is cut short (truncated)",
  corrupt: "The link is damaged (corrupt)",
  "too-large": "The link is too large (too-large)",
  "future-version": "The link comes from a newer Topolab (future-version)",
  invalid: "The link's document is not valid (invalid)",
};

const history = () => useDocumentStore.temporal.getState();

/** Sets the document without an undo step (a view change, not an edit). */
function showDocument(document: Document, past: History["pastStates"] = [], future: History["futureStates"] = []) {
  cancelFlow();
  history().pause();
  useDocumentStore.setState({ document });
  useDocumentStore.temporal.setState({ pastStates: past, futureStates: future });
  history().resume();
  useSelectionStore.getState().select([]);
  useSelectionStore.getState().highlight([]);
  setTimeout(() => canvasApi().fitView(), 0);
}

/** Shows a shared scenario; the work stays stored and waits in memory. */
export function openSharedDocument(document: Document) {
  const { saved } = useSharedView.getState();
  if (!saved) {
    const h = history();
    useSharedView.setState({ saved: { document: useDocumentStore.getState().document, pastStates: h.pastStates, futureStates: h.futureStates } });
  }
  pauseAutosave(true);
  showDocument(document);
  useSharedView.setState({ sharedName: document.name });
  announce(`Viewing the shared scenario ${document.name}: your own work is kept`);
}

/** Ends the shared view, the user's work back in place with its history; returns the shared document as it is now. */
function restoreWork(): Document | undefined {
  const { saved } = useSharedView.getState();
  if (!saved) return undefined;
  const shared = useDocumentStore.getState().document;
  showDocument(saved.document, saved.pastStates, saved.futureStates);
  pauseAutosave(false);
  useSharedView.setState({ saved: undefined, sharedName: undefined });
  return shared;
}

export function backToMyWork() {
  const shared = restoreWork();
  if (shared) announce(`Back to your work: ${useDocumentStore.getState().document.name}`);
}

/** The shared scenario becomes the working document; the previous work is set aside (restorable). */
export function keepSharedCopy() {
  const previous = useSharedView.getState().saved?.document;
  const shared = restoreWork();
  if (!shared || !previous) return;
  usePreviousWork.getState().setAside(previous);
  replaceDocument(shared, `Kept ${shared.name} as your working copy; your previous work ${previous.name} is set aside`);
}

/** The shared scenario replaces the work (the caller asked first); Undo can still bring the work back in this session. */
export function replaceWorkWithShared() {
  const shared = restoreWork();
  if (shared) replaceDocument(shared, `Replaced your work with ${shared.name}; Undo brings your work back`);
}

/**
 * Opens a document as the work (New, Open, a template, a dropped file): one undo step. Opened
 * during a shared view, it replaces the user's work, not the shared scenario, and ends the view.
 */
export function openAsWork(document: Document, message: string) {
  restoreWork();
  replaceDocument(document, message);
}

/** Puts the set-aside work back as the working document (one undo step) and empties the slot. */
export function restorePreviousWork() {
  const previous = usePreviousWork.getState().document;
  if (!previous) return;
  restoreWork();
  const current = useDocumentStore.getState().document;
  usePreviousWork.getState().clear();
  replaceDocument(previous, `Restored ${previous.name}; Undo returns to ${current.name}`);
}

/** Opens the link in the page's URL, if there is one, then removes it from the URL. */
export async function openLinkFromLocation(): Promise<void> {
  const { hash } = window.location;
  if (hash.length < 3) return;
  // The decoder (and its inflate) loads only when there is a link to read.
  const { decodeShareLink, hasShareLink } = await import("../io/share-link.ts");
  if (!hasShareLink(hash)) return;
  // First, so that a reload (or the back button) never opens the link again.
  window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  const result = decodeShareLink(hash);
  if (result.ok) {
    openSharedDocument(result.document);
    return;
  }
  const { kind, message, errors } = result.error;
  showProblem({ title: "This share link cannot be opened", kind: LINK_PROBLEM[kind], message, ...(errors ? { errors } : {}) });
  announce("The share link could not be opened: nothing was changed", "error");
}
