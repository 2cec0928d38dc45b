/** Building blocks shared by the node components: the frame (selection, highlight, diagnostic colour), badges, the mark, icons. */
import type { NodeProps } from "@xyflow/react";
import type { CSSProperties, ReactNode } from "react";
import type { TopoNode } from "../graph.ts";
import { CLUSTER_BOX, HOST_BOX, type NodeKind, SIZE } from "../layout.ts";
import { useConnectEnd } from "../connect-targets.tsx";
import { useIsDropTarget } from "../drop-target.ts";
import { useHopNumbers, useIsCurrentHop, useIsStopHop } from "../highlight.tsx";
import { useHighlighted, useMarkSeverity, useMarkText } from "../use-facts.ts";
import { fitsInRow, fitsInRows } from "./text-fit.ts";

/**
 * memo() equality for the node components, which read everything else by id: only the id and the
 * selection matter. React Flow also hands them the position, `dragging` and more on every move of a
 * drag, so comparing every prop re-rendered the dragged node's whole content each frame.
 */
export const sameNode = (a: NodeProps<TopoNode>, b: NodeProps<TopoNode>) => a.id === b.id && a.selected === b.selected;

const TONE: Record<NodeKind, string> = {
  underlay: "border-sky-300 bg-sky-50 dark:border-sky-700 dark:bg-sky-950",
  router: "border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950",
  cluster: "border-indigo-300 bg-indigo-50/60 dark:border-indigo-700 dark:bg-indigo-950/40",
  host: "border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900",
  container: "border-emerald-300 bg-emerald-50 dark:border-emerald-700 dark:bg-emerald-950",
  external: "border-rose-300 bg-rose-50 dark:border-rose-700 dark:bg-rose-950",
};

/**
 * The outline of every node: its kind's colours, red/amber when a diagnostic names it, a ring when
 * selected or highlighted. On a traced flow's path the current hop has a solid ring set off from the
 * node and a shadow, the others a paler ring; the hop where an unreachable flow stops is red.
 * Rings come and go without a transition: while a drag crosses hosts, a fading ring repainted the
 * whole host for several frames each time (bench/canvas).
 */
export function NodeFrame({ id, kind, selected, className = "", children }: { id: string; kind: NodeKind; selected: boolean; className?: string; children: ReactNode }) {
  const severity = useMarkSeverity(id);
  const highlighted = useHighlighted(id);
  const current = useIsCurrentHop(id);
  const stop = useIsStopHop(id);
  const dropTarget = useIsDropTarget(id);
  // While a connection is dragged and it can end here: which handles show (index.css).
  const end = useConnectEnd(id);
  const border = severity === "error" ? "border-red-500 dark:border-red-500" : severity === "warning" ? "border-amber-500 dark:border-amber-400" : "";
  const ring = dropTarget
    ? "ring-4 ring-emerald-500/80 dark:ring-emerald-400/80"
    : current
      ? `ring-4 ring-offset-4 ring-offset-white shadow-lg dark:ring-offset-slate-950 ${stop ? "ring-red-600 shadow-red-500/40" : "ring-fuchsia-600 shadow-fuchsia-500/40 dark:ring-fuchsia-400"}`
      : stop
        ? "ring-4 ring-red-500/70"
        : highlighted
          ? "ring-4 ring-fuchsia-500/50 dark:ring-fuchsia-400/50"
          : selected
            ? "ring-2 ring-blue-500 dark:ring-blue-400"
            : "";
  return (
    <div className={`relative h-full w-full rounded-lg border text-slate-800 shadow-sm dark:text-slate-100 ${TONE[kind]} ${border} ${ring} ${end ? `topolab-end-${end}` : ""} ${className}`}>
      {children}
      <HopNumbers id={id} current={current} stop={stop} />
      <Mark id={id} />
    </div>
  );
}

/** The hop numbers of a node on the traced path, in its top-left corner (screen readers hear the tracer's live region instead). */
function HopNumbers({ id, current, stop }: { id: string; current: boolean; stop: boolean }) {
  const numbers = useHopNumbers(id);
  if (!numbers) return null;
  const tone = stop ? "bg-red-600" : current ? "bg-fuchsia-700 dark:bg-fuchsia-500" : "bg-fuchsia-500/80 dark:bg-fuchsia-600/80";
  return (
    <span
      aria-hidden="true"
      className={`absolute -top-2.5 -left-2.5 z-10 flex h-5 min-w-5 items-center justify-center rounded-full px-1.5 font-mono text-[11px] font-semibold text-white shadow ${tone} ${current ? "ring-2 ring-white dark:ring-slate-950" : ""}`}
    >
      {numbers.split(" ").join(" · ")}
      {stop && " ✕"}
    </span>
  );
}

