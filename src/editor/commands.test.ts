import { beforeEach, describe, expect, it } from "vitest";
import { computeLayout } from "../canvas/layout.ts";
import { dispatch, sampleDocument, useDocumentStore } from "../store/document-store.ts";
import { useSelectionStore } from "../store/selection-store.ts";
import { useStatusStore } from "../store/status-store.ts";
import { COMMANDS, command } from "./commands.ts";
import { closePopup, useToolbarPopup } from "./toolbar-popups.ts";

/** A key press as the browser reports it (only what the commands read). */
function press(combo: string): KeyboardEvent {
  const parts = combo.split("+");
  const key = parts.at(-1)!;
  const has = (m: string) => parts.slice(0, -1).includes(m);
  return { key: has("Shift") && key.length === 1 ? key.toUpperCase() : key, ctrlKey: has("Ctrl"), metaKey: has("Meta"), shiftKey: has("Shift"), altKey: has("Alt") } as KeyboardEvent;
}

const matching = (combo: string) => COMMANDS.filter((c) => c.keys?.(press(combo))).map((c) => c.id);

beforeEach(() => {
  useDocumentStore.setState({ document: sampleDocument() });
  useDocumentStore.temporal.getState().clear();
  useSelectionStore.getState().select([]);
  useToolbarPopup.setState({ open: undefined });
});

describe("the command registry", () => {
  it("has one entry per id", () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives Templates, Share and Export their shortcuts, with Ctrl or ⌘", () => {
    expect(matching("Ctrl+Shift+x")).toEqual(["templates"]);
    expect(matching("Meta+Shift+x")).toEqual(["templates"]);
    expect(matching("Ctrl+Shift+l")).toEqual(["share"]);
    expect(matching("Ctrl+Shift+e")).toEqual(["export"]);
    expect(command("templates").shortcut).toBe("Ctrl+Shift+X"); // not a Mac here
    expect(command("share").shortcut).toBe("Ctrl+Shift+L");
    expect(command("export").shortcut).toBe("Ctrl+Shift+E");
    expect([command("templates").label, command("share").label, command("export").label]).toEqual(["Templates", "Share", "Export"]);
  });

  it("leaves the browser's own keys alone", () => {
    // Address bar, search, save page, open file, reopen tab, new incognito window, bookmarks manager, devtools, find previous.
    for (const combo of ["Ctrl+e", "Ctrl+k", "Ctrl+l", "Ctrl+s", "Ctrl+o", "Ctrl+Shift+t", "Ctrl+Shift+n", "Ctrl+Shift+o", "Ctrl+Shift+i", "Ctrl+Shift+g", "Alt+ArrowLeft"]) {
      expect(matching(combo), combo).toEqual([]);
    }
  });

  it("never lets two commands claim the same key", () => {
    const letters = [..."abcdefghijklmnopqrstuvwxyz"];
    const keys = [...letters, "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Delete", "Backspace", "Escape"];
    for (const mods of ["", "Shift+", "Ctrl+", "Ctrl+Shift+", "Alt+", "Shift+Alt+", "Meta+", "Meta+Shift+"]) {
      for (const k of keys) expect(matching(mods + k).length, mods + k).toBeLessThanOrEqual(1);
    }
  });

  it("opens the same popups as the toolbar buttons", () => {
    command("templates").run();
    expect(useToolbarPopup.getState().open).toBe("templates");
    command("share").run();
    expect(useToolbarPopup.getState().open).toBe("share"); // one at a time
    closePopup("templates"); // not the open one: nothing happens
    expect(useToolbarPopup.getState().open).toBe("share");
    closePopup("share");
    command("export").run();
    expect(useToolbarPopup.getState().open).toBe("export");
  });

  it("resizes the one selected cluster or host with Shift+Alt+arrows, not with the arrows alone", () => {
    expect(matching("Shift+Alt+ArrowRight")).toEqual(["resize-wider"]);
    expect(matching("Shift+ArrowRight")).toEqual(["nudge-right"]);
    expect(matching("ArrowRight")).toEqual(["nudge-right"]);
    const wider = command("resize-wider");
    expect(wider.enabled()).toBe(false);
    useSelectionStore.getState().select(["web"]);
    expect(wider.enabled()).toBe(false); // containers have a fixed size
    useSelectionStore.getState().select(["node1", "node2"]);
    expect(wider.enabled()).toBe(false);
    useSelectionStore.getState().select(["node1"]);
    expect(wider.enabled()).toBe(true);
    const width = computeLayout(useDocumentStore.getState().document).boxes.get("node1")!.width;
    wider.run(press("Shift+Alt+ArrowRight"));
    command("resize-taller").run(press("Shift+Alt+ArrowDown"));
    const node1 = computeLayout(useDocumentStore.getState().document).boxes.get("node1")!;
    expect(node1.width).toBe(width + 8);
    expect(useDocumentStore.temporal.getState().pastStates).toHaveLength(2);
  });
});

describe("undo and redo", () => {
  const lastMessage = () => useStatusStore.getState().message;

  it("say which step they took back or took again", () => {
    dispatch({ kind: "remove", ids: ["api"] });
    command("undo").run();
    expect(lastMessage()).toBe("Undone: deleted container api and 2 more");
    command("redo").run();
    expect(lastMessage()).toBe("Redone: deleted container api and 2 more");
    dispatch({ kind: "update", collection: "clusters", id: "k8s", patch: { name: "staging" } });
    command("undo").run();
    expect(lastMessage()).toBe("Undone: changed cluster staging");
    expect(useDocumentStore.getState().document.clusters[0]!.name).toBe("prod");
  });
});
