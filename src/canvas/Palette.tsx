/**
 * The palette: drag an item onto the canvas to place it there (into the cluster or host under the
 * pointer), or click it / press Enter or Space to add it to the selected cluster or host (or the
 * middle of the view). Every item is a real button, so the keyboard alone builds a design.
 */
import type { DragEvent } from "react";
import { addFromPalette } from "../editor/actions.ts";
import { KindIcon } from "./nodes/parts.tsx";
import { PALETTE_ITEMS, PALETTE_MIME, paletteKindType } from "./palette-items.ts";

function onDragStart(event: DragEvent<HTMLButtonElement>, kind: string) {
  event.dataTransfer.setData(PALETTE_MIME, kind);
  event.dataTransfer.setData(paletteKindType(kind), kind);
  event.dataTransfer.effectAllowed = "copy";
}

export function Palette() {
  return (
    <nav aria-label="Palette" className="flex flex-col gap-1 p-3">
      <h2 className="px-1 pb-1 text-[11px] font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">Add</h2>
      <ul className="flex flex-col gap-1">
        {PALETTE_ITEMS.map((item) => (
          <li key={item.kind}>
            <button
              type="button"
              draggable
              onDragStart={(e) => onDragStart(e, item.kind)}
              onClick={() => addFromPalette(item.kind)}
              aria-label={item.label}
              aria-describedby={`palette-hint-${item.kind}`}
              className="group flex w-full cursor-grab items-center gap-2.5 rounded-md border border-transparent px-2 py-1.5 text-left text-sm text-slate-700 hover:border-slate-200 hover:bg-white focus-visible:outline-2 focus-visible:outline-blue-500 active:cursor-grabbing dark:text-slate-200 dark:hover:border-slate-700 dark:hover:bg-slate-800"
            >
              <span className="flex h-7 w-7 shrink-0 items-center justify-center rounded-md bg-white ring-1 ring-slate-200 group-hover:ring-slate-300 dark:bg-slate-800 dark:ring-slate-700">
                <KindIcon kind={item.kind} className="h-4 w-4 text-slate-600 dark:text-slate-300" />
              </span>
              <span className="min-w-0">
                <span className="block leading-5 font-medium">{item.label}</span>
                <span id={`palette-hint-${item.kind}`} className="line-clamp-2 block text-[11px] leading-4 text-slate-500 dark:text-slate-400">
                  {item.hint}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="mt-3 px-1 text-[11px] leading-4 text-slate-500 dark:text-slate-400">
        Drag onto the canvas, or press Enter to add to the selected cluster or host. Connect a container’s right handle to another container — or select it and press F — to draw a flow.
      </p>
    </nav>
  );
}
