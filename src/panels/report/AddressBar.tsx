/**
 * One pool (or underlay) as a horizontal bar: who holds which part of it, at a glance. The SVG is
 * a picture (role="img", its aria-label sums it up); the bar around it takes the focus, and arrow
 * keys or the mouse walk the segments, each described in the line under the bar. Enter (or a
 * click) selects the hosts that hold the segment.
 */
import { type KeyboardEvent, memo, useState } from "react";
import type { PlanHolder as Holder } from "./address-plan.ts";
import { type BarLayout, formatAddress } from "./address-layout.ts";
import { describeBar, describeSegment } from "./address-bar-words.ts";

export { describeLayout } from "./address-bar-words.ts";

/** Fill classes for the holders' colours, light and dark. */
export const HOLDER_FILL = [
  "fill-sky-500 dark:fill-sky-400",
  "fill-emerald-500 dark:fill-emerald-400",
  "fill-amber-500 dark:fill-amber-400",
  "fill-violet-500 dark:fill-violet-400",
  "fill-rose-500 dark:fill-rose-400",
  "fill-teal-500 dark:fill-teal-400",
  "fill-orange-500 dark:fill-orange-400",
  "fill-indigo-500 dark:fill-indigo-400",
  "fill-lime-500 dark:fill-lime-400",
  "fill-fuchsia-500 dark:fill-fuchsia-400",
] as const;
export const HOLDER_SWATCH = [
  "bg-sky-500 dark:bg-sky-400",
  "bg-emerald-500 dark:bg-emerald-400",
  "bg-amber-500 dark:bg-amber-400",
  "bg-violet-500 dark:bg-violet-400",
  "bg-rose-500 dark:bg-rose-400",
  "bg-teal-500 dark:bg-teal-400",
  "bg-orange-500 dark:bg-orange-400",
  "bg-indigo-500 dark:bg-indigo-400",
  "bg-lime-500 dark:bg-lime-400",
  "bg-fuchsia-500 dark:bg-fuchsia-400",
] as const;

export const AddressBar = memo(function AddressBar({ title, layout, noun, onSelect, zoomWindow, detailId, onActive }: {
  /** What the bar shows, for its accessible names ("Pool 10.244.0.0/16 of prod"). */
  title: string;
  layout: BarLayout<Holder>;
  /** What a segment is, in the summary ("range", "address"). */
  noun: string;
  onSelect?: (ids: string[]) => void;
  /** A region drawn as a bracket (the part a zoomed bar below shows), as fractions of the bar. */
  zoomWindow?: { x: number; width: number } | undefined;
  /** The line (rendered by the caller) that describes the segment pointed at. */
  detailId: string;
  /** Tells the caller which segment is pointed at (its description), or none. */
  onActive: (description: string | undefined) => void;
}) {
  const [active, setActiveIndex] = useState<number | undefined>();
  const { pool, segments } = layout;
  const setActive = (i: number | undefined) => {
    setActiveIndex(i);
    const seg = i === undefined ? undefined : segments[i];
    onActive(seg && describeSegment(seg));
  };
  const label = describeBar(title, layout, noun);

  const current = active === undefined ? undefined : segments[active];
  // Hairline separators between segments, unless there are so many that the lines would be all one sees.
  const separator = segments.length <= 64 ? 1 : 0;
  const onKeyDown = (e: KeyboardEvent) => {
    if (segments.length === 0) return;
    const go = (i: number) => {
      e.preventDefault();
      setActive(Math.min(segments.length - 1, Math.max(0, i)));
    };
    if (e.key === "ArrowRight" || e.key === "ArrowDown") go(active === undefined ? 0 : active + 1);
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") go(active === undefined ? 0 : active - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(segments.length - 1);
    else if ((e.key === "Enter" || e.key === " ") && current && onSelect) {
      e.preventDefault();
      onSelect(current.data.map((h) => h.id));
    }
  };

  return (
    <div className="min-w-0">
      <div
        role="group"
        aria-label={`Segments of ${title}: arrow keys walk them, Enter selects the holder`}
        aria-describedby={detailId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (active === undefined && segments.length > 0) setActive(0);
        }}
        onBlur={() => setActive(undefined)}
        className="rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500"
      >
        <svg role="img" aria-label={label} viewBox="0 0 1000 24" preserveAspectRatio="none" className="block h-6 w-full overflow-visible" onMouseLeave={() => setActive(undefined)}>
          <rect x={0} y={0} width={1000} height={24} rx={4} className="fill-slate-100 stroke-slate-300 dark:fill-slate-800 dark:stroke-slate-600" vectorEffect="non-scaling-stroke" />
          {segments.map((s, i) => (
            <rect
              key={s.text}
              x={s.x * 1000}
              y={1}
              width={Math.max(s.width * 1000, 0.5)}
              height={22}
              className={`${HOLDER_FILL[s.data[0]?.colour ?? 0]} stroke-white dark:stroke-slate-900 ${onSelect ? "cursor-pointer" : ""}`}
              strokeWidth={separator}
              vectorEffect="non-scaling-stroke"
              onMouseEnter={() => setActive(i)}
              onClick={() => onSelect?.(s.data.map((h) => h.id))}
            />
          ))}
          {zoomWindow && (
            <rect
              x={zoomWindow.x * 1000}
              y={-3}
              width={Math.max(zoomWindow.width * 1000, 1)}
              height={30}
              rx={2}
              className="pointer-events-none fill-none stroke-slate-500 dark:stroke-slate-400"
              strokeDasharray="3 2"
              vectorEffect="non-scaling-stroke"
            />
          )}
          {current && (
            <rect
              x={current.x * 1000}
              y={0}
              width={Math.max(current.width * 1000, 0.5)}
              height={24}
              className="pointer-events-none fill-none stroke-slate-900 dark:stroke-white"
              strokeWidth={2}
              vectorEffect="non-scaling-stroke"
            />
          )}
        </svg>
      </div>
      <div aria-hidden="true" className="mt-0.5 flex justify-between gap-2 font-mono text-[10px] text-slate-500 dark:text-slate-400">
        <span>{formatAddress(pool.family, pool.start)}</span>
        {layout.enlarged && <span className="font-sans italic">small parts enlarged</span>}
        <span>{formatAddress(pool.family, pool.start + pool.size - 1n)}</span>
      </div>
    </div>
  );
});
