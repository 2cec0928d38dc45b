/**
 * `npm run bench`: times analyze() on generated documents of 10, 100 and 1,000 hosts × 50
 * containers for four backends, and prints one JSON line per case, then the growth ratios.
 *
 *   ms                 analyze(input): validation (zod) + analysis, what the app and the CLI pay
 *                      (median per call; minMs is the fastest batch, steadier on a busy machine)
 *   gcMs               of ms, the time V8 spent in garbage-collection pauses (median per call)
 *   analyzeDocumentMs  analyzeDocument(doc) on an already-validated document: the analysis alone
 *   validateMs         parseDocument(input) alone
 *   heapMB             heap held by one report (measured with --expose-gc; null without it)
 *
 * The last case, "v8-floor", builds only the containers' report objects (allocation-floor.ts):
 * its growth between sizes is what V8 itself does with that many objects on this machine.
 *
 * Options: --case NAME (repeatable), --hosts 10,100 (sizes), --containers 50, --runs 7.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { analyze, analyzeDocument } from "../src/model/analyze.ts";
import { parseDocument } from "../src/model/document.ts";
import { type GenerateOptions, generateDocument } from "../src/model/testing/generate.ts";
import { buildContainerObjects } from "./allocation-floor.ts";

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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

let gcPause = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPause += e.duration;
}).observe({ entryTypes: ["gc"] });

/**
 * Median time per call of fn over `runs` measured batches after a warm-up. A quick case runs in
 * batches of k calls (k chosen so a batch takes ≥ 50 ms) and reports batch time / k: a 2 ms call
 * is otherwise at the mercy of whether a scavenge lands inside it, and its median jumps 2 → 10 ms
 * from one run of the bench to the next. A batch pays its share of collections, no more.
 * gcMs is the mean over the measured calls: V8 reports pauses asynchronously, after a timer.
 */
async function time(fn: () => unknown): Promise<{ ms: number; minMs: number; gcMs: number; runs: number }> {
  const t0 = performance.now();
  fn();
  const first = performance.now() - t0;
  const slow = first > 1000;
  for (let i = 1; i < (slow ? 1 : 3); i++) fn();
  const k = Math.max(1, Math.ceil(50 / Math.max(first, 0.01)));
  const times: number[] = [];
  await settle();
  const gcBefore = gcPause;
  for (let i = 0; i < (slow ? Math.min(3, runs) : runs); i++) {
    const start = performance.now();
    for (let j = 0; j < k; j++) fn();
    times.push((performance.now() - start) / k);
  }
  await settle();
  return { ms: median(times), minMs: Math.min(...times), gcMs: (gcPause - gcBefore) / (times.length * k), runs: times.length };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

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
  const perSize = new Map<number, number>();
  byCase.set(c.name, perSize);
  for (const hosts of sizes) {
    const input = generateDocument({ hosts, containersPerHost, backend: c.backend, orchestrator: c.orchestrator });
    const parsed = parseDocument(input);
    if (!parsed.ok) throw new Error(`${c.name}: the generated document is invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
    const doc = parsed.document;
    const total = await time(() => analyze(input));
    const analysis = await time(() => analyzeDocument(doc));
    const validation = await time(() => parseDocument(input));
    const sample = analyzeDocument(doc);
    const errors = sample.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
    perSize.set(hosts, total.ms);
    console.log(JSON.stringify({
      case: c.name, hosts, containers: hosts * containersPerHost,
      ms: round(total.ms), runs: total.runs, minMs: round(total.minMs), gcMs: round(total.gcMs),
      analyzeDocumentMs: round(analysis.ms), validateMs: round(validation.ms),
      heapMB: heapHeldBy(() => analyzeDocument(doc)),
      routes: sample.hosts.reduce((n, h) => n + h.routes.length, 0),
      ...(errors.length > 0 ? { errorDiagnostics: [...new Set(errors)] } : {}),
    }));
  }
}

if (!values.case) {
  const perSize = new Map<number, number>();
  byCase.set("v8-floor", perSize);
  for (const hosts of sizes) {
    const n = hosts * containersPerHost;
    const t = await time(() => buildContainerObjects(n, containersPerHost));
    perSize.set(hosts, t.ms);
    console.log(JSON.stringify({ case: "v8-floor", hosts, containers: n, ms: round(t.ms), runs: t.runs, minMs: round(t.minMs), gcMs: round(t.gcMs), heapMB: heapHeldBy(() => buildContainerObjects(n, containersPerHost)) }));
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
