/**
 * The catalog is what the UI loads at start: it must carry every backend's info and none of its
 * analysis. Reads the import graph from the sources (value imports only: `import type` is erased).
 */
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { backendInfo } from "./catalog.ts";
import { BACKEND_TYPES } from "./configs.ts";
import { backends } from "./index.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Every source file a module reaches through value imports (and re-exports), itself included. */
function valueImportsOf(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+"(\.[^"]+)";/gms)) {
      if (!m[1]) visit(resolve(dirname(file), m[2]!));
    }
  };
  visit(entry);
  return seen;
}

describe("the backend catalog", () => {
  it("lists every backend, with the same info the analysis registry carries", () => {
    expect(Object.keys(backendInfo).sort()).toEqual([...BACKEND_TYPES].sort());
    for (const type of BACKEND_TYPES) {
      const { analyze, ...info } = backends[type];
      expect(typeof analyze).toBe("function");
      expect(info).toEqual(backendInfo[type]);
      expect(backends[type].capabilities).toBe(backendInfo[type].capabilities);
    }
  });

  it("reaches no backend's analysis: only info, config and small mode files", () => {
    const reached = [...valueImportsOf(resolve(HERE, "catalog.ts"))].map((f) => relative(HERE, f).replaceAll("\\", "/"));
    const inBackends = reached.filter((f) => !f.startsWith(".."));
    const allowed = /^(catalog|configs|types)\.ts$|^[a-z-]+\/(info|config|modes)\.ts$/;
    expect(inBackends.filter((f) => !allowed.test(f))).toEqual([]);
    // Outside backends/: the small modules the config schemas and mode facts need (addr/ is address
    // parsing the UI loads anyway), never ipam.ts, report building or analyze.ts.
    const outside = reached.filter((f) => f.startsWith("..") && !f.startsWith("../addr/"));
    expect(outside.sort()).toEqual(["../encapsulation.ts", "../schema-helpers.ts"]);
  });
});
