/**
 * Checks of what a person types into the inspector, before anything reaches the document. Each
 * returns the value to store, or a message to show beside the field. Pure: no React.
 */
import { parseCidr, parseIp } from "../../model/addr/index.ts";

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = (error: string): Checked<never> => ({ ok: false, error });

/** A network in CIDR form; `family` restricts it to IPv4 or IPv6. */
export function checkCidr(text: string, family?: 4 | 6): Checked<string> {
  const t = text.trim();
  const r = parseCidr(t);
  if (!r.ok) return fail(r.error);
  if (family === 4 && r.value.family !== 4) return fail(`"${t}" is IPv6; an IPv4 network is expected here`);
  if (family === 6 && r.value.family !== 6) return fail(`"${t}" is IPv4; an IPv6 network is expected here`);
  return ok(t);
}

/** One address; `family` restricts it to IPv4 or IPv6. */
export function checkIp(text: string, family?: 4 | 6): Checked<string> {
  const t = text.trim();
  const r = parseIp(t);
  if (!r.ok) return fail(r.error);
  if (family === 4 && r.value.family !== 4) return fail(`"${t}" is IPv6; an IPv4 address is expected here`);
  if (family === 6 && r.value.family !== 6) return fail(`"${t}" is IPv4; an IPv6 address is expected here`);
  return ok(t);
}

/** An address that may be left empty (undefined: not pinned, the model chooses). */
export function checkOptionalIp(text: string, family?: 4 | 6): Checked<string | undefined> {
  return text.trim() === "" ? ok(undefined) : checkIp(text, family);
}

export interface IntegerRange {
  min?: number | undefined;
  max?: number | undefined;
}

function rangeText({ min, max }: IntegerRange): string {
  if (min !== undefined && max !== undefined) return `a whole number from ${min} to ${max}`;
  if (min !== undefined) return `a whole number, at least ${min}`;
  if (max !== undefined) return `a whole number, at most ${max}`;
  return "a whole number";
}

export function checkInteger(text: string, range: IntegerRange = {}): Checked<number> {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) return fail(`Expected ${rangeText(range)}`);
  const n = Number(t);
  if ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max)) return fail(`Expected ${rangeText(range)}`);
  return ok(n);
}

export const PORT_RANGE: IntegerRange = { min: 1, max: 65535 };

export function checkPort(text: string): Checked<number> {
  return checkInteger(text, PORT_RANGE);
}

/** A kernel release as the document wants it: "5.15", "6.1.0". */
export function checkKernel(text: string): Checked<string> {
  const t = text.trim();
  return /^\d+\.\d+(\.\d+)?/.test(t) ? ok(t) : fail('Expected a kernel release such as "5.15" or "6.1.0"');
}

/** A name a person reads on the canvas: anything but empty. */
export function checkName(text: string): Checked<string> {
  const t = text.trim();
  if (t === "") return fail("A name cannot be empty");
  if (t.length > 200) return fail("A name is at most 200 characters");
  return ok(t);
}

/** The largest width or height a cluster or host may be given, in pixels: room for hundreds of containers, not a typo's million. */
export const MAX_GROUP_SIZE = 20000;

/** A cluster's or host's width or height in pixels: a whole number, at least what it holds needs (`min`). */
export function checkGroupSize(text: string, min: number): Checked<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return fail(`Expected a whole number of pixels, at least ${min}`);
  const n = Number(t);
  if (n < min) return fail(`At least ${min}: smaller would hide what it holds`);
  if (n > MAX_GROUP_SIZE) return fail(`At most ${MAX_GROUP_SIZE}`);
  return ok(n);
}
