import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLE_DOCUMENT } from "../../model/sample.ts";
import { type LabHost, labCommand } from "./lab-command.ts";

const TMP = mkdtempSync(join(tmpdir(), "topolab-lab-cli-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(TMP, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

function capture(argv: string[], machine?: LabHost) {
  let out = "";
  let err = "";
  const code = labCommand(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } }, machine);
  return { code, out, err };
}

describe("topolab lab", () => {
  const sample = file("sample.json", SAMPLE_DOCUMENT);

  it("prints the script for a document", () => {
    const r = capture([sample]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out.startsWith("#!/usr/bin/env bash\n# Topolab lab: Flannel VXLAN across three hosts\n")).toBe(true);
    expect(r.out).toContain("LAB_TIMEOUT=\"${TOPOLAB_LAB_TIMEOUT:-120}\"");
  });

  it("passes --timeout into the script and refuses a silly one", () => {
    expect(capture([sample, "--timeout", "45"]).out).toContain("TOPOLAB_LAB_TIMEOUT:-45}");
    const r = capture([sample, "--timeout", "0"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--timeout is a whole number of seconds/);
  });

  it("exits 2 with the path of the problem for an invalid document", () => {
    const r = capture([file("bad.json", { format: "topolab", version: 1, hosts: [{ id: "h", cluster: "nope", underlay: "lan" }] })]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/hosts\[0\]\.cluster: no cluster "nope"/);
  });

  it("exits 2 on bad usage", () => {
    expect(capture([]).code).toBe(2);
    expect(capture([sample, "extra"]).err).toMatch(/unexpected argument "extra"/);
    expect(capture([sample, "--frobnicate"]).code).toBe(2);
  });

  it("--run refuses to start without root, saying why", () => {
    let ran = false;
    const r = capture([sample, "--run"], { platform: "linux", uid: 1000, run: () => { ran = true; return 0; } });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/needs root/);
    expect(ran).toBe(false);
  });

  it("--run refuses outside Linux", () => {
    const r = capture([sample, "--run"], { platform: "darwin", uid: 0, run: () => 0 });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Linux network namespaces/);
  });

  it("--run writes the script to a temporary file, runs it, passes its exit code on and removes the file", () => {
    let seen = "";
    let path = "";
    const r = capture([sample, "--run"], { platform: "linux", uid: 0, run: (p) => { path = p; seen = readFileSync(p, "utf8"); return 3; } });
    expect(r.code).toBe(3);
    expect(seen).toContain("probe_kernel");
    expect(existsSync(path)).toBe(false);
  });
});
