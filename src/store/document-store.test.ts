import { beforeEach, describe, expect, it } from "vitest";
import { emptyDocument } from "../model/document.ts";
import { dismissSampleNote, dispatch, pauseAutosave, redo, restoreDocument, sampleDocument, undo, useDocumentStore, useSampleNote } from "./document-store.ts";
import { editorStorage } from "./local-storage.ts";

const history = () => useDocumentStore.temporal.getState();
const doc = () => useDocumentStore.getState().document;

beforeEach(() => {
  useDocumentStore.setState({ document: sampleDocument() });
  history().clear();
});

describe("the document store", () => {
  it("opens the sample on a first visit, with nothing to undo", () => {
    expect(doc().name).toBe("Flannel VXLAN across three hosts");
    expect(history().pastStates).toHaveLength(0);
  });

  it("applies edits, and undoes and redoes them one at a time", () => {
    dispatch({ kind: "rename-document", name: "One" });
    dispatch({ kind: "remove", ids: ["web"] });
    expect(doc().containers.map((c) => c.id)).toEqual(["api", "db"]);
    undo();
    expect(doc().containers.map((c) => c.id)).toEqual(["web", "api", "db"]);
    expect(doc().name).toBe("One");
    undo();
    expect(doc().name).toBe("Flannel VXLAN across three hosts");
    redo();
    redo();
    expect(doc().containers).toHaveLength(2);
  });

  it("an edit that changes nothing leaves no undo step", () => {
    dispatch({ kind: "reparent", id: "web", parent: "k8s" }); // a container cannot go into a cluster
    expect(history().pastStates).toHaveLength(0);
  });

  it("a batch is one undo step", () => {
    dispatch({ kind: "batch", edits: [{ kind: "rename-document", name: "A" }, { kind: "remove", ids: ["node1"] }] });
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(doc().hosts).toHaveLength(3);
  });

  it("restores a stored document only when it still validates", () => {
    const empty = emptyDocument("Mine");
    expect(restoreDocument({ document: JSON.parse(JSON.stringify(empty)) })?.name).toBe("Mine");
    expect(restoreDocument({ document: { format: "topolab", version: 1, hosts: [{ id: "h" }] } })).toBeUndefined();
    expect(restoreDocument({ document: { format: "topolab", version: 99 } })).toBeUndefined();
    expect(restoreDocument(null)).toBeUndefined();
    expect(restoreDocument("nonsense")).toBeUndefined();
  });
});

describe("the sample note", () => {
  it("is on for the sample a first visit opened, off for restored work, and stays off once dismissed", () => {
    // This test file's store started without stored work: the sample, as on a first visit.
    expect(useSampleNote.getState().openedSample).toBe(true);
    dismissSampleNote();
    expect(useSampleNote.getState().openedSample).toBe(false);
    expect(editorStorage.getItem("topolab:sample-note")).toBe("dismissed");
  });

  it("goes when a shared scenario is shown instead", () => {
    useSampleNote.setState({ openedSample: true });
    pauseAutosave(true);
    pauseAutosave(false);
    expect(useSampleNote.getState().openedSample).toBe(false);
  });
});
