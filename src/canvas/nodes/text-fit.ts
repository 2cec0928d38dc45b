/**
 * Whether a line of text fits a width, measured once per font and text with a 2D canvas. The nodes
 * use it to clip (truncate with an ellipsis) only the text that needs it: each clipped box is one
 * more clip in the browser's paint tree, and a 1,000-node canvas was paying for all of them on
 * every drag frame (bench/canvas). Where nothing can be measured (no DOM, a font the canvas cannot
 * parse), nothing is known to fit, and callers clip as before.
 */

/** The fonts of the node parts that may overflow: the name, the quiet note beside it, a badge. */
export type TextRole = "title" | "note" | "badge";

const STYLE: Record<TextRole, { font: string; family: "sans" | "mono" }> = {
  title: { font: "600 14px", family: "sans" }, // text-[14px] font-semibold
  note: { font: "400 11px", family: "sans" }, // text-[11px]
  badge: { font: "400 12px", family: "mono" }, // font-mono text-[12px]
};

let context: CanvasRenderingContext2D | null | undefined;
const fonts = new Map<TextRole, string | null>();
const widths = new Map<string, number>();

function fontOf(role: TextRole): string | null {
  let font = fonts.get(role);
  if (font === undefined) {
    const { font: size, family } = STYLE[role];
    const families =
      family === "sans" ? getComputedStyle(document.body).fontFamily : getComputedStyle(document.documentElement).getPropertyValue("--font-mono").trim();
    font = families ? `${size} ${families}` : null;
    fonts.set(role, font);
  }
  return font;
}

/** The width of `text` in pixels, or undefined when it cannot be measured here. */
export function textWidth(text: string, role: TextRole): number | undefined {
  if (typeof document === "undefined") return undefined;
  const key = `${role}\u0000${text}`;
  const known = widths.get(key);
  if (known !== undefined) return known;
  context ??= document.createElement("canvas").getContext("2d");
  const font = fontOf(role);
  if (!context || !font) return undefined;
  context.font = font;
  // The canvas ignores a font it cannot parse and keeps its old one: then we know nothing.
  if (!context.font.includes(STYLE[role].font.split(" ")[1]!)) return undefined;
  const width = context.measureText(text).width;
  widths.set(key, width);
  return width;
}

/** Room kept spare, for rounding and for kerning the canvas may do differently. */
const SLACK = 4;

/** Whether texts laid out in a row (each with `extra` pixels of padding, `gap` between) surely fit `room`. */
export function fitsInRow(items: { text: string; role: TextRole; extra: number }[], gap: number, room: number): boolean {
  let total = gap * Math.max(0, items.length - 1);
  for (const item of items) {
    const w = textWidth(item.text, item.role);
    if (w === undefined) return false;
    total += w + item.extra;
  }
  return total + SLACK <= room;
}

/**
 * Whether texts laid out in rows that wrap (each with `extra` pixels of padding, `gap` between, in
 * rows and between rows alike) surely fit `rows` rows of `room` pixels.
 */
export function fitsInRows(items: { text: string; role: TextRole; extra: number }[], gap: number, room: number, rows: number): boolean {
  let used = 1;
  let line = 0;
  for (const item of items) {
    const w = textWidth(item.text, item.role);
    if (w === undefined || w + item.extra + SLACK > room) return false;
    const next = line === 0 ? w + item.extra : line + gap + w + item.extra;
    if (next + SLACK <= room) line = next;
    else {
      used += 1;
      line = w + item.extra;
    }
  }
  return used <= rows;
}
