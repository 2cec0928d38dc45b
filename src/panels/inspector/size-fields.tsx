/**
 * Width and Height of a cluster or host: the keyboard's way to resize one (the canvas has the
 * handle). Each committed field is one edit, one undo step, through the same resizeGroup() as the
 * handle; a size below what the group holds is refused beside the field.
 */
import { computeLayout } from "../../canvas/layout.ts";
import { resizeGroup } from "../../canvas/resize.ts";
import { useDocumentStore } from "../../store/document-store.ts";
import { FieldGrid, FieldSection, TextField } from "./fields.tsx";
import { checkGroupSize } from "./validate.ts";

/** One number of the group's box (primitives, so the form re-renders only when they change). */
const useBox = (id: string, key: "width" | "height" | "minWidth" | "minHeight") => useDocumentStore((s) => computeLayout(s.document).boxes.get(id)?.[key]);

export function GroupSizeFields({ id }: { id: string }) {
  const width = useBox(id, "width");
  const height = useBox(id, "height");
  const minWidth = useBox(id, "minWidth");
  const minHeight = useBox(id, "minHeight");
  if (width === undefined || height === undefined || minWidth === undefined || minHeight === undefined) return null;
  return (
    <FieldSection title="Size on the canvas">
      <FieldGrid>
        <TextField
          label="Width"
          numeric
          mono
          value={String(width)}
          check={(t) => checkGroupSize(t, minWidth)}
          onCommit={(w) => resizeGroup(id, { width: w })}
          hint={`Pixels; at least ${minWidth}, what it holds.`}
        />
        <TextField
          label="Height"
          numeric
          mono
          value={String(height)}
          check={(t) => checkGroupSize(t, minHeight)}
          onCommit={(h) => resizeGroup(id, { height: h })}
          hint={`Pixels; at least ${minHeight}. On the canvas: drag the corner, or Shift+Alt+arrows.`}
        />
      </FieldGrid>
    </FieldSection>
  );
}
