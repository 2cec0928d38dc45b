/**
 * The lab on a real kernel: builds each design of lab-scenarios.ts and every template of
 * public/scenarios/ in network namespaces, one at a time, and asserts that the kernel agrees with
 * the model (routes and flows), or differs exactly as the scenario's known issue says. A design
 * that needs a device kind this kernel lacks (or a daemon or keys the lab never fakes) is skipped
 * with the script's reason. The whole suite is skipped, with the reason printed, when not root, when
 * a network namespace cannot be made, or when jq is missing. afterAll checks that no namespace of these runs is left.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyze } from "../model/analyze.ts";
import { type KnownIssue, LAB_SCENARIOS, TEMPLATE_KNOWN_ISSUES } from "./lab-scenarios.ts";
import { LAB_EXIT, labScript } from "./lab-script.ts";

const SCENARIO_DIR = new URL("../../public/scenarios/", import.meta.url);

function labUnavailable(): string | undefined {
  if (process.platform !== "linux") return "not Linux";
  if (process.getuid?.() !== 0) return "not root (network namespaces need root)";
  // Root in a container may still lack CAP_NET_ADMIN or a writable /run/netns: try one namespace.
  const name = `tl-${process.pid}-check`;
  const add = spawnSync("ip", ["netns", "add", name], { encoding: "utf8" });
  if (add.error || add.status !== 0) return `\`ip netns add\` does not work here (${add.error?.message ?? add.stderr.trim()})`;
  spawnSync("ip", ["netns", "del", name]);
  const jq = spawnSync("jq", ["--version"]);
  if (jq.error || jq.status !== 0) return "jq is not installed (the lab compares routes with it)";
  return undefined;
}

const unavailable = labUnavailable();
if (unavailable) console.warn(`lab.run.test.ts: skipped: ${unavailable}`);

const TMP = mkdtempSync(join(tmpdir(), "topolab-lab-run-"));
const pids: number[] = [];
let kernelReported = false;

afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  if (unavailable) return;
  const left = spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout.split("\n").filter((l) => pids.some((p) => l.startsWith(`tl-${p}-`)));
  expect(left, "namespaces left behind by the lab").toEqual([]);
});

interface LabRun {
  code: number | null;
  lines: string[];
  stdout: string;
}

function runLab(name: string, document: unknown): LabRun {
  const r = analyze(document);
  if (!r.ok) throw new Error(`${name}: invalid document: ${JSON.stringify(r.errors)}`);
  const path = join(TMP, "lab.sh");
  writeFileSync(path, labScript(r.document, r.report, { timeoutSeconds: 60 }));
  const run = spawnSync("bash", [path], { encoding: "utf8", timeout: 90_000, killSignal: "SIGTERM" });
  if (run.pid) pids.push(run.pid);
  const lines = run.stdout.split("\n").filter((l) => l.trim() !== "");
  if (!kernelReported) {
    const kernel = lines.find((l) => l.startsWith('{"kernel"'));
    if (kernel) { console.info(`lab kernel support: ${kernel}`); kernelReported = true; }
  }
  return { code: run.status, lines, stdout: `${run.stdout}${run.stderr}` };
}

/** What a run found: its differences, or why it was skipped. */
function verdict(run: LabRun) {
  const parsed = run.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    skips: parsed.filter((p) => "skip" in p).map((p) => `${String(p.skip)}: ${String(p.reason)}`),
    setupErrors: run.lines.filter((l) => l.startsWith('{"setup_error"')),
    differences: run.lines.filter((l) => l.startsWith('{"routes"') || (l.startsWith('{"flow"') && l.includes('"agree":false'))),
    summary: parsed.find((p) => "summary" in p),
  };
}

function expectAgreement(name: string, run: LabRun, known: KnownIssue | undefined, skip: (note: string) => void): void {
  const v = verdict(run);
  if (run.code === LAB_EXIT.skipped) {
    console.info(`lab skipped "${name}": ${v.skips.join("; ")}`);
    skip(v.skips.join("; "));
    return;
  }
  expect(v.setupErrors, run.stdout).toEqual([]);
  expect(v.differences, run.stdout).toEqual(known?.differences ?? []);
  expect(run.code, run.stdout).toBe(known?.differences ? LAB_EXIT.disagree : LAB_EXIT.agree);
  expect(v.summary, run.stdout).toBeDefined();
}

describe.skipIf(unavailable !== undefined)("the lab on this kernel", () => {
  for (const scenario of LAB_SCENARIOS) {
    it(scenario.name, (ctx) => {
      expectAgreement(scenario.name, runLab(scenario.name, scenario.document), scenario.known, (note) => ctx.skip(note));
    }, 100_000);
  }
});

interface TemplateIndex { templates: { file: string; title: string }[] }

function templates(): TemplateIndex["templates"] {
  try {
    return (JSON.parse(readFileSync(new URL("index.json", SCENARIO_DIR), "utf8")) as TemplateIndex).templates;
  } catch {
    return [];
  }
}

describe.skipIf(unavailable !== undefined)("the templates on this kernel", () => {
  for (const t of templates()) {
    it(`${t.file} (${t.title})`, (ctx) => {
      const document: unknown = JSON.parse(readFileSync(new URL(t.file, SCENARIO_DIR), "utf8"));
      expectAgreement(t.file, runLab(t.file, document), TEMPLATE_KNOWN_ISSUES[t.file], (note) => ctx.skip(note));
    }, 100_000);
  }
});
