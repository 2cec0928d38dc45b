/** The palette's items, in the order a design is usually built, and the drag-and-drop data type they carry. */
import type { NewObjectKind } from "../model/new-objects.ts";
import { KIND_LABEL } from "./graph.ts";

export const PALETTE_MIME = "application/x-topolab-kind";

/**
 * A second drag type naming the kind itself: during dragover the browser reveals only the types,
 * not the data, and the canvas needs the kind to show where the item would land.
 */
export const paletteKindType = (kind: string) => `${PALETTE_MIME}-${kind}`;

export function paletteKindOf(types: readonly string[]): string | undefined {
  const prefix = `${PALETTE_MIME}-`;
  return types.find((t) => t.startsWith(prefix))?.slice(prefix.length);
}

export interface PaletteItem {
  kind: NewObjectKind;
  /** The item's accessible name ("Host"). */
  label: string;
  hint: string;
}

export const PALETTE_ITEMS: readonly PaletteItem[] = [
  { kind: "underlay", label: KIND_LABEL.underlay, hint: "A LAN or cloud subnet the hosts sit on" },
  { kind: "router", label: KIND_LABEL.router, hint: "Joins underlay networks" },
  { kind: "cluster", label: KIND_LABEL.cluster, hint: "Hosts sharing one container network (flannel VXLAN)" },
  { kind: "host", label: KIND_LABEL.host, hint: "A machine in a cluster, on an underlay" },
  { kind: "container", label: KIND_LABEL.container, hint: "Runs on a host; gets an address from its subnet" },
  { kind: "external", label: KIND_LABEL.external, hint: "The Internet or an office client" },
];
