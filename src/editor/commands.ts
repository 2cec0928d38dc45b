/**
 * The editor's commands as one registry of plain objects (STYLE habit 5): the toolbar and the
 * keyboard read the same entries, so a command's name, shortcut and availability live in one place.
 */
import { isResizable, resizeGroupBy } from "../canvas/resize.ts";
import { redo, undo, useDocumentStore } from "../store/document-store.ts";
import { useSelectionStore } from "../store/selection-store.ts";
import { announce } from "../store/status-store.ts";
import { copySelection, deleteSelection, duplicateSelection, hasClipboard, nudgeSelection, pasteClipboard } from "./actions.ts";
import { canStartFlow, cancelFlow, startFlow, useFlowDraft } from "./flow-draft.ts";
import { describeStep } from "./history-words.ts";
import { openPopup } from "./toolbar-popups.ts";

export interface Command {
  id: string;
  /** What a person calls it (also the toolbar button's accessible name). */
  label: string;
  /** The shortcut as shown in tooltips. */
  shortcut?: string;
  /** Whether a key press triggers it. */
  keys?: (e: KeyboardEvent) => boolean;
  /**
   * "global": anywhere but a text field. "canvas": not inside a panel that handles its own keys
   * (arrows in a tab list, Delete in a list), since these keys mean something else there.
   */
  scope: "global" | "canvas";
  enabled: () => boolean;
  run: (e?: KeyboardEvent) => void;
}

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? "⌘" : "Ctrl+";
const MOD_SHIFT = isMac ? "⇧⌘" : "Ctrl+Shift+";
const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const key = (e: KeyboardEvent) => e.key.toLowerCase();
const hasSelection = () => useSelectionStore.getState().selected.length > 0;
const temporal = () => useDocumentStore.temporal.getState();

/** Takes one step through the history and says which: "Undone: added host node-3", or just "Undone". */
function historyStep(direction: "undo" | "redo") {
  const before = useDocumentStore.getState().document;
  if (direction === "undo") undo();
  else redo();
  const after = useDocumentStore.getState().document;
  if (after === before) return;
  const what = direction === "undo" ? describeStep(after, before) : describeStep(before, after);
  const word = direction === "undo" ? "Undone" : "Redone";
  announce(what ? `${word}: ${what}` : word);
}

const NUDGE = 8;
const NUDGE_BIG = 40;

function nudge(id: string, arrow: string, dx: number, dy: number): Command {
  return {
    id,
    label: `Move selection ${id.replace("nudge-", "")}`,
    shortcut: `${arrow} (Shift: ${NUDGE_BIG}px)`,
    keys: (e) => e.key === arrow && !mod(e) && !e.altKey,
    scope: "canvas",
    enabled: hasSelection,
    run: (e) => {
      const step = e?.shiftKey ? NUDGE_BIG : NUDGE;
      nudgeSelection(dx * step, dy * step);
    },
  };
}

const RESIZE_STEP = 8;

/**
 * Shift+Alt+arrow resizes the one selected cluster or host from its bottom-right corner, as its
 * handle does (each press one undo step, like a nudge). No browser binds Shift+Alt+arrows; plain
 * Alt+arrows are Back/Forward, which is why the nudges ignore Alt.
 */
function resize(id: string, arrow: string, dw: number, dh: number, word: string): Command {
  const only = () => {
    const selected = useSelectionStore.getState().selected;
    return selected.length === 1 ? selected[0] : undefined;
  };
  return {
    id,
    label: `Make the selected cluster or host ${word}`,
    shortcut: `${isMac ? "⇧⌥" : "Shift+Alt+"}${arrow.replace("Arrow", "")} (${RESIZE_STEP}px)`,
    keys: (e) => e.key === arrow && e.shiftKey && e.altKey && !mod(e),
    scope: "canvas",
    enabled: () => {
      const id = only();
      return id !== undefined && isResizable(id);
    },
    run: () => void resizeGroupBy(only()!, dw * RESIZE_STEP, dh * RESIZE_STEP),
  };
}

/** A toolbar popup's command: Ctrl/⌘+Shift and a letter, none of which the browsers reserve (see below). */
function popup(id: "share" | "templates" | "export", label: string, letter: string): Command {
  return {
    id,
    label,
    shortcut: `${MOD_SHIFT}${letter.toUpperCase()}`,
    keys: (e) => mod(e) && e.shiftKey && !e.altKey && key(e) === letter,
    scope: "global",
    enabled: () => true,
    run: () => openPopup(id),
  };
}

