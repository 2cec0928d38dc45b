/**
 * Fuzzing the two doors a document comes in by: share links and imported text. Whatever goes in,
 * out comes either a document that parseDocument() accepts as it is, or a failure with a message:
 * never an exception. Inputs: random text, random bytes behind a valid header, valid links with
 * flipped, cut or added characters, and compressed random JSON, much of it nearly a document.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync, strToU8 } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../model/document.ts";
import { SAMPLE_DOCUMENT } from "../model/sample.ts";
import { encodeBase64Url } from "./base64url.ts";
import { type ImportResult, importDocumentText } from "./import.ts";
import { minimiseDocument, roundLayout } from "./minimise.ts";
import { type ShareLinkResult, decodeShareLink, encodeShareLink, shareLinkJson } from "./share-link.ts";

const KINDS = ["truncated", "corrupt", "too-large", "future-version", "invalid"];
const IMPORT_KINDS = ["not-json", "invalid", "too-large", "unsupported", "future-version"];
const SEED = Number(process.env.FUZZ_SEED ?? 20260401);
const runs = (n: number) => ({ numRuns: n, seed: SEED });

const scenarios = join(import.meta.dirname, "..", "..", "public", "scenarios");
const index = JSON.parse(readFileSync(join(scenarios, "index.json"), "utf8")) as { templates: { file: string }[] };
const documents = [SAMPLE_DOCUMENT, ...index.templates.map((t) => JSON.parse(readFileSync(join(scenarios, t.file), "utf8")) as unknown)].map((d) => {
  const r = parseDocument(d);
  if (!r.ok) throw new Error("a template is invalid");
  return r.document;
});
const links = documents.map((d) => encodeShareLink(d));
const minimisedJson = documents.map((d) => shareLinkJson(d));

function expectSound(run: () => ShareLinkResult): void {
  let r: ShareLinkResult | undefined;
  expect(() => {
    r = run();
  }).not.toThrow();
  if (!r) throw new Error("no result");
  if (r.ok) {
    expect(parseDocument(r.document)).toEqual({ ok: true, document: r.document });
  } else {
    expect(KINDS).toContain(r.error.kind);
    expect(r.error.message.length).toBeGreaterThan(20);
  }
}

function expectSoundImport(run: () => ImportResult): void {
  let r: ImportResult | undefined;
  expect(() => {
    r = run();
  }).not.toThrow();
  if (!r) throw new Error("no result");
  if (r.ok) {
    expect(parseDocument(r.document)).toEqual({ ok: true, document: r.document });
  } else {
    expect(IMPORT_KINDS).toContain(r.error.kind);
    expect(r.error.message.length).toBeGreaterThan(20);
    if (r.error.line !== undefined) expect(r.error.line).toBeGreaterThanOrEqual(1);
  }
}

const linkOfText = (text: string) => `#s=1${encodeBase64Url(deflateSync(strToU8(text), { level: 9 }))}`;

/** One edit of a string: flip a character, cut the end, add to it, or delete/insert a run. */
const edit = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), char: fc.constantFrom(..."AZaz09-_=*%/+ é\n") }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("append" as const), text: fc.string({ maxLength: 20 }) }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.string({ unit: fc.constantFrom(..."ABCabc019-_"), maxLength: 8 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(s: string, e: Edit): string {
  const at = s.length === 0 ? 0 : e.op === "append" ? 0 : e.at % (s.length + 1);
  switch (e.op) {
    case "flip":
      return s.slice(0, at) + e.char + s.slice(at + 1);
    case "truncate":
      return s.slice(0, at);
    case "append":
      return s + e.text;
    case "delete":
      return s.slice(0, at) + s.slice(at + e.length);
    case "insert":
      return s.slice(0, at) + e.text + s.slice(at);
  }
}

/** A JSON value with one of its fields (at any depth) replaced by another JSON value, or removed. */
function mutateJson(value: unknown, pathPick: number, replacement: unknown, remove: boolean): unknown {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(value, []);
  const path = paths[pathPick % paths.length]!;
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove && !Array.isArray(parent)) delete parent[last];
  else if (remove && Array.isArray(parent)) parent.splice(Number(last), 1);
  else parent[last] = replacement;
  return copy;
}

describe("decodeShareLink never throws", () => {
  it("on random text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => expectSound(() => decodeShareLink(s))), runs(1500));
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => expectSound(() => decodeShareLink(`#s=1${s}`))), runs(1500));
  });

  it("on random bytes behind a valid header", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom("1", "2", "z", "0", "~"), (bytes, version) =>
        expectSound(() => decodeShareLink(`#s=${version}${encodeBase64Url(bytes)}`)),
      ),
      runs(2000),
    );
  });

  it("on valid links with characters flipped, cut, added or removed", () => {
    fc.assert(
      fc.property(fc.nat(links.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), (i, edits) =>
        expectSound(() => decodeShareLink(edits.reduce(applyEdit, links[i]!))),
      ),
      runs(2000),
    );
  });

  it("on compressed random JSON", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => expectSound(() => decodeShareLink(linkOfText(JSON.stringify(v) ?? "null")))), runs(700));
  });

  it("on compressed documents with one field replaced or removed", () => {
    fc.assert(
      fc.property(fc.nat(minimisedJson.length - 1), fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), (i, pick, replacement, remove) => {
        const mutated = mutateJson(JSON.parse(minimisedJson[i]!), pick, replacement, remove);
        expectSound(() => decodeShareLink(linkOfText(JSON.stringify(mutated) ?? "null")));
      }),
      runs(1000),
    );
  });

  it("on compressed text that is nearly JSON", () => {
    fc.assert(
      fc.property(fc.nat(minimisedJson.length - 1), fc.array(edit, { minLength: 1, maxLength: 3 }), (i, edits) =>
        expectSound(() => decodeShareLink(linkOfText(edits.reduce(applyEdit, minimisedJson[i]!)))),
      ),
      runs(1000),
    );
  });
});

