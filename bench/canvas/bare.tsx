/**
 * The baseline of `npm run bench:canvas`: React Flow with nothing of Topolab — default nodes and
 * edges, the documented controlled pattern (useState + applyNodeChanges), no minimap, background
 * or controls. It is built only with TOPOLAB_BENCH=1 (a second Vite entry), never shipped.
 *
 * The benchmark injects the graph (window.__BENCH_GRAPH__: the same ids, positions, parents and
 * sizes as Topolab's canvas for the same document) and the canvas rectangle, so both pages draw
 * the same nodes in the same viewport.
 */
import { type NodeChange, ReactFlow, applyNodeChanges } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { StrictMode, useCallback, useState } from "react";
import { createRoot } from "react-dom/client";
import type { BenchGraph } from "./bench-graph.ts";

declare global {
  interface Window {
    __BENCH_GRAPH__?: BenchGraph;
  }
}

const FIT_VIEW_OPTIONS = { padding: 0.08, maxZoom: 1.25 };
const graph: BenchGraph = window.__BENCH_GRAPH__ ?? { nodes: [], edges: [], rect: { left: 0, top: 0, width: 800, height: 600 } };

function Bare() {
  const [nodes, setNodes] = useState(graph.nodes);
  const onNodesChange = useCallback((changes: NodeChange[]) => setNodes((ns) => applyNodeChanges(changes, ns)), []);
  return (
    <div style={{ position: "absolute", ...graph.rect }}>
      <ReactFlow
        nodes={nodes}
        edges={graph.edges}
        onNodesChange={onNodesChange}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.15}
        maxZoom={2}
      />
    </div>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Bare />
  </StrictMode>,
);
