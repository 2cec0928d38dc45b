/**
 * While a connection is dragged from a handle: the nodes it can end on. Their handles of the other
 * end show (a flow's drag lights the containers' left handles, not the hosts' or the underlays'), and
 * the one under the pointer is ringed like a drop target (drop-target.ts), since letting go anywhere
 * on it connects (actions.ts `dropConnection`). Computed once when the drag starts; each node reads
 * only whether it is one (`useConnectEnd`).
 */
import { useConnection } from "@xyflow/react";
import { useEffect } from "react";
import { create } from "zustand";
import { type ConnectionStart, connectableEnds } from "../editor/actions.ts";
import type { Document } from "../model/document.ts";
import { useDocumentStore } from "../store/document-store.ts";
import { setDropTarget } from "./drop-target.ts";
import { HANDLE } from "./graph.ts";
import { computeLayout, nodesAt } from "./layout.ts";

/** Which handles of an end node show: of which end (the other one than the drag's), and a flow's or a link's. */
export type EndHandles = `${"source" | "target"}-${"flow" | "link"}`;

interface ConnectEndsState {
  ends: ReadonlySet<string>;
  handles?: EndHandles;
}

const NONE: ReadonlySet<string> = new Set();

export const useConnectEnds = create<ConnectEndsState>()(() => ({ ends: NONE }));

export function startConnecting(doc: Document, from: ConnectionStart) {
  const flow = from.handle === HANDLE.flowOut || from.handle === HANDLE.flowIn;
  useConnectEnds.setState({ ends: connectableEnds(doc, from), handles: `${from.end === "source" ? "target" : "source"}-${flow ? "flow" : "link"}` });
}

export function stopConnecting() {
  if (useConnectEnds.getState().ends !== NONE) useConnectEnds.setState({ ends: NONE, handles: undefined });
}

/** Which of this node's handles show while a connection is dragged, if it is somewhere the connection can end. */
export const useConnectEnd = (id: string) => useConnectEnds((s) => (s.ends.has(id) ? s.handles : undefined));

/** Inside <ReactFlow>: rings the node under the dragged connection's end that it would connect to. Renders nothing. */
export function ConnectionDropRing() {
  // In flow coordinates; on a handle it can end on, the connection snaps to it.
  const to = useConnection((c) => (c.inProgress ? c.to : null));
  useEffect(() => {
    if (!to) return;
    const { ends } = useConnectEnds.getState();
    setDropTarget(nodesAt(computeLayout(useDocumentStore.getState().document), to).find((id) => ends.has(id)));
  }, [to]);
  return null;
}
