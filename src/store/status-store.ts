/** The last thing the editor did, said once to screen readers (an aria-live region) and shown briefly. */
import { create } from "zustand";

export interface StatusState {
  message: string;
  /** Grows with each announcement, so the same message twice is still announced. */
  seq: number;
  tone: "info" | "error";
  announce: (message: string, tone?: "info" | "error") => void;
}

export const useStatusStore = create<StatusState>()((set) => ({
  message: "",
  seq: 0,
  tone: "info",
  announce: (message, tone = "info") => set((s) => ({ message, tone, seq: s.seq + 1 })),
}));

export const announce = (message: string, tone?: "info" | "error") => useStatusStore.getState().announce(message, tone);
