/**
 * The smallest document that parses back to the same one: what a share link carries.
 *
 * - A field whose value equals what the schema gives when the field is absent is dropped. The
 *   defaults are read from the zod schemas themselves (`field.safeParse(undefined)`), so a default
 *   added or changed in a backend's config.ts is honoured without touching this file; that covers
 *   empty arrays and objects (`ports: []`, `ips: {}`, `layout: {}`), and a whole backend that is
 *   the default one.
 * - Values parseDocument() derives are dropped: a `name` equal to the object's `id`, a flow `id`
 *   equal to the one it would be given (`flow-<n>`).
 * - Layout coordinates are rounded to whole pixels.
 *
 * `parseDocument(minimiseDocument(doc))` equals `roundLayout(doc)`; the share-link encoder checks
 * it and falls back to the full document if a schema ever defeats these rules.
 */
import { z } from "zod";
import { type Document, documentSchema } from "../model/document.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Deep equality of JSON-like values; a key holding `undefined` counts as absent (JSON.stringify drops it). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const ak = keys(ao);
  if (ak.length !== keys(bo).length) return false;
  return ak.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k], bo[k]));
}

/** What a field becomes when it is absent, or `absent` when it cannot be left out. */
const ABSENT = Symbol("absent");
const defaultCache = new WeakMap<z.ZodType, unknown>();
function defaultOf(schema: z.ZodType): unknown {
  if (defaultCache.has(schema)) return defaultCache.get(schema);
  const r = schema.safeParse(undefined);
  const value = r.success ? r.data : ABSENT;
  defaultCache.set(schema, value);
  return value;
}

/** Strips one value against its schema. Unknown shapes are kept whole: correct, only less small. */
function strip(schema: z.ZodType, value: unknown): unknown {
  if (value === undefined || value === null || typeof value !== "object") return value;
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    return strip(schema.unwrap() as z.ZodType, value);
  }
  if (schema instanceof z.ZodPipe) return strip(schema.out as z.ZodType, value);
  if (schema instanceof z.ZodUnion) {
    const option = (schema.options as z.ZodType[]).find((o) => o.safeParse(value).success);
    return option ? strip(option, value) : value;
  }
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    return value.map((item) => strip(schema.element as z.ZodType, item));
  }
  if (schema instanceof z.ZodRecord && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = strip(schema.valueType as z.ZodType, v);
    return out;
  }
  if (schema instanceof z.ZodObject && !Array.isArray(value)) {
    const shape = schema.shape as Record<string, z.ZodType>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const field = shape[k];
      if (!field) {
        out[k] = v;
        continue;
      }
      const absent = defaultOf(field);
      if (absent !== ABSENT && jsonEqual(v, absent)) continue;
      out[k] = strip(field, v);
    }
    return out;
  }
  return value;
}

const ENTITY_LISTS = ["underlays", "routers", "clusters", "hosts", "containers", "externals"] as const;

function round(n: number): number {
  // Math.round(-0.4) is -0, which JSON prints as 0 anyway; normalise so equality checks agree.
  return Math.round(n) || 0;
}

/** The same document with every layout number rounded to a whole pixel. */
export function roundLayout(doc: Document): Document {
  const layout: Document["layout"] = {};
  for (const [id, p] of Object.entries(doc.layout)) {
    layout[id] = {
      x: round(p.x),
      y: round(p.y),
      ...(p.width === undefined ? {} : { width: round(p.width) }),
      ...(p.height === undefined ? {} : { height: round(p.height) }),
    };
  }
  return { ...doc, layout };
}

/** The document without defaults and derivable values, layout rounded: a plain JSON object. */
export function minimiseDocument(doc: Document): JsonObject {
  const out = strip(documentSchema, roundLayout(doc)) as JsonObject;
  for (const key of ENTITY_LISTS) {
    const list = out[key];
    if (!Array.isArray(list)) continue;
    for (const item of list as JsonObject[]) {
      if (item.name === item.id) delete item.name;
    }
  }
  const flows = out.flows;
  if (Array.isArray(flows)) {
    (flows as JsonObject[]).forEach((f, i) => {
      if (f.id === `flow-${i + 1}`) delete f.id;
    });
  }
  return out;
}
