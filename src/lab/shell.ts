/** Quoting for the generated bash: words the shell must take literally. */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** A word as bash reads it back unchanged: bare when it is plainly safe, else single-quoted. */
export function q(word: string | number): string {
  const text = String(word);
  if (text !== "" && SAFE.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A namespace reference in the script: `"${P}h1"`, where P is the run's `tl-<pid>-` prefix. */
export function ns(suffix: string): string {
  return `"\${P}${suffix}"`;
}
