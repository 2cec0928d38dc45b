import { describe, expect, it } from "vitest";
import { applyEdit } from "../model/edits.ts";
import { emptyDocument } from "../model/document.ts";
import { sampleDocument } from "../store/document-store.ts";
import { describeStep } from "./history-words.ts";

const sample = sampleDocument();
const after = (...edits: Parameters<typeof applyEdit>[1][]) => edits.reduce(applyEdit, sample);

describe("describeStep", () => {
  it("names what was added, deleted or changed", () => {
    const flow = { id: "flow-9", from: "web", to: "db", port: 5432, protocol: "tcp" as const };
    expect(describeStep(sample, after({ kind: "add", collection: "flows", object: flow }))).toBe("added flow web → db 5432/tcp");
    expect(describeStep(sample, after({ kind: "remove", ids: ["f-api"] }))).toBe("deleted flow web → api 8000/tcp");
    expect(describeStep(sample, after({ kind: "remove", ids: ["node2"] }))).toBe("deleted host node-2 and 3 more");
    expect(describeStep(sample, after({ kind: "update", collection: "containers", id: "api", patch: { ports: [] } }))).toBe("changed container api");
  });

  it("falls back on the name, the description, then the layout", () => {
    expect(describeStep(sample, after({ kind: "rename-document", name: "Mine" }))).toBe("renamed the topology to Mine");
    expect(describeStep(sample, { ...sample, description: "x" })).toBe("changed the description");
    expect(describeStep(sample, after({ kind: "move", positions: { node1: { x: 5, y: 5 } } }))).toBe("moved host node-1");
    expect(describeStep(sample, after({ kind: "move", positions: { node1: { x: 5, y: 5 }, node2: { x: 9, y: 9 } } }))).toBe("moved 2 objects");
    const sized = { ...sample, layout: { ...sample.layout, node1: { x: 0, y: 0, width: 300, height: 200 } } };
    expect(describeStep(sized, { ...sized, layout: { ...sized.layout, node1: { x: 0, y: 0, width: 320, height: 200 } } })).toBe("resized host node-1");
    expect(describeStep(sample, sample)).toBeUndefined();
  });

  it("says a whole new document was opened", () => {
    expect(describeStep(sample, emptyDocument())).toBe("opened Untitled topology in place of Flannel VXLAN across three hosts");
  });
});
