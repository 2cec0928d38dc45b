/**
 * `topolab lab FILE [--run] [--timeout SECONDS]`: prints the bash script that builds the document's
 * network in Linux network namespaces and checks it against the model (src/lab/lab-script.ts), or,
 * with --run, runs it (root only) and passes its exit code on:
 *   0 the kernel agrees with the model (routes and flows), 1 it disagrees, 2 setup failure (not root,
 *   a missing tool, a command that failed, the time bound) or an invalid file, 3 skipped (the
 *   kernel or the lab cannot build what the design needs; the JSON says what and why).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { analyze } from "../../model/analyze.ts";
import { LAB_EXIT, labScript } from "../../lab/lab-script.ts";
import { readJson } from "../read-json.ts";

export interface LabOutput {
  out(text: string): void;
  err(text: string): void;
}

export const LAB_USAGE = `Usage:
  topolab lab FILE [--timeout SECONDS]   print a bash script that builds FILE's network in Linux
                                         network namespaces (tl-<pid>-…) and checks routes and flows
  topolab lab FILE --run [--timeout S]   run that script now (needs root), streaming its JSON lines

The script prints one JSON object per line ({"flow": …}, {"routes": …}, {"summary": …}) and removes
every namespace it made when it ends, Ctrl+C included. --timeout bounds the whole run (default 120 s).

Exit codes (lab): 0 the kernel agrees with the model, 1 it disagrees, 2 setup failure (not root, a
missing tool, a failed command, the time bound) or an invalid file, 3 skipped (this kernel or the lab
cannot build what the design needs).
`;

/** What --run depends on, replaceable in tests. */
export interface LabHost {
  platform: string;
  uid: number | undefined;
  /** Runs the script file and returns its exit code. */
  run(scriptPath: string): number;
}

/** Runs bash on the script with the terminal attached; Ctrl+C reaches bash, whose trap cleans up. */
const runWithBash = (scriptPath: string): number => {
  const ignore = () => {};
  process.on("SIGINT", ignore);
  try {
    const r = spawnSync("bash", [scriptPath], { stdio: "inherit" });
    if (r.error) throw r.error;
    return r.status ?? 128 + 2;
  } finally {
    process.off("SIGINT", ignore);
  }
};

const thisMachine = (): LabHost => ({ platform: process.platform, uid: process.getuid?.(), run: runWithBash });

export function labCommand(argv: readonly string[], io: LabOutput, machine: LabHost = thisMachine()): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    io.err(`topolab lab: ${e instanceof Error ? e.message : String(e)}\n\n${LAB_USAGE}`);
    return LAB_EXIT.setupFailure;
  }
  const { values, positionals } = parsed;
  if (values.help) { io.out(LAB_USAGE); return LAB_EXIT.agree; }
  const [file, ...extra] = positionals;
  if (file === undefined) { io.err(`topolab lab: needs a FILE\n\n${LAB_USAGE}`); return LAB_EXIT.setupFailure; }
  if (extra.length > 0) { io.err(`topolab lab: unexpected argument "${extra[0]}"\n\n${LAB_USAGE}`); return LAB_EXIT.setupFailure; }
  const timeout = values.timeout === undefined ? 120 : Number(values.timeout);
  if (!Number.isInteger(timeout) || timeout < 5 || timeout > 3600) {
    io.err(`topolab lab: --timeout is a whole number of seconds from 5 to 3600, not "${values.timeout}"\n`);
    return LAB_EXIT.setupFailure;
  }

  const input = readJson(file);
  if (!input.ok) { io.err(`${input.error}\n`); return LAB_EXIT.setupFailure; }
  const result = analyze(input.value);
  if (!result.ok) {
    const name = file === "-" ? "(stdin)" : file;
    io.err(`${name}: not a valid Topolab document (${result.errors.length} problem${result.errors.length === 1 ? "" : "s"}):\n${result.errors.map((e) => `  ${e.path}: ${e.message}`).join("\n")}\n`);
    return LAB_EXIT.setupFailure;
  }
  const script = labScript(result.document, result.report, { timeoutSeconds: timeout });
  if (!values.run) { io.out(script); return LAB_EXIT.agree; }

  if (machine.platform !== "linux") {
    io.err("topolab lab --run: the lab needs Linux network namespaces; print the script and run it on a Linux machine\n");
    return LAB_EXIT.setupFailure;
  }
  if (machine.uid !== 0) {
    io.err("topolab lab --run: needs root (it creates network namespaces). Run it as root, or print the script with `topolab lab FILE > lab.sh` and run `sudo bash lab.sh`.\n");
    return LAB_EXIT.setupFailure;
  }
  const dir = mkdtempSync(join(tmpdir(), "topolab-lab-"));
  try {
    const path = join(dir, "lab.sh");
    writeFileSync(path, script, { mode: 0o700 });
    return machine.run(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      run: { type: "boolean" },
      timeout: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
