/**
 * `npm run bench:canvas`: how smooth the canvas editor is at size, on the production build.
 *
 * It builds the app with TOPOLAB_BENCH=1 (which adds the bare React Flow page, bench/canvas/bare.html,
 * as a second entry) into node_modules/.tmp/bench-canvas, serves it with `vite preview` on a free
 * port, and drives the system Chromium (e2e/chromium.ts) with Playwright. For each size it loads
 * the same generated document into Topolab (through the autosave slot in localStorage) and into
 * the bare page (the same node ids, parents, positions and sizes, default node types), then drags
 * a container in a small circle, one mouse move per animation frame, and records every frame
 * (requestAnimationFrame + performance.now()). One JSON line per case:
 *
 *   bundle   initial JS and CSS of index.html, gzipped (zlib, level 9), against the goals
 *   drag     per page and size: fps (frames / duration) and p95 frame time, medians over the runs;
 *            loadMs, from navigation until the dragged node is on screen (one sample: indicative)
 *            and cpuMsPerFrame: the renderer main thread's CPU (thread) time per frame, from a
 *            Chrome trace (main-thread.ts), with its parts (script, style, layout, paint,
 *            layerization; nested, so they overlap). Far steadier than fps on a busy machine.
 *   ratio    Topolab / bare per size (goal: fps ratio ≥ 0.9 and p95 ratio ≤ 1.1; cpuRatio for diagnosis)
 *   move-without-analysis  a drop that moves a node posts nothing to the analysis worker
 *   typing   keypress → next frame in the inspector's Name field, and Enter (commit) → next frame
 *
 * Each line carries the 1-minute load average: on a shared machine, compare figures taken at
 * similar loads, and prefer the ratio, which both pages share.
 *
 * Options: --sizes 100,500,1000  --runs 5  --steps 60  --typing-size 500  --keys 30
 *          --no-build (reuse the last bench build)  --breakdown (largest modules of the initial JS)
 *          --bundle-only (build and print the bundle sizes, nothing in the browser)
 *          --out-dir DIR (build into / serve from DIR instead: keep two builds to compare)
 *          --long-frames (print, per drag, which frames took over 20 ms)
 */
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { type Browser, type Page, chromium } from "@playwright/test";
import { type Plugin, build, preview } from "vite";
import { chromiumLaunchOptions } from "../../e2e/chromium.ts";
import type { BenchGraph } from "./bench-graph.ts";
import { type Case, bareGraph, makeCase } from "./cases.ts";
import { startMainThreadTrace } from "./main-thread.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,500,1000" },
    runs: { type: "string", default: "5" },
    steps: { type: "string", default: "60" },
    "typing-size": { type: "string", default: "500" },
    keys: { type: "string", default: "30" },
    "no-build": { type: "boolean", default: false },
    breakdown: { type: "boolean", default: false },
    "bundle-only": { type: "boolean", default: false },
    "out-dir": { type: "string" },
    "long-frames": { type: "boolean", default: false },
  },
});
const SIZES = values.sizes.split(",").map(Number);
const RUNS = Number(values.runs);
const STEPS = Number(values.steps);
const TYPING_SIZE = Number(values["typing-size"]);
const KEYS = Number(values.keys);

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OUT_DIR = values["out-dir"] ?? `${ROOT}node_modules/.tmp/bench-canvas`;
const VIEWPORT = { width: 1440, height: 900 };
/** Circle radius of the drag, in screen pixels. */
const DRAG_RADIUS = 40;
const GOALS = { jsGzipKB: 250, cssGzipKB: 30, ratio: 0.1 };

const load1 = () => Number(loadavg()[0]!.toFixed(2));
const print = (line: Record<string, unknown>) => console.log(JSON.stringify({ bench: "canvas", ...line, load1: load1() }));
const note = (text: string) => console.error(`[bench:canvas] ${text}`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

// ——— Build, sizes, server ———

/** Per chunk, each module's code as the bundler emitted it, gzipped on its own (the build's chunk report). */
const chunkModules = new Map<string, Map<string, number>>();
const breakdownPlugin: Plugin = {
  name: "topolab-bench-breakdown",
  apply: "build",
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== "chunk") continue;
      chunkModules.set(chunk.fileName, new Map(Object.entries(chunk.modules).map(([id, m]) => [id, m.code ? gzipSync(m.code).length : 0])));
    }
  },
};

async function buildBench() {
  process.env.TOPOLAB_BENCH = "1";
  await build({ root: ROOT, mode: "production", logLevel: "warn", plugins: [breakdownPlugin], build: { outDir: OUT_DIR, emptyOutDir: true } });
}

const gzipKB = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

