/** What the canvas benchmark hands the bare React Flow page (bare.tsx): its graph and where to draw it. */
import type { Edge, Node } from "@xyflow/react";

export interface BenchGraph {
  nodes: Node[];
  edges: Edge[];
  /** Where Topolab's canvas sits in the window, so the bare canvas gets the same size. */
  rect: { left: number; top: number; width: number; height: number };
}