export const COMMANDS: readonly Command[] = [
  {
    id: "undo",
    label: "Undo",
    shortcut: `${MOD}Z`,
    keys: (e) => mod(e) && key(e) === "z" && !e.shiftKey,
    scope: "global",
    enabled: () => temporal().pastStates.length > 0,
    run: () => historyStep("undo"),
  },
  {
    id: "redo",
    label: "Redo",
    shortcut: isMac ? "⇧⌘Z" : "Ctrl+Shift+Z or Ctrl+Y",
    keys: (e) => mod(e) && ((key(e) === "z" && e.shiftKey) || (key(e) === "y" && !e.shiftKey)),
    scope: "global",
    enabled: () => temporal().futureStates.length > 0,
    run: () => historyStep("redo"),
  },
  {
    id: "delete",
    label: "Delete",
    shortcut: "Delete",
    keys: (e) => (e.key === "Delete" || e.key === "Backspace") && !mod(e),
    scope: "canvas",
    enabled: hasSelection,
    run: () => deleteSelection(),
  },
  {
    id: "copy",
    label: "Copy",
    shortcut: `${MOD}C`,
    keys: (e) => mod(e) && key(e) === "c" && !e.shiftKey,
    scope: "canvas",
    // Text selected on the page (a table, a message) is the user's to copy.
    enabled: () => hasSelection() && !(typeof window !== "undefined" && window.getSelection()?.toString()),
    run: () => copySelection(),
  },
  {
    id: "paste",
    label: "Paste",
    shortcut: `${MOD}V`,
    keys: (e) => mod(e) && key(e) === "v" && !e.shiftKey,
    scope: "canvas",
    enabled: hasClipboard,
    run: () => pasteClipboard(),
  },
  {
    id: "duplicate",
    label: "Duplicate",
    shortcut: `${MOD}D`,
    keys: (e) => mod(e) && key(e) === "d" && !e.shiftKey,
    scope: "canvas",
    enabled: hasSelection,
    run: () => duplicateSelection(),
  },
  {
    id: "select-all",
    label: "Select all",
    shortcut: `${MOD}A`,
    keys: (e) => mod(e) && key(e) === "a" && !e.shiftKey,
    scope: "canvas",
    enabled: () => true,
    run: () => {
      const d = useDocumentStore.getState().document;
      useSelectionStore.getState().select([...d.underlays, ...d.routers, ...d.clusters, ...d.externals].map((o) => o.id));
    },
  },
  {
    id: "draw-flow",
    label: "Draw a flow from the selected container or endpoint",
    shortcut: "F",
    keys: (e) => key(e) === "f" && !mod(e) && !e.altKey && !e.shiftKey,
    scope: "canvas",
    enabled: () => useSelectionStore.getState().selected.length === 1 && canStartFlow(useSelectionStore.getState().selected[0]),
    run: () => startFlow(useSelectionStore.getState().selected[0]!),
  },
  {
    id: "clear-selection",
    label: "Clear selection",
    shortcut: "Escape",
    keys: (e) => e.key === "Escape",
    scope: "canvas",
    enabled: () => hasSelection() || useSelectionStore.getState().highlighted.length > 0 || useFlowDraft.getState().from !== undefined,
    run: () => {
      if (useFlowDraft.getState().from !== undefined) return cancelFlow(); // first Escape: only stop drawing
      useSelectionStore.getState().select([]);
      useSelectionStore.getState().highlight([]);
    },
  },
  /*
   * The toolbar's popups. Ctrl/⌘+Shift with a letter: the plain Ctrl letters are the browser's
   * (Ctrl+E and Ctrl+K search, Ctrl+L the address bar, Ctrl+S saves the page, Ctrl+O opens a file).
   * Chrome's own Ctrl+Shift letters are A B C D G I J M N O P R T W (chrome/browser/ui/views/
   * accelerator_table.cc); Firefox's add H K S (screenshots) Y among others. Hence:
   * - Export: Ctrl+Shift+E, the Export shortcut of the drawing tools (Figma, Excalidraw's image
   *   export). Only Firefox's developer tools use it (the Network panel, still on F12).
   * - Share: Ctrl+Shift+L, "link": no browser binds it. Not Ctrl+Shift+S: that is Firefox's
   *   screenshot and, in editors, "Save as", which Save may want one day.
   * - Templates: Ctrl+Shift+X, bound by no browser (Firefox's switch of text direction acts only
   *   inside a text field, where these shortcuts never run). Ctrl+Shift+O would read as "open a
   *   template" but opens the bookmarks manager in Chrome and Firefox; Ctrl+Shift+T reopens a tab.
   */
  popup("templates", "Templates", "x"),
  popup("share", "Share", "l"),
  popup("export", "Export", "e"),
  nudge("nudge-left", "ArrowLeft", -1, 0),
  nudge("nudge-right", "ArrowRight", 1, 0),
  nudge("nudge-up", "ArrowUp", 0, -1),
  nudge("nudge-down", "ArrowDown", 0, 1),
  resize("resize-wider", "ArrowRight", 1, 0, "wider"),
  resize("resize-narrower", "ArrowLeft", -1, 0, "narrower"),
  resize("resize-taller", "ArrowDown", 0, 1, "taller"),
  resize("resize-shorter", "ArrowUp", 0, -1, "shorter"),
];

export function command(id: string): Command {
  const c = COMMANDS.find((x) => x.id === id);
  if (!c) throw new Error(`internal: no command "${id}"`);
  return c;
}
