/**
 * The packet tracer's actions: open a flow (select it, highlight its path, put the cursor on its
 * first hop or where it stops), step through the hops (the canvas pans to each hop's node), close
 * it. The cursor lives in the selection store (`trace`), where the canvas reads it; when the report
 * changes (an edit re-traced the flow) the cursor follows the new hops, and a deleted flow closes.
 */
import { canvasApi } from "../../canvas/canvas-api.ts";
import type { FlowReport } from "../../model/report.ts";
import { useReportStore } from "../../store/report-store.ts";
import { useSelectionStore } from "../../store/selection-store.ts";
import { highlightOf, hopTraceOf, involvedIn, sameTrace, startIndex } from "./packet-trace.ts";

const flowById = (id: string) => useReportStore.getState().report.flows.find((f) => f.id === id);

export function openTrace(flow: FlowReport) {
  const { select, highlight } = useSelectionStore.getState();
  const trace = hopTraceOf(flow, startIndex(flow));
  select([flow.id]);
  highlight(highlightOf(flow), trace);
  const node = trace.nodes[trace.current];
  canvasApi().reveal(node ?? flow.to);
}

export function closeTrace() {
  const { selected, select, highlight, trace } = useSelectionStore.getState();
  // Leave a selection made while tracing (a node clicked on the canvas) alone.
  if (trace && selected.length === 1 && selected[0] === trace.flow) select([]);
  highlight([]);
}

/** Puts the cursor on hop `index` (clamped) and brings its node into view. */
export function goToHop(index: number) {
  const { trace, moveTrace } = useSelectionStore.getState();
  if (!trace || trace.nodes.length === 0) return;
  const current = Math.max(0, Math.min(index, trace.nodes.length - 1));
  moveTrace(current);
  canvasApi().reveal(trace.nodes[current]!);
}

export function stepHop(delta: number) {
  const trace = useSelectionStore.getState().trace;
  if (trace) goToHop(trace.current + delta);
}

/** Selects what an unreachable flow concerns (where it stops, its ends) and frames them on the canvas. */
export function selectInvolved(flow: FlowReport) {
  const ids = involvedIn(flow);
  useSelectionStore.getState().select(ids);
  canvasApi().fitNodes(ids);
}

// An edit re-traces the flows: keep the cursor on the same hop number of the new path.
useReportStore.subscribe((state, previous) => {
  if (state.report === previous.report) return;
  const { trace, highlight } = useSelectionStore.getState();
  if (!trace) return;
  const flow = flowById(trace.flow);
  if (!flow) return highlight([]);
  const next = hopTraceOf(flow, trace.current);
  if (!sameTrace(trace, next)) highlight(highlightOf(flow), next);
});
