/**
 * The highlight on the canvas, for the eye and for screen readers: the nodes a diagnostic or a
 * traced flow highlights, the packet tracer's current hop, the hop where an unreachable flow stops,
 * the hop numbers and the links the path crosses.
 *
 * Node and edge components read their own state by id through primitive selectors over a trace
 * index built once per trace. The accessible state goes on React Flow's node element itself (the
 * `group` a screen reader or a test finds by name): `aria-current="step"` on the current hop, and a
 * description ("highlighted", "current hop", "where the packet stops") before the node's own.
 */
import { type Node, useStore } from "@xyflow/react";
import { useMemo } from "react";
import { type HopTrace, useSelectionStore } from "../store/selection-store.ts";
import { idSet } from "./indexes.ts";

interface TraceIndex {
  /** Node id → its hop numbers (from 1), space-separated. */
  numbers: Map<string, string>;
  /** "a|b" for each pair of consecutive hops on different nodes, both ways round. */
  links: Set<string>;
}

const traceIndexes = new WeakMap<HopTrace, TraceIndex>();

function traceIndex(trace: HopTrace): TraceIndex {
  let index = traceIndexes.get(trace);
  if (!index) {
    const numbers = new Map<string, string>();
    const links = new Set<string>();
    trace.nodes.forEach((id, i) => {
      numbers.set(id, numbers.has(id) ? `${numbers.get(id)} ${i + 1}` : String(i + 1));
      const previous = trace.nodes[i - 1];
      if (previous !== undefined && previous !== id) links.add(`${previous}|${id}`).add(`${id}|${previous}`);
    });
    index = { numbers, links };
    traceIndexes.set(trace, index);
  }
  return index;
}

const currentNode = (t: HopTrace | undefined) => t?.nodes[t.current];
const stopNode = (t: HopTrace | undefined) => (t?.stop === undefined ? undefined : t.nodes[t.stop]);

/** Whether this node is the packet tracer's current hop. */
export const useIsCurrentHop = (id: string) => useSelectionStore((s) => currentNode(s.trace) === id);
/** Whether an unreachable traced flow stops at this node. */
export const useIsStopHop = (id: string) => useSelectionStore((s) => stopNode(s.trace) === id);
/** This node's hop numbers on the traced path ("2 6"), if it is on it. */
export const useHopNumbers = (id: string) => useSelectionStore((s) => (s.trace ? traceIndex(s.trace).numbers.get(id) : undefined));
/** Whether a link between these two nodes is crossed by the traced path. */
export const useOnTracedPath = (source: string, target: string) => useSelectionStore((s) => (s.trace ? traceIndex(s.trace).links.has(`${source}|${target}`) : false));

/** The ids of the hidden descriptions the highlighted nodes point at. */
const DESCRIPTION = {
  highlighted: "topolab-highlight-desc",
  current: "topolab-current-hop-desc",
  stop: "topolab-stop-hop-desc",
} as const;

/** The id of the description on containers and endpoints: how to draw a flow from one with the keyboard. */
export const FLOW_START_DESCRIPTION = "topolab-flow-start-desc";

/** The descriptions the nodes' aria-describedby refer to; rendered once beside the canvas. */
export function HighlightDescriptions() {
  return (
    <div hidden>
      <span id={DESCRIPTION.highlighted}>highlighted</span>
      <span id={DESCRIPTION.current}>current hop</span>
      <span id={DESCRIPTION.stop}>where the packet stops</span>
      <span id={FLOW_START_DESCRIPTION}>Select it and press F to draw a flow from it.</span>
    </div>
  );
}

/**
 * The nodes with the highlight's accessible state on the highlighted ones (new objects for those
 * only; the same array when nothing is highlighted).
 */
export function useAccessibleHighlight<N extends Node>(nodes: N[]): N[] {
  const highlighted = useSelectionStore((s) => s.highlighted);
  const trace = useSelectionStore((s) => s.trace);
  const rfId = useStore((s) => s.rfId);
  return useMemo(() => {
    if (highlighted.length === 0 && !trace) return nodes;
    const ids = idSet(highlighted);
    const current = currentNode(trace);
    const stop = stopNode(trace);
    // The node's own description (React Flow's, how to move a node with the keyboard; before it, on
    // containers and endpoints, how to draw a flow) stays, after ours.
    const own = `react-flow__node-desc-${rfId}`;
    return nodes.map((n) => {
      if (!ids.has(n.id) && n.id !== current && n.id !== stop) return n;
      const states = [n.id === current ? DESCRIPTION.current : DESCRIPTION.highlighted, ...(n.id === stop ? [DESCRIPTION.stop] : [])];
      const describedBy = [...states, n.domAttributes?.["aria-describedby"] ?? own].join(" ");
      return {
        ...n,
        domAttributes: { ...n.domAttributes, "aria-describedby": describedBy, ...(n.id === current ? { "aria-current": "step" as const } : {}) },
      };
    });
  }, [nodes, highlighted, trace, rfId]);
}
