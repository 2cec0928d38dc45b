/**
 * `npm run bench:links`: how long a share link is for every template in public/scenarios/ and for
 * generated documents of 50 hosts, against what the naive encoding would give. One JSON line per case:
 *
 *   descriptionChars   the description's length: prose compresses least, and templates carry a paragraph
 *   fullJsonBytes      JSON.stringify of the document with every default filled in (what parseDocument returns)
 *   fullGzipBytes      that JSON gzipped at level 9: the naive baseline
 *   naiveLinkChars     "#s=1" + base64url of the naive gzip: the link without minimising
 *   minimisedJsonBytes the JSON a link carries (minimise.ts: no defaults, no derivable values)
 *   deflateBytes       that JSON in raw DEFLATE, level 9
 *   linkChars          the fragment's length, "#s=1…" included: what the address bar holds
 *   vsNaive            linkChars / naiveLinkChars
 *   encodeMs/decodeMs  median time to encode the link / decode and validate it
 *
 * Options: --runs 9 (timing repetitions).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { deflateSync, gzipSync, strToU8 } from "fflate";
import { computeLayout } from "../src/canvas/layout.ts";
import { encodeBase64Url } from "../src/io/base64url.ts";
import { decodeShareLink, encodeShareLink, shareLinkJson } from "../src/io/share-link.ts";
import { type Document, parseDocument } from "../src/model/document.ts";
import { generateDocument } from "../src/model/testing/generate.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "9" } } });
const runs = Number(values.runs);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function time(f: () => unknown): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  return Math.round(median(ms) * 100) / 100;
}

function parsed(input: unknown, what: string): Document {
  const r = parseDocument(input);
  if (!r.ok) throw new Error(`${what}: ${r.errors[0]?.path}: ${r.errors[0]?.message}`);
  return r.document;
}

/** The document with a layout entry for every object, as the canvas would store after a user arranges it. */
function withFullLayout(doc: Document): Document {
  const layout: Document["layout"] = {};
  for (const [id, box] of computeLayout(doc).boxes) layout[id] = { x: box.x, y: box.y };
  return { ...doc, layout };
}

function measure(name: string, doc: Document, extra: Record<string, unknown> = {}) {
  const full = JSON.stringify(doc);
  const gzip = gzipSync(strToU8(full), { level: 9 });
  const minimised = shareLinkJson(doc);
  const deflated = deflateSync(strToU8(minimised), { level: 9 });
  const link = encodeShareLink(doc);
  const back = decodeShareLink(link);
  if (!back.ok) throw new Error(`${name}: the link does not decode: ${back.error.message}`);
  const naiveLinkChars = 4 + encodeBase64Url(gzip).length;
  console.log(JSON.stringify({
    case: name,
    ...extra,
    hosts: doc.hosts.length,
    containers: doc.containers.length,
    descriptionChars: doc.description?.length ?? 0,
    fullJsonBytes: full.length,
    fullGzipBytes: gzip.length,
    naiveLinkChars,
    minimisedJsonBytes: minimised.length,
    deflateBytes: deflated.length,
    linkChars: link.length,
    vsNaive: Math.round((link.length / naiveLinkChars) * 100) / 100,
    encodeMs: time(() => encodeShareLink(doc)),
    decodeMs: time(() => decodeShareLink(link)),
  }));
}

const dir = new URL("../public/scenarios/", import.meta.url);
const index = JSON.parse(readFileSync(new URL("index.json", dir), "utf8")) as { templates: { id: string; file: string }[] };
for (const t of index.templates) {
  measure(`template:${t.id}`, parsed(JSON.parse(readFileSync(new URL(t.file, dir), "utf8")), t.file));
}

const generated = parsed(generateDocument({ hosts: 50, containersPerHost: 2, backend: { type: "flannel", mode: "vxlan" }, underlays: 2, flows: 20 }), "generated");
measure("generated:50-hosts", generated, { layout: "none" });
measure("generated:50-hosts", withFullLayout(generated), { layout: "every node" });
const pinned = { ...generated, hosts: generated.hosts.map((h, i) => ({ ...h, kernel: i % 2 ? "5.15" : "6.8", ip: `172.16.${i < 25 ? 0 : 1}.${10 + (i % 25)}` })) };
measure("generated:50-hosts", withFullLayout(parsed(pinned, "pinned")), { layout: "every node", pinned: "host ips, kernels" });
