/**
 * What the user sees, not what they designed: the canvas viewport and the colour theme. Saved in
 * localStorage beside the document, never in the document or its undo history.
 */
import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";
import { editorStorage } from "./local-storage.ts";

export type ThemeChoice = "system" | "light" | "dark";
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface ViewState {
  theme: ThemeChoice;
  /** The last viewport; undefined: fit the drawing into view. */
  viewport?: Viewport;
  setTheme: (theme: ThemeChoice) => void;
  setViewport: (viewport: Viewport | undefined) => void;
}

export const useViewStore = create<ViewState>()(
  persist(
    (set) => ({
      theme: "system",
      viewport: undefined,
      setTheme: (theme) => set({ theme }),
      setViewport: (viewport) => set({ viewport }),
    }),
    {
      name: "topolab:view",
      version: 1,
      storage: createJSONStorage(() => editorStorage),
      partialize: (s) => ({ theme: s.theme, viewport: s.viewport }),
      merge: (persisted, current) => {
        const p = (persisted ?? {}) as Partial<ViewState>;
        const theme = p.theme === "light" || p.theme === "dark" || p.theme === "system" ? p.theme : current.theme;
        const v = p.viewport;
        const viewport = v && [v.x, v.y, v.zoom].every((n) => typeof n === "number" && Number.isFinite(n)) && v.zoom > 0 ? v : undefined;
        return { ...current, theme, viewport };
      },
    },
  ),
);
