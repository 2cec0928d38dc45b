import { describe, expect, it } from "vitest";
import { emptyDocument } from "../model/document.ts";
import { SAMPLE_DOCUMENT } from "../model/sample.ts";
import { documentToJson, fileNameFor, parseDocumentJson } from "./json-file.ts";

describe("JSON files", () => {
  it("round-trips a document", () => {
    const r = parseDocumentJson(JSON.stringify(SAMPLE_DOCUMENT));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const again = parseDocumentJson(documentToJson(r.document));
    expect(again).toEqual(r);
  });

  it("says when a file is not JSON at all", () => {
    const r = parseDocumentJson("{ not json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.path).toBe("(file)");
    expect(r.errors[0]?.message).toMatch(/not valid JSON/);
  });

  it("lists schema problems with their JSON path", () => {
    const r = parseDocumentJson(JSON.stringify({ format: "topolab", version: 1, hosts: [{ id: "h", cluster: "nope", underlay: "lan3" }] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(["hosts[0].cluster", "hosts[0].underlay"]);
  });

  it("names the file after the topology", () => {
    expect(fileNameFor({ ...emptyDocument(), name: "Flannel VXLAN across three hosts" })).toBe("flannel-vxlan-across-three-hosts.topolab.json");
    expect(fileNameFor({ ...emptyDocument(), name: "???" })).toBe("topology.topolab.json");
  });
});