/** What index.html loads before anything is lazy: its module script, its modulepreloads, its stylesheets. */
function reportSizes() {
  const html = readFileSync(`${OUT_DIR}/index.html`, "utf8");
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  const js = initial.filter((f) => f.endsWith(".js"));
  const css = initial.filter((f) => f.endsWith(".css"));
  const all = readdirSync(`${OUT_DIR}/assets`).map((f) => `assets/${f}`);
  const lazy = all.filter((f) => f.endsWith(".js") && !initial.includes(f) && !f.includes("bare"));
  const sum = (files: string[]) => round(files.reduce((n, f) => n + gzipKB(`${OUT_DIR}/${f}`), 0));
  const jsKB = sum(js);
  const cssKB = sum(css);
  print({
    case: "bundle",
    initialJsGzipKB: jsKB,
    initialCssGzipKB: cssKB,
    goalJsGzipKB: GOALS.jsGzipKB,
    goalCssGzipKB: GOALS.cssGzipKB,
    withinGoal: jsKB <= GOALS.jsGzipKB && cssKB <= GOALS.cssGzipKB,
    initialFiles: Object.fromEntries(initial.map((f) => [f, round(gzipKB(`${OUT_DIR}/${f}`))])),
    lazyFiles: Object.fromEntries(lazy.map((f) => [f, round(gzipKB(`${OUT_DIR}/${f}`))])),
  });
  if (values.breakdown) printBreakdown(js);
}

/**
 * The largest packages and source folders of the initial JS, each module gzipped alone: more than
 * its share of the whole file gzipped, but the order is what tells where the bytes are.
 */
function printBreakdown(initialJs: string[]) {
  if (chunkModules.size === 0) return note("--breakdown needs a build (drop --no-build)");
  const groups = new Map<string, number>();
  for (const file of initialJs) {
    for (const [id, bytes] of chunkModules.get(file) ?? []) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1];
      const group = pkg ?? (id.startsWith(ROOT) ? id.slice(ROOT.length).split("/").slice(0, 3).join("/") : id);
      groups.set(group, (groups.get(group) ?? 0) + bytes);
    }
  }
  const top = [...groups].sort((a, b) => b[1] - a[1]).slice(0, 25);
  print({ case: "bundle-breakdown", gzipKBEach: Object.fromEntries(top.map(([g, b]) => [g, round(b / 1024)])) });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// ——— In the page ———

/**
 * Installed before any page script: a frame recorder (rAF + performance.now), a long-task counter,
 * a keydown → next-frame timer and a count of messages posted to workers. Plain JavaScript in a
 * string: tsx would wrap a serialised function's inner functions in a helper (__name) the page lacks.
 */
const RECORDER = `(() => {
  const state = { frames: [], running: false, longTasks: [], latencies: [], workerMessages: 0 };
  // Every request to a worker (Topolab's analysis runs in one) is counted.
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (...args) {
    state.workerMessages += 1;
    return post.apply(this, args);
  };
  try {
    new PerformanceObserver((list) => {
      if (state.running) for (const e of list.getEntries()) state.longTasks.push(e.duration);
    }).observe({ type: "longtask" });
  } catch {}
  // keydown → the frame after it: rAF, then a message, which runs once that frame is out.
  window.addEventListener("keydown", (event) => {
    const t0 = event.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => state.latencies.push(performance.now() - t0);
      channel.port2.postMessage(0);
    });
  }, true);
  window.__bench = {
    start() {
      state.frames = [];
      state.longTasks = [];
      state.running = true;
      const loop = () => {
        if (!state.running) return;
        state.frames.push(performance.now());
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    },
    stop() {
      state.running = false;
      return { frames: state.frames, longTasks: state.longTasks };
    },
    workerMessages() {
      return state.workerMessages;
    },
    takeLatencies() {
      const out = state.latencies;
      state.latencies = [];
      return out;
    },
  };
})();`;

const nextFrame = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
const settle = async (page: Page, ms = 300) => {
  await page.waitForTimeout(ms);
  for (let i = 0; i < 3; i++) await nextFrame(page);
};

interface DragRun {
  fps: number;
  p95: number;
  frames: number;
  longTaskMs: number;
  /** Renderer main-thread CPU per frame (thread time), and its parts. */
  cpuMsPerFrame: number;
  partsMsPerFrame: Record<string, number>;
  dragged: boolean;
}

