/**
 * The `topolab` command (DESIGN.md §5) over the same src/model as the app. It only reads files and
 * prints: `analyze` prints the report, `validate` checks a document. Exit codes are a contract for
 * scripts: 0 clean, 1 the report holds an error diagnostic, 2 unreadable/not JSON/invalid or bad usage
 * (3, set by bin/topolab.js, is a crash: never a verdict on the file).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { analyze } from "../model/analyze.ts";
import { parseDocument, type ValidationError } from "../model/document.ts";
import { readJson } from "./read-json.ts";
import { formatReportText } from "./text.ts";
import { labCommand } from "./lab/lab-command.ts";

export const EXIT_OK = 0;
export const EXIT_DESIGN_ERROR = 1;
export const EXIT_INVALID = 2;

const USAGE = `topolab — design container networks that span many hosts: subnets, routes, MTU,
firewall openings, port mappings, flows and diagnostics, from one JSON document.

Usage:
  topolab analyze FILE [--format text|json]   print the report (text by default)
  topolab validate FILE                       check the document without analysing it
  topolab lab FILE [--run]                    a bash script that builds FILE's network in Linux
                                              network namespaces and checks it against the model;
                                              --run runs it (root); topolab lab --help says more
  topolab --help                              this help
  topolab --version                           the version

FILE is a Topolab document (JSON, "format": "topolab", "version": 1); "-" reads standard input.
--format json prints the report exactly as analyze() returns it ("format": "topolab-report").

Exit codes:
  0  no error diagnostic (validate: the document is valid)
  1  the report holds at least one error diagnostic
  2  the file cannot be read, is not JSON or is not a valid document; or bad usage
  3  internal error: a bug in Topolab (the message says where)
`;

interface Output {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  // NO_COLOR (no-color.org): any non-empty value turns colour off.
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};

/** Runs one command line (without "node" and the script) and returns the exit code. */
export function main(argv: readonly string[], io: Output = processOutput): number {
  if (argv[0] === "lab") return labCommand(argv.slice(1), io); // own options and exit codes: src/cli/lab/
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    io.err(`topolab: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return EXIT_INVALID;
  }
  const { values, positionals } = args;
  if (values.help) { io.out(USAGE); return EXIT_OK; }
  if (values.version) { io.out(`topolab ${packageVersion()}\n`); return EXIT_OK; }

  const [verb, file, ...extra] = positionals;
  const usage = (message: string) => { io.err(`topolab: ${message}\n\n${USAGE}`); return EXIT_INVALID; };
  if (verb === undefined) return usage("missing command (analyze or validate)");
  if (verb !== "analyze" && verb !== "validate") return usage(`unknown command "${verb}"`);
  if (file === undefined) return usage(`${verb} needs a FILE`);
  if (extra.length > 0) return usage(`unexpected argument "${extra[0]}"`);
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json") return usage(`--format is "text" or "json", not "${format}"`);
  if (verb === "validate" && values.format !== undefined) return usage("--format applies to analyze only");

  const input = readJson(file);
  if (!input.ok) { io.err(`${input.error}\n`); return EXIT_INVALID; }
  const name = file === "-" ? "(stdin)" : file;

  if (verb === "validate") {
    const parsed = parseDocument(input.value);
    if (!parsed.ok) return invalid(io, name, parsed.errors);
    const d = parsed.document;
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const sizes = [count(d.clusters.length, "cluster"), count(d.hosts.length, "host"), count(d.containers.length, "container"), count(d.flows.length, "flow")];
    io.out(`${name}: valid Topolab document "${d.name}" (${sizes.join(", ")})\n`);
    return EXIT_OK;
  }

  const result = analyze(input.value);
  if (!result.ok) return invalid(io, name, result.errors);
  io.out(format === "json" ? `${JSON.stringify(result.report, null, 2)}\n` : formatReportText(result.document, result.report, io.color));
  return result.report.diagnostics.some((d) => d.severity === "error") ? EXIT_DESIGN_ERROR : EXIT_OK;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: "string", short: "f" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "V" },
    },
  });
}

function invalid(io: Output, name: string, errors: readonly ValidationError[]): number {
  const lines = errors.map((e) => `  ${e.path}: ${e.message}`);
  io.err(`${name}: not a valid Topolab document (${errors.length} problem${errors.length === 1 ? "" : "s"}):\n${lines.join("\n")}\n`);
  return EXIT_INVALID;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}
