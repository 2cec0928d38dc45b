/**
 * One keydown listener for the whole editor, in the capture phase so it runs before React Flow's
 * own key handling (arrows would otherwise move nodes outside the document). Keys typed into a
 * text field, or pressed inside a dialog, are left alone.
 */
import { useEffect } from "react";
import { COMMANDS } from "./commands.ts";

/** Where keys belong to the control itself: text fields, selects, editable text. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !["button", "checkbox", "radio", "range", "color", "file", "submit", "reset"].includes(target.type);
  return false;
}

/** Panels that handle their own keys mark themselves with data-shortcuts="local". */
function inLocalScope(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-shortcuts="local"], dialog[open], [role="dialog"], [role="menu"], [role="listbox"], [role="tablist"]') !== null;
}

export function useShortcuts() {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || isTyping(e.target)) return;
      const local = inLocalScope(e.target);
      for (const c of COMMANDS) {
        if (!c.keys?.(e)) continue;
        if (c.scope === "canvas" && local) return;
        if (target(e) === "dialog") return;
        if (!c.enabled()) return;
        e.preventDefault();
        e.stopPropagation();
        c.run(e);
        return;
      }
    };
    window.addEventListener("keydown", onKeyDown, true);
    return () => window.removeEventListener("keydown", onKeyDown, true);
  }, []);
}

function target(e: KeyboardEvent): "dialog" | "page" {
  return e.target instanceof Element && e.target.closest("dialog[open]") ? "dialog" : "page";
}
