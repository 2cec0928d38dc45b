/**
 * Which of the toolbar's popups is open: the Share dialog, the Templates gallery or the Export
 * menu. Their buttons and the command registry (the keyboard) open the same ones through here;
 * one at a time, as opening one is a click elsewhere for the others.
 */
import { create } from "zustand";

export type ToolbarPopup = "share" | "templates" | "export";

export const useToolbarPopup = create<{ open: ToolbarPopup | undefined }>()(() => ({ open: undefined }));

export function openPopup(popup: ToolbarPopup) {
  useToolbarPopup.setState({ open: popup });
}

/** Closes this popup, if it is the one open. */
export function closePopup(popup: ToolbarPopup) {
  if (useToolbarPopup.getState().open === popup) useToolbarPopup.setState({ open: undefined });
}

/** Whether this popup is open (a hook for its button). */
export const usePopupOpen = (popup: ToolbarPopup) => useToolbarPopup((s) => s.open === popup);
