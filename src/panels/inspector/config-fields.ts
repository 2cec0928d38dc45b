/**
 * The inspector's backend fields, read from each backend's zod config schema (zod 4 exposes the
 * object's `shape`, enums' `options`, numbers' bounds and defaults), so a backend gets its form
 * without anyone writing one. Pure: no React. Labels and hints (words for people) live in
 * config-labels.ts.
 */
import { z } from "zod";
import { backendConfig } from "../../model/backends/configs.ts";
import type { BackendConfig, BackendType } from "../../model/document.ts";
import type { Checked } from "./validate.ts";
import { checkInteger } from "./validate.ts";

interface FieldBase {
  key: string;
  /** Absent from the config means "the backend decides" (no default value to show). */
  optional: boolean;
}

export type ConfigField =
  | (FieldBase & { kind: "text"; default?: string })
  | (FieldBase & { kind: "number"; min?: number; max?: number; default?: number })
  | (FieldBase & { kind: "boolean"; default?: boolean })
  | (FieldBase & { kind: "enum"; options: readonly string[]; default?: string });

type AnySchema = z.ZodType;

/** zod gives `.int()` the safe-integer bounds: those are no bounds a person needs to hear about. */
const bound = (n: number | null | undefined) => (typeof n === "number" && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined);

/** The schema of one backend type. */
export function configSchema(type: BackendType): z.ZodObject {
  const schema = backendConfig.options.find((o) => o.shape.type.value === type);
  if (!schema) throw new Error(`internal: no config schema for backend "${type}"`);
  return schema as unknown as z.ZodObject;
}

/** A backend of `type` with all its defaults: what choosing it in the Backend select gives. */
export function defaultBackend(type: BackendType): BackendConfig {
  return configSchema(type).parse({ type }) as BackendConfig;
}

function describe(key: string, schema: AnySchema): ConfigField | undefined {
  let inner: AnySchema = schema;
  let optional = false;
  let fallback: unknown;
  for (;;) {
    if (inner instanceof z.ZodDefault) {
      fallback = inner.def.defaultValue;
      inner = inner.unwrap() as AnySchema;
    } else if (inner instanceof z.ZodOptional) {
      optional = true;
      inner = inner.unwrap() as AnySchema;
    } else break;
  }
  const base = { key, optional };
  if (inner instanceof z.ZodBoolean) return { ...base, kind: "boolean", ...(typeof fallback === "boolean" ? { default: fallback } : {}) };
  if (inner instanceof z.ZodNumber) {
    const min = bound(inner.minValue);
    const max = bound(inner.maxValue);
    return {
      ...base,
      kind: "number",
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(typeof fallback === "number" ? { default: fallback } : {}),
    };
  }
  if (inner instanceof z.ZodEnum) {
    return { ...base, kind: "enum", options: inner.options.map(String), ...(typeof fallback === "string" ? { default: fallback } : {}) };
  }
  if (inner instanceof z.ZodString) return { ...base, kind: "text", ...(typeof fallback === "string" ? { default: fallback } : {}) };
  return undefined;
}

/** The editable fields of a backend type, in schema order; `type` and `mode` have their own selects. */
export function configFields(type: BackendType): ConfigField[] {
  const shape = configSchema(type).shape as Record<string, AnySchema>;
  return Object.entries(shape)
    .filter(([key]) => key !== "type" && key !== "mode")
    .flatMap(([key, schema]) => describe(key, schema) ?? []);
}

/** The schema of one field, without its default or optional wrapper. */
function fieldSchema(type: BackendType, key: string): AnySchema | undefined {
  let s = (configSchema(type).shape as Record<string, AnySchema>)[key];
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as AnySchema;
  return s;
}

/**
 * Reads what was typed into a backend field. Empty text means "back to the default" (undefined:
 * the caller drops the key, and the default or the backend's own choice applies).
 */
export function checkConfigText(type: BackendType, field: ConfigField, text: string): Checked<string | number | undefined> {
  const t = text.trim();
  if (t === "") return { ok: true, value: undefined };
  let value: string | number = t;
  if (field.kind === "number") {
    const n = checkInteger(t, { min: field.min, max: field.max });
    if (!n.ok) return n;
    value = n.value;
  }
  const schema = fieldSchema(type, field.key);
  const r = schema?.safeParse(value);
  if (r && !r.success) return { ok: false, error: r.error.issues[0]?.message ?? "Not a valid value" };
  return { ok: true, value };
}

/**
 * The backend with one field changed; `undefined` removes the key so the default applies again.
 * The result is checked against the whole config schema: an invalid backend never reaches the document.
 */
export function withConfigValue(config: BackendConfig, key: string, value: unknown): Checked<BackendConfig> {
  const raw: Record<string, unknown> = { ...config };
  if (value === undefined) delete raw[key];
  else raw[key] = value;
  const r = configSchema(config.type).safeParse(raw);
  if (!r.success) return { ok: false, error: r.error.issues[0]?.message ?? "Not a valid backend" };
  return { ok: true, value: r.data as BackendConfig };
}
