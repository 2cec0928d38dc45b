/**
 * The React Flow canvas. Nodes and edges are derived from the document; while a drag or a resize is
 * under way the dragged positions and the new size live here only, and the drop (the end of the
 * resize) becomes one edit (one undo step). Selection is mirrored into the selection store, which
 * the inspector and panels read.
 */
import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type OnConnectStartParams,
  ReactFlow,
  useReactFlow,
  useStore,
} from "@xyflow/react";
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { canConnectHandles, connect, dropConnection, dropFromPalette, finishDrag } from "../editor/actions.ts";
import { offerFlowTarget, useFlowDraft } from "../editor/flow-draft.ts";
import type { NewObjectKind } from "../model/new-objects.ts";
import { useDocumentStore } from "../store/document-store.ts";
import { useSelectionStore } from "../store/selection-store.ts";
import { useViewStore } from "../store/view-store.ts";
import { registerCanvas } from "./canvas-api.ts";
import { ConnectionDropRing, startConnecting, stopConnecting } from "./connect-targets.tsx";
import { edgeTypes } from "./edges.tsx";
import { GraphCache, type TopoEdge, type TopoNode, buildEdges, buildNodes } from "./graph.ts";
import { idSet } from "./indexes.ts";
import { setDropTarget } from "./drop-target.ts";
import { FLOW_START_DESCRIPTION, HighlightDescriptions, useAccessibleHighlight } from "./highlight.tsx";
import { type NodeKind, absoluteRect, computeLayout, diagramBounds, parentAt } from "./layout.ts";
import { CanvasMiniMap } from "./minimap.tsx";
import { nodeTypes } from "./nodes/index.ts";
import { PALETTE_MIME, paletteKindOf } from "./palette-items.ts";
import { resizeGroup } from "./resize.ts";
import { revealViewport } from "./reveal.ts";

/*
 * Props of <ReactFlow> that are objects are module constants: React Flow copies each prop that is a
 * new object into its store (one store update, seen by every node, per prop), and the canvas
 * re-renders on every move of a drag.
 */
const FIT = { padding: 0.08, maxZoom: 1.25 };
const MIN_ZOOM = 0.15;
const DEFAULT_EDGE_OPTIONS = { interactionWidth: 16 };
const MULTI_SELECTION_KEYS = ["Meta", "Control"];

/** Applies select/unselect changes to the selected ids, keeping their order. */
function applySelection(selected: string[], changes: { id: string; selected: boolean }[]): string[] {
  const next = selected.filter((id) => !changes.some((c) => c.id === id && !c.selected));
  for (const c of changes) if (c.selected && !next.includes(c.id)) next.push(c.id);
  return next;
}

