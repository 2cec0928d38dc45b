/**
 * The minimap, its nodes placed from the document's layout rather than from React Flow's live
 * positions: a dragged node moves there when it is dropped, not on every frame. The minimap is one
 * SVG of every node, and redrawing it on each move of a drag was most of what a 1,000-node canvas
 * painted per frame (bench/canvas).
 */
import { MiniMap, type MiniMapNodeProps, type Node } from "@xyflow/react";
import { memo } from "react";
import { useDocumentStore } from "../store/document-store.ts";
import { computeLayout } from "./layout.ts";

const COLOURS: Record<string, string> = {
  underlay: "#7dd3fc",
  router: "#fcd34d",
  cluster: "#c7d2fe",
  host: "#cbd5e1",
  container: "#6ee7b7",
  external: "#fda4af",
};
const colourOf = (n: Node) => COLOURS[n.type ?? ""] ?? "#94a3b8";

/** Everything but the live position decides whether a minimap node redraws. */
const sameButPosition = (a: MiniMapNodeProps, b: MiniMapNodeProps) =>
  a.id === b.id &&
  a.width === b.width &&
  a.height === b.height &&
  a.color === b.color &&
  a.selected === b.selected &&
  a.className === b.className &&
  a.borderRadius === b.borderRadius &&
  a.shapeRendering === b.shapeRendering &&
  a.strokeColor === b.strokeColor &&
  a.strokeWidth === b.strokeWidth &&
  a.onClick === b.onClick;

const LayoutMiniMapNode = memo(function LayoutMiniMapNode({ id, x, y, width, height, color, className, borderRadius, shapeRendering, strokeColor, strokeWidth, selected, onClick }: MiniMapNodeProps) {
  const absX = useDocumentStore((s) => computeLayout(s.document).boxes.get(id)?.absX);
  const absY = useDocumentStore((s) => computeLayout(s.document).boxes.get(id)?.absY);
  return (
    <rect
      className={`react-flow__minimap-node${selected ? " selected" : ""} ${className}`}
      x={absX ?? x}
      y={absY ?? y}
      rx={borderRadius}
      ry={borderRadius}
      width={width}
      height={height}
      style={{ fill: color, stroke: strokeColor, strokeWidth }}
      shapeRendering={shapeRendering}
      onClick={onClick ? (event) => onClick(event, id) : undefined}
    />
  );
}, sameButPosition);

const SIZE = { width: 160, height: 110 };

/** Memoised with no props: the canvas re-renders on every move of a drag, the minimap need not. */
export const CanvasMiniMap = memo(function CanvasMiniMap() {
  return <MiniMap position="bottom-right" pannable zoomable nodeColor={colourOf} nodeStrokeWidth={0} nodeComponent={LayoutMiniMapNode} ariaLabel="Minimap" style={SIZE} />;
});