/** The error/warning badge in a node's corner; its accessible name and tooltip carry the messages. */
function Mark({ id }: { id: string }) {
  const severity = useMarkSeverity(id);
  const text = useMarkText(id);
  if (!severity) return null;
  const n = text?.split("\n").length ?? 1;
  const label = `${n} ${severity}${n === 1 ? "" : "s"}: ${text ?? ""}`;
  return (
    <span
      role="img"
      aria-label={label}
      title={text}
      className={`absolute -top-2 -right-2 flex h-5 min-w-5 items-center justify-center rounded-full px-1 text-[11px] font-bold text-white shadow ${
        severity === "error" ? "bg-red-600" : "bg-amber-500"
      }`}
    >
      {severity === "error" ? "!" : "⚠"}
    </span>
  );
}

/**
 * The width inside each kind of node at its smallest (less its 1px border and its horizontal
 * padding: px-3, px-5 for underlays, px-4 in the cluster's header). Keep in step with the node
 * components' classes; what it decides is only whether a line needs clipping.
 */
export const INNER_WIDTH: Record<NodeKind, number> = {
  container: SIZE.container.width - 2 - 24,
  router: SIZE.router.width - 2 - 24,
  external: SIZE.external.width - 2 - 24,
  underlay: SIZE.underlay.width - 2 - 40,
  host: HOST_BOX.minWidth - 2 - 24,
  cluster: CLUSTER_BOX.minWidth - 2 - 32,
};

/** A badge's horizontal padding (px-1.5 on each side). */
const BADGE_PADDING = 12;

/** A fact in monospace: an address, a subnet, an MTU. */
export function Badge({ children, tone = "plain", title }: { children: ReactNode; tone?: "plain" | "accent" | "muted"; title?: string }) {
  const tones = {
    plain: "bg-white/80 text-slate-700 ring-slate-300 dark:bg-slate-800/80 dark:text-slate-200 dark:ring-slate-600",
    accent: "bg-blue-50 text-blue-800 ring-blue-200 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-800",
    muted: "bg-transparent text-slate-500 ring-slate-200 dark:text-slate-400 dark:ring-slate-700",
  };
  return (
    <span title={title} className={`inline-flex shrink-0 items-center rounded px-1.5 py-px font-mono text-[12px] leading-4 whitespace-nowrap ring-1 ${tones[tone]}`}>
      {children}
    </span>
  );
}

/**
 * A badge row that never wraps: what does not fit is summarised as "+N". Given its `room` (the
 * width it has), it clips only when the badges may not fit.
 */
export function BadgeRow({ items, max, tone, title, room }: { items: string[]; max: number; tone?: "plain" | "accent" | "muted"; title?: string; room?: number }) {
  if (items.length === 0) return <span className="text-[11px] text-slate-400 italic dark:text-slate-500">{title ?? "…"}</span>;
  const shown = items.slice(0, max);
  const badges = [...shown, ...(items.length > max ? [`+${items.length - max}`] : [])];
  const fits = room !== undefined && fitsInRow(badges.map((text) => ({ text, role: "badge" as const, extra: BADGE_PADDING })), 4, room);
  return (
    <span className={`flex min-w-0 items-center gap-1 ${fits ? "" : "overflow-hidden"}`}>
      {shown.map((item) => (
        <Badge key={item} tone={tone}>
          {item}
        </Badge>
      ))}
      {items.length > max && (
        <Badge tone="muted" title={items.slice(max).join(", ")}>
          +{items.length - max}
        </Badge>
      )}
    </span>
  );
}

/**
 * Badges that wrap onto at most `rows` rows of `room` pixels; beyond that they are clipped, and the
 * row's tooltip (`title`) gives them all. Clipped only when they may not fit.
 */
export function BadgeRows({ items, rows, room, title }: { items: { text: string; tone?: "plain" | "accent" | "muted"; title?: string }[]; rows: number; room: number; title: string }) {
  const fits = fitsInRows(items.map(({ text }) => ({ text, role: "badge" as const, extra: BADGE_PADDING })), 4, room, rows);
  // A badge is 18px high (leading-4 and 1px padding), with 4px between rows.
  const maxHeight = rows * 18 + (rows - 1) * 4;
  return (
    <div title={title} className={`flex min-w-0 flex-wrap items-center gap-1 ${fits ? "" : "overflow-hidden"}`} style={fits ? undefined : { maxHeight }}>
      {items.map((item, i) => (
        <Badge key={`${i}:${item.text}`} tone={item.tone} title={item.title}>
          {item.text}
        </Badge>
      ))}
    </div>
  );
}

