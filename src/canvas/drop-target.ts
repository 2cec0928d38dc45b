/** The cluster or host a dragged node or palette item would land in: the canvas rings it while the drag lasts. */
import { create } from "zustand";

export const useDropTarget = create<{ id?: string }>()(() => ({ id: undefined }));

export function setDropTarget(id: string | undefined) {
  if (useDropTarget.getState().id !== id) useDropTarget.setState({ id });
}

export const useIsDropTarget = (id: string) => useDropTarget((s) => s.id === id);