/** Mouse down on the node, STEPS moves around a circle (one per frame), mouse up; the frames in between. */
async function drag(page: Page, id: string): Promise<DragRun> {
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  const box = await node.boundingBox();
  if (!box) throw new Error(`node ${id} is not on screen`);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await settle(page, 100);
  const stopTrace = await startMainThreadTrace(page);
  await page.evaluate(() => (window as unknown as { __bench: { start(): void } }).__bench.start());
  await page.mouse.down();
  let dragged = false;
  for (let i = 1; i <= STEPS; i++) {
    const a = (2 * Math.PI * i) / STEPS;
    await page.mouse.move(cx + DRAG_RADIUS * Math.sin(a), cy + DRAG_RADIUS * (1 - Math.cos(a)));
    await nextFrame(page);
    if (i === Math.floor(STEPS / 2)) dragged = await node.evaluate((el) => el.classList.contains("dragging"));
  }
  await page.mouse.up();
  await nextFrame(page);
  await nextFrame(page);
  const { frames, longTasks } = await page.evaluate(() => (window as unknown as { __bench: { stop(): { frames: number[]; longTasks: number[] } } }).__bench.stop());
  const cpu = await stopTrace();
  const deltas = frames.slice(1).map((t, i) => t - frames[i]!);
  if (values["long-frames"]) note(`${id}: frames over 20 ms (index, ms): ${JSON.stringify(deltas.map((d, i) => [i, Math.round(d)]).filter(([, d]) => d! > 20))} of ${deltas.length}`);
  const duration = (frames.at(-1)! - frames[0]!) / 1000;
  await settle(page);
  return {
    fps: (frames.length - 1) / duration,
    p95: percentile(deltas, 95),
    frames: frames.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
    cpuMsPerFrame: cpu.taskMs / frames.length,
    partsMsPerFrame: Object.fromEntries(Object.entries(cpu.parts).map(([k, v]) => [k, v / frames.length])),
    dragged,
  };
}

/** A page, and how long it took from navigation until the dragged node was on screen. */
interface Opened {
  page: Page;
  loadMs: number;
}

async function openTopolab(browser: Browser, base: string, c: Case): Promise<Opened> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: RECORDER });
  await context.addInitScript((stored: string) => {
    if (sessionStorage.getItem("bench-loaded")) return;
    sessionStorage.setItem("bench-loaded", "1");
    localStorage.clear();
    localStorage.setItem("topolab:document", stored);
  }, JSON.stringify({ state: { document: c.input }, version: 1 }));
  const page = await context.newPage();
  const start = performance.now();
  await page.goto(`${base}/`);
  await page.locator(`.react-flow__node[data-id="${c.dragId}"]`).waitFor({ state: "visible", timeout: 120_000 });
  const loadMs = performance.now() - start;
  await settle(page, 1000);
  return { page, loadMs };
}

async function openBare(browser: Browser, base: string, graph: BenchGraph, dragId: string): Promise<Opened> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: RECORDER });
  await context.addInitScript((g: BenchGraph) => {
    (window as unknown as { __BENCH_GRAPH__: BenchGraph }).__BENCH_GRAPH__ = g;
  }, graph);
  const page = await context.newPage();
  const start = performance.now();
  await page.goto(`${base}/bench/canvas/bare.html`);
  await page.locator(`.react-flow__node[data-id="${dragId}"]`).waitFor({ state: "visible", timeout: 120_000 });
  const loadMs = performance.now() - start;
  await settle(page, 1000);
  return { page, loadMs };
}

function summarise(runs: DragRun[]) {
  const parts = Object.keys(runs[0]?.partsMsPerFrame ?? {});
  return {
    fps: round(median(runs.map((r) => r.fps))),
    p95FrameMs: round(median(runs.map((r) => r.p95))),
    cpuMsPerFrame: round(median(runs.map((r) => r.cpuMsPerFrame)), 2),
    partsMsPerFrame: Object.fromEntries(parts.map((p) => [p, round(median(runs.map((r) => r.partsMsPerFrame[p]!)), 2)])),
    longTaskMs: round(median(runs.map((r) => r.longTaskMs))),
    fpsRuns: runs.map((r) => round(r.fps)),
    p95Runs: runs.map((r) => round(r.p95)),
    dragged: runs.every((r) => r.dragged),
  };
}

