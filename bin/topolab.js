#!/usr/bin/env node
// The `topolab` command: runs src/cli/main.ts through tsx, so the CLI uses the very same src/model
// as the app without a build step. `npx topolab …` and `node bin/topolab.js …` are the same.
import { register } from "tsx/esm/api";

register();
// `topolab analyze big.json | head`: the reader leaving early is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
try {
  const { main } = await import(new URL("../src/cli/main.ts", import.meta.url).href);
  // exitCode rather than process.exit(): a large report written to a pipe must be flushed first.
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  // Exit 1 and 2 mean "the design has an error" and "the file is invalid"; a crash is neither.
  process.stderr.write(`topolab: internal error (a bug in Topolab, not in your file):\n${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 3;
}
