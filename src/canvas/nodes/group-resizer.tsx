/**
 * The resize handle of the selected cluster or host: its right and bottom edges and its
 * bottom-right corner (React Flow's NodeResizeControl). Growing from the right and the bottom
 * keeps the group where it is and its children where they are; the minimum is what the children
 * need (layout.ts), so a group never hides one. The size lives in the canvas while the handle is
 * dragged and becomes one edit at the end (Canvas.tsx, resize.ts).
 *
 * Mounted only for the selected group: a thousand nodes carry no hidden resizers. The corner is
 * named ("Resize host node-1") for assistive technology and tests; from the keyboard, a group is
 * resized with the inspector's Width and Height fields, or Shift+Alt+arrows.
 */
import { NodeResizeControl, ResizeControlVariant } from "@xyflow/react";
import { useDocumentStore } from "../../store/document-store.ts";
import { computeLayout } from "../layout.ts";

/*
 * Inline styles, as module constants: React Flow's stylesheet is unlayered, so it outranks Tailwind's
 * utilities. The edges are invisible 8px grips (the selection ring shows the frame); the corner is
 * a 12px square in the selection's blue (blue-500).
 */
const RIGHT_EDGE = { borderColor: "transparent", width: 8 } as const;
const BOTTOM_EDGE = { borderColor: "transparent", height: 8 } as const;
const CORNER = { width: 12, height: 12, borderRadius: 3, border: "2px solid white", backgroundColor: "#3b82f6" } as const;

export function GroupResizer({ id, label }: { id: string; label: string }) {
  const minWidth = useDocumentStore((s) => computeLayout(s.document).boxes.get(id)?.minWidth);
  const minHeight = useDocumentStore((s) => computeLayout(s.document).boxes.get(id)?.minHeight);
  if (minWidth === undefined || minHeight === undefined) return null;
  return (
    <>
      <NodeResizeControl variant={ResizeControlVariant.Line} position="right" minWidth={minWidth} minHeight={minHeight} style={RIGHT_EDGE} />
      <NodeResizeControl variant={ResizeControlVariant.Line} position="bottom" minWidth={minWidth} minHeight={minHeight} style={BOTTOM_EDGE} />
      <NodeResizeControl position="bottom-right" minWidth={minWidth} minHeight={minHeight} style={CORNER}>
        {/* The control itself takes no ARIA props: its content carries the name. A picture of a grip, operated by pointer only. */}
        <span role="img" aria-label={`Resize ${label}`} title={`Resize ${label}: drag this corner or an edge. Keyboard: Width and Height in the inspector, or Shift+Alt+arrows`} className="block h-full w-full" />
      </NodeResizeControl>
    </>
  );
}
