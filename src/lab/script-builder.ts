/** The generated script as it grows: sections of bash lines, plus the notes the lab prints first. */
import { q } from "./shell.ts";

export class ScriptBuilder {
  readonly lines: string[] = [];
  /** What the lab had to decide that the report does not say, printed as {"note": …} lines. */
  readonly notes: string[] = [];

  section(title: string): void {
    this.lines.push("", `# ---- ${title} ----`);
  }

  comment(text: string): void {
    this.lines.push(`# ${text}`);
  }

  raw(line: string): void {
    this.lines.push(line);
  }

  /** A setup command: `run` reports a failure as a {"setup_error"} line and the lab exits 2. */
  run(...words: string[]): void {
    this.lines.push(`run ${words.join(" ")}`);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** `emit_note '…'` lines for every note, for the top of the script. */
  noteLines(): string[] {
    return this.notes.map((n) => `emit_note ${q(n)}`);
  }
}
