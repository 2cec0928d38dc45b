/** The last thing the editor did, said once to screen readers (an aria-live region) and shown briefly. */
import { create } from "zustand";

export interface StatusState {
  message: string;
  /** Grows with each announcement, so the same message twice is still announced. */
  seq: number;
  tone: "info" | "error";
  /** False when the screen already shows the message elsewhere (a banner): then it is only read out. */
  visible: boolean;
  announce: (message: string, tone?: "info" | "error", options?: { visible?: boolean }) => void;
}

export const useStatusStore = create<StatusState>()((set) => ({
  message: "",
  seq: 0,
  tone: "info",
  visible: true,
  announce: (message, tone = "info", options) => set((s) => ({ message, tone, visible: options?.visible ?? true, seq: s.seq + 1 })),
}));

export const announce = (message: string, tone?: "info" | "error", options?: { visible?: boolean }) => useStatusStore.getState().announce(message, tone, options);
