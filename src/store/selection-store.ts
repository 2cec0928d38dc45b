/** What is selected on the canvas: kept out of the document and out of undo history. */
import { create } from "zustand";

export interface SelectionState {
  /** Selected document ids (nodes and flows). */
  selected: string[];
  /** Ids a diagnostic or a flow hop asks the canvas to highlight. */
  highlighted: string[];
  select: (ids: string[]) => void;
  highlight: (ids: string[]) => void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  selected: [],
  highlighted: [],
  select: (ids) => set({ selected: ids }),
  highlight: (ids) => set({ highlighted: ids }),
}));