describe("minimising keeps the document", () => {
  // Replacement values taken from the templates themselves keep many mutants valid documents.
  const pool: unknown[] = [];
  const collect = (v: unknown) => {
    pool.push(v);
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === "object") Object.values(v).forEach(collect);
  };
  minimisedJson.forEach((j) => collect(JSON.parse(j)));

  it("parseDocument(minimise(doc)) is doc, for valid variations of the templates", () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.nat(minimisedJson.length - 1), fc.nat(), fc.constantFrom(...pool), fc.boolean(), (i, pick, replacement, remove) => {
        const r = parseDocument(mutateJson(JSON.parse(minimisedJson[i]!), pick, replacement, remove));
        if (!r.ok) return;
        valid++;
        expect(parseDocument(minimiseDocument(r.document))).toEqual({ ok: true, document: roundLayout(r.document) });
      }),
      runs(1500),
    );
    expect(valid).toBeGreaterThan(100);
  });
});

describe("importDocumentText never throws", () => {
  it("on random text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => expectSoundImport(() => importDocumentText(s))), runs(1500));
  });

  it("on random JSON", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => expectSoundImport(() => importDocumentText(JSON.stringify(v) ?? "null"))), runs(1000));
  });

  it("on documents with characters edited", () => {
    fc.assert(
      fc.property(fc.nat(minimisedJson.length - 1), fc.array(edit, { minLength: 1, maxLength: 3 }), (i, edits) =>
        expectSoundImport(() => importDocumentText(edits.reduce(applyEdit, minimisedJson[i]!))),
      ),
      runs(1500),
    );
  });

  it("on documents with one field replaced or removed", () => {
    fc.assert(
      fc.property(fc.nat(minimisedJson.length - 1), fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), (i, pick, replacement, remove) => {
        const mutated = mutateJson(JSON.parse(minimisedJson[i]!), pick, replacement, remove);
        expectSoundImport(() => importDocumentText(JSON.stringify(mutated, null, 2) ?? "null"));
      }),
      runs(1000),
    );
  });
});
