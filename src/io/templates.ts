/**
 * The template gallery: public/scenarios/index.json lists the templates, one Topolab document per
 * file beside it. The app fetches both from the site (`${import.meta.env.BASE_URL}scenarios/`);
 * the tests read them from disk. A template is opened like any imported file: parseDocument().
 */
import { z } from "zod";
import { BACKEND_TYPES } from "../model/backends/configs.ts";
import { type Document, parseDocument } from "../model/document.ts";

export const TEMPLATE_INDEX_FORMAT = "topolab-templates";
export const TEMPLATE_INDEX_VERSION = 1;

export const TEMPLATE_CATEGORIES = ["backend", "addressing", "ip-family", "orchestrator", "kernel"] as const;

const templateEntry = z.object({
  /** Stable id, also the file's name without ".json". */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "a template id is lower-case letters, digits and dashes"),
  /** The document's file, relative to index.json. */
  file: z.string().regex(/^[a-z0-9][a-z0-9-]*\.json$/, "a template file is a plain name ending in .json"),
  title: z.string().min(1),
  /** How the gallery groups templates: one per backend and mode, then the design lessons. */
  category: z.enum(TEMPLATE_CATEGORIES),
  /** The (first) cluster's backend and mode, for filtering. */
  backend: z.enum(BACKEND_TYPES as [string, ...string[]]),
  mode: z.string(),
  /** One sentence for the gallery card. */
  summary: z.string().min(1),
  /** Error diagnostics the template shows on purpose (a lesson); any other error is a bug. */
  expectedDiagnostics: z.array(z.string()).default([]),
  /** Flow ids that are unreachable on purpose. */
  expectedUnreachable: z.array(z.string()).default([]),
});

export const templateIndexSchema = z.object({
  format: z.literal(TEMPLATE_INDEX_FORMAT),
  version: z.literal(TEMPLATE_INDEX_VERSION),
  templates: z.array(templateEntry),
});

export type TemplateEntry = z.infer<typeof templateEntry>;
export type TemplateIndex = z.infer<typeof templateIndexSchema>;

export type TemplateIndexResult = { ok: true; index: TemplateIndex } | { ok: false; message: string };

/** Validates index.json's parsed content. */
export function parseTemplateIndex(value: unknown): TemplateIndexResult {
  const r = templateIndexSchema.safeParse(value);
  if (r.success) return { ok: true, index: r.data };
  const issue = r.error.issues[0];
  return { ok: false, message: `The template list is not valid: ${issue ? `${issue.path.join(".") || "(index)"}: ${issue.message}` : "unknown problem"}` };
}

export type TemplateResult = { ok: true; document: Document } | { ok: false; message: string };

/** A template's parsed JSON → its document (templates are validated like any imported file). */
export function parseTemplate(entry: TemplateEntry, value: unknown): TemplateResult {
  const r = parseDocument(value);
  if (r.ok) return r;
  const first = r.errors[0];
  return { ok: false, message: `Template "${entry.title}" is not a valid document: ${first ? `${first.path}: ${first.message}` : "unknown problem"}` };
}

/**
 * Fetches the index and one template (browser). `base` is where the scenarios live, e.g.
 * `${import.meta.env.BASE_URL}scenarios/`. Never throws: a network failure is a message.
 */
export async function fetchTemplateIndex(base: string, fetcher: typeof fetch = fetch): Promise<TemplateIndexResult> {
  try {
    const res = await fetcher(new URL("index.json", new URL(base, globalThis.location?.href ?? "http://localhost/")).href);
    if (!res.ok) return { ok: false, message: `The template list could not be loaded (HTTP ${res.status}).` };
    return parseTemplateIndex(await res.json());
  } catch (error) {
    return { ok: false, message: `The template list could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function fetchTemplate(base: string, entry: TemplateEntry, fetcher: typeof fetch = fetch): Promise<TemplateResult> {
  try {
    const res = await fetcher(new URL(entry.file, new URL(base, globalThis.location?.href ?? "http://localhost/")).href);
    if (!res.ok) return { ok: false, message: `Template "${entry.title}" could not be loaded (HTTP ${res.status}).` };
    return parseTemplate(entry, await res.json());
  } catch (error) {
    return { ok: false, message: `Template "${entry.title}" could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
  }
}
