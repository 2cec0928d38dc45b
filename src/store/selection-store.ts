/** What is selected on the canvas: kept out of the document and out of undo history. */
import { create } from "zustand";

/**
 * The packet tracer's cursor over a flow's path: the node of each hop in order (the request, then
 * the reply) and the hop being looked at. The canvas rings the current hop's node apart from the rest.
 */
export interface HopTrace {
  flow: string;
  /** The node of each hop, in order; a node the packet passes twice is listed twice. */
  nodes: string[];
  /** Index into `nodes` of the current hop. */
  current: number;
  /** Index into `nodes` of the hop where an unreachable flow stops. */
  stop?: number;
}

export interface SelectionState {
  /** Selected document ids (nodes and flows). */
  selected: string[];
  /** Ids a diagnostic or a flow hop asks the canvas to highlight. */
  highlighted: string[];
  /** The packet tracer over the highlighted path, if a flow is being traced; any other highlight ends it. */
  trace?: HopTrace;
  select: (ids: string[]) => void;
  highlight: (ids: string[], trace?: HopTrace) => void;
  /** Moves the packet tracer's cursor to another hop. */
  moveTrace: (current: number) => void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  selected: [],
  highlighted: [],
  select: (ids) => set({ selected: ids }),
  highlight: (ids, trace) => set({ highlighted: ids, trace }),
  moveTrace: (current) => set((s) => (s.trace && s.trace.current !== current ? { trace: { ...s.trace, current } } : {})),
}));
