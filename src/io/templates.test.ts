/**
 * Every template in public/scenarios/ loads, parses and analyses cleanly: no error diagnostic but
 * the ones its index entry names (and those must show), every flow reachable unless the entry says
 * otherwise, and index and files match one to one.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../model/analyze.ts";
import { type Document } from "../model/document.ts";
import { decodeShareLink, encodeShareLink } from "./share-link.ts";
import { roundLayout } from "./minimise.ts";
import { parseTemplate, parseTemplateIndex } from "./templates.ts";

const DIR = join(import.meta.dirname, "..", "..", "public", "scenarios");
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(DIR, file), "utf8"));

const indexResult = parseTemplateIndex(readJson("index.json"));
if (!indexResult.ok) throw new Error(indexResult.message);
const { templates } = indexResult.index;

function load(file: string): Document {
  const entry = templates.find((t) => t.file === file)!;
  const r = parseTemplate(entry, readJson(file));
  if (!r.ok) throw new Error(r.message);
  return r.document;
}

describe("the template index", () => {
  it("lists every file, and every file it lists exists", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".json") && f !== "index.json").sort();
    expect(templates.map((t) => t.file).sort()).toEqual(files);
  });

  it("has unique ids, each the file's name", () => {
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
    for (const t of templates) expect(t.file).toBe(`${t.id}.json`);
  });

  it("covers every backend", () => {
    const backends = new Set(templates.map((t) => t.backend));
    for (const b of ["bridge", "flannel", "calico", "weave", "docker-overlay", "ovs", "openvpn", "ipvlan", "macvlan"]) expect(backends).toContain(b);
  });
});

describe.each(templates.map((t) => [t.id, t] as const))("template %s", (_id, entry) => {
  const doc = load(entry.file);
  const report = analyzeDocument(doc);

  it("is a named, described document whose backend and mode match its index entry", () => {
    expect(doc.name).not.toBe("Untitled topology");
    expect(doc.description?.length ?? 0).toBeGreaterThan(200);
    const cluster = doc.clusters[0]!;
    expect(cluster.backend.type).toBe(entry.backend);
    expect(cluster.backend.mode).toBe(entry.mode);
  });

  it("shows exactly the error diagnostics its entry names", () => {
    const errors = [...new Set(report.diagnostics.filter((d) => d.severity === "error").map((d) => d.code))].sort();
    expect(errors).toEqual([...entry.expectedDiagnostics].sort());
  });

  it("has flows, all reachable unless its entry says otherwise", () => {
    expect(report.flows.length).toBeGreaterThan(0);
    const unreachable = report.flows.filter((f) => !f.reachable).map((f) => `${f.id}: ${f.reason ?? ""}`);
    expect(unreachable.map((u) => u.split(":")[0]).sort()).toEqual([...entry.expectedUnreachable].sort());
  });

  it("places every object on the canvas", () => {
    const ids = [doc.underlays, doc.routers, doc.clusters, doc.hosts, doc.containers, doc.externals].flat().map((o) => o.id);
    expect(Object.keys(doc.layout).sort()).toEqual([...ids].sort());
    for (const p of Object.values(doc.layout)) {
      expect(Number.isInteger(p.x) && Number.isInteger(p.y)).toBe(true);
    }
  });

  it("survives a share link unchanged", () => {
    const back = decodeShareLink(encodeShareLink(doc));
    expect(back).toEqual({ ok: true, document: roundLayout(doc) });
  });
});
