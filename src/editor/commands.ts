/**
 * The editor's commands as one registry of plain objects (STYLE habit 5): the toolbar and the
 * keyboard read the same entries, so a command's name, shortcut and availability live in one place.
 */
import { redo, undo, useDocumentStore } from "../store/document-store.ts";
import { useSelectionStore } from "../store/selection-store.ts";
import { copySelection, deleteSelection, duplicateSelection, hasClipboard, nudgeSelection, pasteClipboard } from "./actions.ts";
import { canStartFlow, cancelFlow, startFlow, useFlowDraft } from "./flow-draft.ts";

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
const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const key = (e: KeyboardEvent) => e.key.toLowerCase();
const hasSelection = () => useSelectionStore.getState().selected.length > 0;
const temporal = () => useDocumentStore.temporal.getState();

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

export const COMMANDS: readonly Command[] = [
  {
    id: "undo",
    label: "Undo",
    shortcut: `${MOD}Z`,
    keys: (e) => mod(e) && key(e) === "z" && !e.shiftKey,
    scope: "global",
    enabled: () => temporal().pastStates.length > 0,
    run: () => undo(),
  },
  {
    id: "redo",
    label: "Redo",
    shortcut: isMac ? "⇧⌘Z" : "Ctrl+Shift+Z or Ctrl+Y",
    keys: (e) => mod(e) && ((key(e) === "z" && e.shiftKey) || (key(e) === "y" && !e.shiftKey)),
    scope: "global",
    enabled: () => temporal().futureStates.length > 0,
    run: () => redo(),
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
  nudge("nudge-left", "ArrowLeft", -1, 0),
  nudge("nudge-right", "ArrowRight", 1, 0),
  nudge("nudge-up", "ArrowUp", 0, -1),
  nudge("nudge-down", "ArrowDown", 0, 1),
];

export function command(id: string): Command {
  const c = COMMANDS.find((x) => x.id === id);
  if (!c) throw new Error(`internal: no command "${id}"`);
  return c;
}
