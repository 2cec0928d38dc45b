/**
 * Drawing a flow without a mouse: "F" on a selected container or endpoint starts a flow from it;
 * the next container selected (Tab to it, Enter) is where it goes. Escape cancels.
 */
import { create } from "zustand";
import { documentIndex } from "../canvas/indexes.ts";
import { useDocumentStore } from "../store/document-store.ts";
import { announce } from "../store/status-store.ts";
import { canConnect, connect } from "./actions.ts";

interface FlowDraftState {
  /** The container or endpoint the flow starts from, while the user picks its target. */
  from?: string;
}

export const useFlowDraft = create<FlowDraftState>()(() => ({ from: undefined }));

const doc = () => useDocumentStore.getState().document;

export function canStartFlow(id: string | undefined): boolean {
  const kind = id ? documentIndex(doc()).kind.get(id) : undefined;
  return kind === "container" || kind === "external";
}

export function startFlow(from: string) {
  useFlowDraft.setState({ from });
  // Read out, not shown: the banner (FlowDraftBanner.tsx) shows it for as long as the flow is being drawn.
  announce(`Drawing a flow from ${documentIndex(doc()).name.get(from) ?? from}: select the container it goes to, or press Escape`, "info", { visible: false });
}

export function cancelFlow() {
  if (useFlowDraft.getState().from === undefined) return;
  useFlowDraft.setState({ from: undefined });
  announce("No flow drawn");
}

/** Called when a node gets selected: if a flow is being drawn and this can end it, draw it. */
export function offerFlowTarget(id: string): boolean {
  const { from } = useFlowDraft.getState();
  if (from === undefined || id === from) return false;
  if (!canConnect(doc(), from, id) || documentIndex(doc()).kind.get(id) !== "container") {
    announce("A flow goes to a container: select one, or press Escape", "error");
    return false;
  }
  useFlowDraft.setState({ from: undefined });
  return connect(from, id);
}
