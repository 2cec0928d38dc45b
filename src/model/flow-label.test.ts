/** What people call a flow: its endpoints' names and its service. */
import { describe, expect, it } from "vitest";
import { parseDocument } from "./document.ts";
import { flowLabel, formatFlowLabel } from "./flow-label.ts";
import { SAMPLE_DOCUMENT } from "./sample.ts";

const sample = () => {
  const r = parseDocument(SAMPLE_DOCUMENT);
  if (!r.ok) throw new Error("sample invalid");
  return r.document;
};

describe("flowLabel", () => {
  it("names a flow by its endpoints' names, not by ids", () => {
    const doc = sample();
    expect(doc.flows.map((f) => flowLabel(doc, f))).toEqual(["Internet → web 80/tcp", "web → api 8000/tcp", "api → db 5432/tcp"]);
  });

  it("follows a rename (one lookup table per document) and falls back to ids for missing endpoints", () => {
    const doc = sample();
    const renamed = { ...doc, containers: doc.containers.map((c) => (c.id === "api" ? { ...c, name: "backend" } : c)) };
    expect(flowLabel(doc, doc.flows[1]!)).toBe("web → api 8000/tcp");
    expect(flowLabel(renamed, renamed.flows[1]!)).toBe("web → backend 8000/tcp");
    expect(flowLabel(doc, { from: "gone", to: "web", port: 53, protocol: "udp" })).toBe("gone → web 53/udp");
  });

  it("formats the same way from names alone", () => {
    expect(formatFlowLabel("office PC", "intranet", 443, "tcp")).toBe("office PC → intranet 443/tcp");
  });
});
