/**
 * `npm run bench`: times analyze() on generated documents of 10, 100 and 1,000 hosts × 50
 * containers for four backends, and prints one JSON line per case, then the growth ratios.
 *
 *   ms                 analyze(input): validation (zod) + analysis, what the app and the CLI pay
 *                      (median; minMs is the fastest run, steadier on a busy machine)
 *   analyzeDocumentMs  analyzeDocument(doc) on an already-validated document: the analysis alone
 *   validateMs         parseDocument(input) alone
 *   heapMB             heap held by one report (measured with --expose-gc; null without it)
 *
 * Options: --case NAME (repeatable), --hosts 10,100 (sizes), --containers 50, --runs 7.
 * A backend still on the placeholder is marked "placeholder": true; its figures mean nothing yet.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { analyze, analyzeDocument } from "../src/model/analyze.ts";
import { parseDocument } from "../src/model/document.ts";
import { type GenerateOptions, generateDocument } from "../src/model/testing/generate.ts";

interface BenchCase {
  name: string;
  backend: GenerateOptions["backend"];
  orchestrator: GenerateOptions["orchestrator"];
}

// Pools are widened where the default cannot hold 1,000 hosts × 50 containers.
const CASES: BenchCase[] = [
  // 10.244.0.0/16 holds 256 /24s; 10.0.0.0/12 holds 4,096 and stays clear of the service range 10.96.0.0/12.
  { name: "flannel-vxlan", backend: { type: "flannel", mode: "vxlan", network: "10.0.0.0/12" }, orchestrator: "kubernetes" },
  // The default 192.168.0.0/16 holds 1,024 /26 blocks of 64: one per host, 50 containers each.
  { name: "calico-ipip", backend: { type: "calico", mode: "ipip" }, orchestrator: "kubernetes" },
  // The default 10.32.0.0/12 holds a million addresses.
  { name: "weave", backend: { type: "weave", mode: "fastdp" }, orchestrator: "kubernetes" },
  // One overlay subnet spans every host: a /16 holds 65,534 containers.
  { name: "docker-overlay", backend: { type: "docker-overlay", mode: "swarm", subnet: "10.1.0.0/16" }, orchestrator: "swarm" },
];

const { values } = parseArgs({
  options: {
    case: { type: "string", multiple: true },
    hosts: { type: "string", default: "10,100,1000" },
    containers: { type: "string", default: "50" },
    runs: { type: "string", default: "7" },
  },
});
const sizes = values.hosts.split(",").map(Number);
const containersPerHost = Number(values.containers);
const runs = Number(values.runs);
const gc = (globalThis as { gc?: () => void }).gc;

function isPlaceholder(type: string): boolean {
  const file = new URL(`../src/model/backends/${type}/index.ts`, import.meta.url);
  return existsSync(file) && readFileSync(file, "utf8").includes("placeholderAnalysis");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median time of fn over `measured` runs after `warmup` runs; fewer of both when one run takes seconds. */
function time(fn: () => unknown): { ms: number; minMs: number; runs: number } {
  const t0 = performance.now();
  fn();
  const first = performance.now() - t0;
  const slow = first > 1000;
  for (let i = 1; i < (slow ? 1 : 3); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < (slow ? Math.min(3, runs) : runs); i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), minMs: Math.min(...times), runs: times.length };
}

function heapHeldBy(make: () => unknown): number | null {
  if (!gc) return null;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = make();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept === undefined) return null;
  return Math.round(((after - before) / 2 ** 20) * 10) / 10;
}

const round = (x: number) => Math.round(x * 10) / 10;
const selected = values.case ? CASES.filter((c) => values.case?.includes(c.name)) : CASES;
if (selected.length === 0) throw new Error(`no such case; cases: ${CASES.map((c) => c.name).join(", ")}`);

const byCase = new Map<string, Map<number, number>>();
for (const c of selected) {
  const placeholder = isPlaceholder(c.backend.type);
  const perSize = new Map<number, number>();
  byCase.set(c.name, perSize);
  for (const hosts of sizes) {
    const input = generateDocument({ hosts, containersPerHost, backend: c.backend, orchestrator: c.orchestrator });
    const parsed = parseDocument(input);
    if (!parsed.ok) throw new Error(`${c.name}: the generated document is invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
    const doc = parsed.document;
    const total = time(() => analyze(input));
    const analysis = time(() => analyzeDocument(doc));
    const validation = time(() => parseDocument(input));
    const sample = analyzeDocument(doc);
    const errors = sample.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
    perSize.set(hosts, total.ms);
    console.log(JSON.stringify({
      case: c.name, hosts, containers: hosts * containersPerHost,
      ms: round(total.ms), runs: total.runs, minMs: round(total.minMs),
      analyzeDocumentMs: round(analysis.ms), validateMs: round(validation.ms),
      heapMB: heapHeldBy(() => analyzeDocument(doc)),
      routes: sample.hosts.reduce((n, h) => n + h.routes.length, 0),
      ...(errors.length > 0 ? { errorDiagnostics: [...new Set(errors)] } : {}),
      ...(placeholder ? { placeholder: true } : {}),
    }));
  }
}

for (const [name, perSize] of byCase) {
  const ratio = (a: number, b: number) => {
    const x = perSize.get(a);
    const y = perSize.get(b);
    return x !== undefined && y !== undefined && y > 0 ? round(x / y) : null;
  };
  console.log(JSON.stringify({ case: name, ratio_100_10: ratio(100, 10), ratio_1000_100: ratio(1000, 100) }));
}