export function Canvas({ colorMode }: { colorMode: "light" | "dark" }) {
  const document = useDocumentStore((s) => s.document);
  const selected = useSelectionStore((s) => s.selected);
  const select = useSelectionStore((s) => s.select);
  const flow = useReactFlow<TopoNode, TopoEdge>();
  // One cache per canvas, kept for its lifetime: node objects are reused between builds.
  const [cache] = useState(() => new GraphCache());
  const wrapper = useRef<HTMLDivElement>(null);

  const layout = computeLayout(document);
  // Containers and endpoints say how to draw a flow from them with the keyboard, before React Flow's own description.
  const rfId = useStore((s) => s.rfId);
  const describedBy = useMemo(() => {
    const flowStart = `${FLOW_START_DESCRIPTION} react-flow__node-desc-${rfId}`;
    return { container: flowStart, external: flowStart };
  }, [rfId]);
  const derivedNodes = useMemo(() => buildNodes(document, layout, idSet(selected), cache, describedBy), [document, layout, selected, cache, describedBy]);
  const edges = useMemo(() => buildEdges(document, idSet(selected), cache), [document, selected, cache]);

  /** Positions of the nodes being dragged, until the drop. */
  const [dragged, setDragged] = useState<ReadonlyMap<string, { x: number; y: number }>>(new Map());
  /** The size of the group being resized with its handle, until the end of the resize. */
  const [resized, setResized] = useState<{ id: string; width: number; height: number } | undefined>();
  const nodes = useMemo(() => {
    if (dragged.size === 0 && !resized) return derivedNodes;
    // Only the moved or resized nodes are new objects: the others keep theirs, so they do not re-render.
    return derivedNodes.map((n) => {
      let out = n;
      if (dragged.has(n.id)) out = { ...out, position: dragged.get(n.id)!, dragging: true };
      if (resized?.id === n.id) out = { ...out, width: resized.width, height: resized.height, measured: { width: resized.width, height: resized.height }, resizing: true };
      return out;
    });
  }, [derivedNodes, dragged, resized]);
  // The highlight's accessible state (aria-current, a description) on the highlighted nodes only.
  const shownNodes = useAccessibleHighlight(nodes);

  const onNodesChange = useCallback(
    (changes: NodeChange<TopoNode>[]) => {
      const selection: { id: string; selected: boolean }[] = [];
      const moves: [string, { x: number; y: number }][] = [];
      for (const c of changes) {
        if (c.type === "select") selection.push(c);
        else if (c.type === "position" && c.position && c.dragging) moves.push([c.id, c.position]);
        // The resize handle (group-resizer.tsx): `resizing` is true while it is dragged, false at its end. React Flow's
        // own measurements carry no `resizing`, and are not ours to store (node sizes come from the layout).
        else if (c.type === "dimensions" && c.dimensions && c.resizing === true) setResized({ id: c.id, ...c.dimensions });
        else if (c.type === "dimensions" && c.dimensions && c.resizing === false) {
          resizeGroup(c.id, c.dimensions);
          setResized(undefined);
        }
      }
      if (selection.length > 0) {
        // While a flow is being drawn from the keyboard ("F"), the next container selected is its target.
        const picked = selection.find((c) => c.selected)?.id;
        if (picked && useFlowDraft.getState().from !== undefined && offerFlowTarget(picked)) return;
        select(applySelection(useSelectionStore.getState().selected, selection));
      }
      if (moves.length > 0) setDragged((old) => new Map([...old, ...moves]));
    },
    [select],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<TopoEdge>[]) => {
      const selection = changes.filter((c) => c.type === "select");
      if (selection.length > 0) select(applySelection(useSelectionStore.getState().selected, selection));
    },
    [select],
  );

  /** While a host or container is dragged: ring the cluster or host it would move into. */
  const onNodeDrag = useCallback((_: unknown, dragNode: TopoNode) => {
    const layout = computeLayout(useDocumentStore.getState().document);
    const box = layout.boxes.get(dragNode.id);
    const parent = box?.parent ? layout.boxes.get(box.parent) : undefined;
    if (!box || !parent) return;
    const centre = { x: parent.absX + dragNode.position.x + box.width / 2, y: parent.absY + dragNode.position.y + box.height / 2 };
    const target = parentAt(layout, box.kind, centre, new Set([box.id]));
    setDropTarget(target !== box.parent ? target : undefined);
  }, []);

  const onNodeDragStop = useCallback((_: unknown, _node: TopoNode, dragNodes: TopoNode[]) => {
    setDropTarget(undefined);
    finishDrag(dragNodes.map((n) => ({ id: n.id, position: n.position })));
    setDragged(new Map());
  }, []);

  const isValidConnection = useCallback((c: Connection | Edge) => canConnectHandles(useDocumentStore.getState().document, c), []);
  const onConnect = useCallback((c: Connection) => void connect(c.source, c.target), []);
  /** A connection dragged from a handle: light up where it can end (connect-targets.tsx). */
  const onConnectStart = useCallback((_: unknown, { nodeId, handleId, handleType }: OnConnectStartParams) => {
    if (nodeId && handleType) startConnecting(useDocumentStore.getState().document, { node: nodeId, end: handleType, handle: handleId });
  }, []);
  /**
   * Let go: on a handle it can end on, React Flow has called onConnect already. Anywhere else, the
   * node under the pointer gets it if it can (the middle of a container's card draws a flow to it), or
   * the status line says where to drop.
   */
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      stopConnecting();
      setDropTarget(undefined);
      if (state.isValid || !state.fromNode || !state.fromHandle) return;
      const at = "changedTouches" in event ? event.changedTouches[0] : event;
      if (!at) return;
      const from = { node: state.fromNode.id, end: state.fromHandle.type, handle: state.fromHandle.id ?? null };
      dropConnection(from, flow.screenToFlowPosition({ x: at.clientX, y: at.clientY }));
    },
    [flow],
  );
  /** A click on the empty canvas: React Flow clears the selection; the highlight (a diagnostic's, a traced flow's) goes too. */
  const onPaneClick = useCallback(() => {
    const { highlighted, trace, highlight } = useSelectionStore.getState();
    if (highlighted.length > 0 || trace) highlight([]);
  }, []);

  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      const kind = paletteKindOf(event.dataTransfer.types) as NodeKind | undefined;
      if (!kind) return;
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      setDropTarget(parentAt(computeLayout(useDocumentStore.getState().document), kind, point));
    },
    [flow],
  );
  const onDragLeave = useCallback(() => setDropTarget(undefined), []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      setDropTarget(undefined);
      const kind = event.dataTransfer.getData(PALETTE_MIME) as NewObjectKind | "";
      if (!kind) return;
      event.preventDefault();
      dropFromPalette(kind, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
      wrapper.current?.focus();
    },
    [flow],
  );

  useEffect(() => {
    registerCanvas({
      centre: () => {
        const rect = wrapper.current?.getBoundingClientRect();
        if (!rect) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      },
      fitView: () => {
        const rect = wrapper.current?.getBoundingClientRect();
        // An empty drawing: put the origin in the middle at 100%, where the first nodes will go.
        if (flow.getNodes().length === 0) void flow.setViewport({ x: (rect?.width ?? 0) / 2, y: (rect?.height ?? 0) / 2, zoom: 1 });
        else void flow.fitView(FIT);
      },
      reveal: (id) => {
        // After React Flow has taken the new node in (and the canvas its size).
        setTimeout(() => {
          const rect = wrapper.current?.getBoundingClientRect();
          const layout = computeLayout(useDocumentStore.getState().document);
          const box = layout.boxes.get(id);
          if (!rect || !box) return;
          const parent = box.parent ? layout.boxes.get(box.parent) : undefined;
          const viewport = revealViewport({
            viewport: flow.getViewport(),
            screen: { width: rect.width, height: rect.height },
            node: absoluteRect(box),
            parent: parent && absoluteRect(parent),
            diagram: diagramBounds(layout),
            fit: { padding: FIT.padding, minZoom: MIN_ZOOM, maxZoom: FIT.maxZoom },
          });
          if (viewport) void flow.setViewport(viewport, { duration: 200 });
        }, 50);
      },
      fitNodes: (ids) => {
        setTimeout(() => {
          const nodes = ids.filter((id) => flow.getInternalNode(id) !== undefined).map((id) => ({ id }));
          if (nodes.length > 0) void flow.fitView({ nodes, padding: 0.2, maxZoom: 1.25, duration: 200 });
        }, 50);
      },
    });
    return () => registerCanvas(undefined);
  }, [flow]);

  // Read once: React Flow only uses the initial viewport; afterwards it is saved on every pan/zoom.
  const [initialViewport] = useState(() => useViewStore.getState().viewport);
  const saveViewport = useCallback((_: unknown, viewport: { x: number; y: number; zoom: number }) => useViewStore.getState().setViewport(viewport), []);

  return (
    <div ref={wrapper} className="h-full w-full" tabIndex={-1}>
      <HighlightDescriptions />
      <ReactFlow<TopoNode, TopoEdge>
        nodes={shownNodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectStart={onConnectStart}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onPaneClick={onPaneClick}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        onMoveEnd={saveViewport}
        colorMode={colorMode}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECTION_KEYS}
        {...(initialViewport ? { defaultViewport: initialViewport } : { fitView: true, fitViewOptions: FIT })}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
        aria-label="Topology canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <Controls position="bottom-left" showInteractive={false} />
        <CanvasMiniMap />
        <ConnectionDropRing />
      </ReactFlow>
    </div>
  );
}