async function benchDrag(browser: Browser, base: string, c: Case) {
  const opened = { topolab: await openTopolab(browser, base, c) } as Record<"topolab" | "bare", Opened>;
  const topolab = opened.topolab.page;
  const canvas = await topolab.locator(".react-flow").first().boundingBox();
  if (!canvas) throw new Error("Topolab's canvas is not on screen");
  const rect = { left: canvas.x, top: canvas.y, width: canvas.width, height: canvas.height };
  opened.bare = await openBare(browser, base, bareGraph(c, rect), c.dragId);
  const bare = opened.bare.page;
  const pages = { topolab, bare };
  const runs: Record<keyof typeof pages, DragRun[]> = { topolab: [], bare: [] };
  // One warm-up drag each (JIT, first layout), then alternate which page goes first.
  await drag(topolab, c.dragId);
  await drag(bare, c.dragId);
  for (let r = 0; r < RUNS; r++) {
    const order: (keyof typeof pages)[] = r % 2 === 0 ? ["topolab", "bare"] : ["bare", "topolab"];
    for (const name of order) runs[name].push(await drag(pages[name], c.dragId));
  }
  const results = { topolab: summarise(runs.topolab), bare: summarise(runs.bare) };
  for (const name of ["topolab", "bare"] as const) {
    print({ case: "drag", page: name, nodes: c.nodes, hosts: c.hosts, containersPerHost: c.containersPerHost, runs: RUNS, steps: STEPS, ...results[name], loadMs: round(opened[name].loadMs) });
  }
  const fpsRatio = results.topolab.fps / results.bare.fps;
  const p95Ratio = results.topolab.p95FrameMs / results.bare.p95FrameMs;
  print({
    case: "ratio",
    nodes: c.nodes,
    fpsRatio: round(fpsRatio, 3),
    p95Ratio: round(p95Ratio, 3),
    cpuRatio: round(results.topolab.cpuMsPerFrame / results.bare.cpuMsPerFrame, 2),
    withinGoal: fpsRatio >= 1 - GOALS.ratio && p95Ratio <= 1 + GOALS.ratio,
  });
  await checkMoveWithoutAnalysis(topolab, c);
  await topolab.context().close();
  await bare.context().close();
}

const workerMessages = (page: Page) => page.evaluate(() => (window as unknown as { __bench: { workerMessages(): number } }).__bench.workerMessages());

/** A drop that moves a node is a layout-only edit: it must not send the document to the analysis worker. */
async function checkMoveWithoutAnalysis(page: Page, c: Case) {
  const node = page.locator(`.react-flow__node[data-id="${c.dragId}"]`);
  const before = (await node.boundingBox())!;
  const messages = await workerMessages(page);
  const x = before.x + before.width / 2;
  const y = before.y + before.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(x, y + i * 2);
    await nextFrame(page);
  }
  await page.mouse.up();
  await settle(page, 1000);
  const after = (await node.boundingBox())!;
  print({ case: "move-without-analysis", nodes: c.nodes, moved: Math.abs(after.y - before.y) >= 1, workerMessages: (await workerMessages(page)) - messages });
}

/** Typing in the inspector's Name field of a selected container: keypress → next frame; then Enter (the commit) → next frame. */
async function benchTyping(browser: Browser, base: string, c: Case) {
  const { page } = await openTopolab(browser, base, c);
  await page.locator(`.react-flow__node[data-id="${c.dragId}"]`).click();
  const field = page.getByRole("complementary", { name: "Details" }).getByRole("textbox", { name: "Name", exact: true });
  await field.click();
  await settle(page);
  const take = () => page.evaluate(() => (window as unknown as { __bench: { takeLatencies(): number[] } }).__bench.takeLatencies());
  await take();
  const keys: number[] = [];
  const commits: number[] = [];
  const messages = await workerMessages(page);
  for (let r = 0; r < RUNS; r++) {
    for (let k = 0; k < KEYS / RUNS; k++) {
      await page.keyboard.press(String.fromCharCode(97 + ((r * 7 + k) % 26)));
      await settle(page, 30);
    }
    keys.push(...(await take()));
    await page.keyboard.press("Enter");
    await settle(page, 500); // the report comes back from the worker
    commits.push(...(await take()));
  }
  print({
    case: "typing",
    nodes: c.nodes,
    keys: keys.length,
    keyToFrameMedianMs: round(median(keys)),
    keyToFrameP95Ms: round(percentile(keys, 95)),
    commits: commits.length,
    commitToFrameMedianMs: round(median(commits)),
    commitToFrameMaxMs: round(Math.max(...commits)),
    /** Each commit is an edit the worker analyses: one message each (the counter's own check). */
    workerMessagesForCommits: (await workerMessages(page)) - messages,
  });
  await page.context().close();
}

// ——— Main ———

async function main() {
  if (!values["no-build"]) {
    note("building (vite build, TOPOLAB_BENCH=1) …");
    await buildBench();
  }
  reportSizes();
  if (values["bundle-only"]) return;
  const port = await freePort();
  const server = await preview({ root: ROOT, logLevel: "warn", build: { outDir: OUT_DIR }, preview: { port, strictPort: true, host: "127.0.0.1", open: false } });
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    for (const size of SIZES) {
      const c = makeCase(size);
      note(`${c.nodes} nodes (${c.hosts} hosts × ${c.containersPerHost} containers), dragging ${c.dragId} …`);
      await benchDrag(browser, base, c);
    }
    if (TYPING_SIZE > 0) {
      note(`typing in the inspector at ${TYPING_SIZE} nodes …`);
      await benchTyping(browser, base, makeCase(TYPING_SIZE));
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
