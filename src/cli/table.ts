/** Aligned text columns for the CLI, with optional ANSI colour that never disturbs the alignment. */

export type Tone = "bold" | "dim" | "red" | "yellow" | "green" | "cyan";
export type Cell = string | { text: string; tone?: Tone | undefined };

const ANSI: Record<Tone, string> = { bold: "1", dim: "2", red: "31", yellow: "33", green: "32", cyan: "36" };

export function paint(text: string, tone: Tone | undefined, color: boolean): string {
  return color && tone && text !== "" ? `\u001b[${ANSI[tone]}m${text}\u001b[0m` : text;
}

const textOf = (c: Cell) => (typeof c === "string" ? c : c.text);
const toneOf = (c: Cell) => (typeof c === "string" ? undefined : c.tone);

/**
 * Rows under a header, each column as wide as its widest cell. The last column is not padded, so
 * a long message there does not leave trailing blanks.
 */
export function table(header: readonly string[], rows: readonly (readonly Cell[])[], color: boolean, indent = "  "): string[] {
  const widths = header.map((h, col) => rows.reduce((w, row) => Math.max(w, textOf(row[col] ?? "").length), h.length));
  const line = (cells: readonly Cell[], headerTone?: Tone) =>
    indent +
    cells
      .map((cell, col) => {
        const text = textOf(cell);
        const padded = col === cells.length - 1 ? text : text.padEnd(widths[col] ?? 0);
        // Paint only the text, then pad: escape codes would otherwise count as width.
        return paint(text, headerTone ?? toneOf(cell), color) + padded.slice(text.length);
      })
      .join("  ")
      .trimEnd();
  return [line(header, "dim"), ...rows.map((r) => line(r))];
}