/** The node's name line: icon, name (truncated with an ellipsis when it does not fit), and an optional quiet note on the right. */
export function Title({ kind, name, note }: { kind: NodeKind; name: string; note?: ReactNode }) {
  const fits =
    (note === undefined || typeof note === "string") &&
    fitsInRow([{ text: name, role: "title", extra: 0 }, ...(note ? [{ text: note, role: "note" as const, extra: 0 }] : [])], 6, INNER_WIDTH[kind] - 16 - 6);
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <NodeIcon kind={kind} />
      <span className={`${fits ? "whitespace-nowrap" : "truncate"} text-[14px] leading-5 font-semibold`} title={name}>
        {name}
      </span>
      {note && <span className="ml-auto shrink-0 text-[11px] text-slate-500 dark:text-slate-400">{note}</span>}
    </div>
  );
}

/** Each kind's icon as SVG markup (24×24, stroked): drawn inline by KindIcon, and as a background image on the canvas nodes. */
const ICON_SHAPES: Record<NodeKind, string> = {
  underlay: '<path d="M2 12h20"/><path d="M6 12v5M12 12v5M18 12v5M12 7v5"/><rect x="9" y="3" width="6" height="4" rx="1"/>',
  router: '<circle cx="12" cy="12" r="9"/><path d="M8 9h8l-2-2M16 15H8l2 2"/>',
  cluster:
    '<rect x="3" y="3" width="7" height="7" rx="1.5"/><rect x="14" y="3" width="7" height="7" rx="1.5"/><rect x="3" y="14" width="7" height="7" rx="1.5"/><rect x="14" y="14" width="7" height="7" rx="1.5"/>',
  host: '<rect x="3" y="4" width="18" height="7" rx="1.5"/><rect x="3" y="13" width="18" height="7" rx="1.5"/><path d="M7 7.5h.01M7 16.5h.01"/>',
  container: '<path d="M12 3l8 4.5v9L12 21l-8-4.5v-9z"/><path d="M4 7.5l8 4.5 8-4.5M12 12v9"/>',
  external: '<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z"/>',
};

const ICON_ATTRIBUTES = 'viewBox="0 0 24 24" fill="none" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"';

/** An icon drawn inline, for the few places outside the canvas (palette, inspector); it takes the text colour. */
export function KindIcon({ kind, className = "h-4 w-4" }: { kind: NodeKind; className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden="true"
      dangerouslySetInnerHTML={{ __html: ICON_SHAPES[kind] }}
    />
  );
}

/** Each kind's icon colour, light and dark (Tailwind's 600 and 400 shades; slate 500/400): an image cannot take the text colour. */
const ICON_COLOUR: Record<NodeKind, [light: string, dark: string]> = {
  underlay: ["oklch(58.8% 0.158 241.966)", "oklch(74.6% 0.16 232.661)"],
  router: ["oklch(66.6% 0.179 58.318)", "oklch(82.8% 0.189 84.429)"],
  cluster: ["oklch(51.1% 0.262 276.966)", "oklch(67.3% 0.182 276.935)"],
  host: ["oklch(55.4% 0.046 257.417)", "oklch(70.4% 0.04 256.788)"],
  container: ["oklch(59.6% 0.145 163.225)", "oklch(76.5% 0.177 163.223)"],
  external: ["oklch(58.6% 0.253 17.585)", "oklch(71.2% 0.194 13.428)"],
};

const iconUrl = (kind: NodeKind, colour: string) =>
  `url("data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" ${ICON_ATTRIBUTES} stroke="${colour}">${ICON_SHAPES[kind]}</svg>`)}")`;

/** Per kind, the two images as CSS variables; the class below picks one by theme. Built once. */
const NODE_ICON_STYLE = Object.fromEntries(
  (Object.keys(ICON_SHAPES) as NodeKind[]).map((kind) => [kind, { "--icon": iconUrl(kind, ICON_COLOUR[kind][0]), "--icon-dark": iconUrl(kind, ICON_COLOUR[kind][1]) } as CSSProperties]),
) as Record<NodeKind, CSSProperties>;

/**
 * A node's icon as a background image. An inline <svg> brings its own transform and clip into the
 * paint tree, which on a 1,000-node canvas made every drag frame several times dearer to composite
 * (bench/canvas); an image adds nothing.
 */
function NodeIcon({ kind }: { kind: NodeKind }) {
  return <span aria-hidden="true" className="h-4 w-4 shrink-0 bg-(image:--icon) bg-contain bg-no-repeat dark:bg-(image:--icon-dark)" style={NODE_ICON_STYLE[kind]} />;
}
