import { describe, expect, it } from "vitest";
import { emptyDocument } from "../model/document.ts";
import { SAMPLE_DOCUMENT } from "../model/sample.ts";
import { importDocumentText } from "./import.ts";
import { documentToJson, fileNameFor } from "./json-file.ts";

describe("JSON files", () => {
  it("round-trips a document", () => {
    const r = importDocumentText(JSON.stringify(SAMPLE_DOCUMENT));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const again = importDocumentText(documentToJson(r.document));
    expect(again).toEqual(r);
  });

  it("names the file after the topology", () => {
    expect(fileNameFor({ ...emptyDocument(), name: "Flannel VXLAN across three hosts" })).toBe("flannel-vxlan-across-three-hosts.topolab.json");
    expect(fileNameFor({ ...emptyDocument(), name: "???" })).toBe("topology.topolab.json");
  });
});
