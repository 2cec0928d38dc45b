import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { deflateSync, strToU8 } from "fflate";
import { encodeBase64Url } from "../io/base64url.ts";
import { encodeShareLink } from "../io/share-link.ts";
import { emptyDocument } from "../model/document.ts";
import { DOCUMENT_STORAGE_KEY, dispatch, redo, sampleDocument, undo, useDocumentStore } from "../store/document-store.ts";
import { editorStorage } from "../store/local-storage.ts";
import { usePreviousWork } from "../store/previous-work.ts";
import { useProblem } from "./problems.ts";
import { backToMyWork, keepSharedCopy, openAsWork, openLinkFromLocation, openSharedDocument, replaceWorkWithShared, restorePreviousWork, useSharedView } from "./shared-view.ts";

const doc = () => useDocumentStore.getState().document;
const history = () => useDocumentStore.temporal.getState();
/** The document autosave has stored (or is about to store). */
const stored = () => (JSON.parse(editorStorage.getItem(DOCUMENT_STORAGE_KEY) as string) as { state: { document: { name: string } } }).state.document.name;

function myWork() {
  useDocumentStore.setState({ document: sampleDocument() });
  history().clear();
  dispatch({ kind: "rename-document", name: "My work" }); // one step of my own history
}

const shared = () => ({ ...emptyDocument("Shared one"), description: "from a colleague" });

beforeEach(() => {
  useSharedView.setState({ saved: undefined, sharedName: undefined });
  usePreviousWork.getState().clear();
  myWork();
});
afterEach(() => backToMyWork());

describe("the shared view", () => {
  it("shows the shared scenario without saving it, and Back restores the work and its history", () => {
    openSharedDocument(shared());
    expect(doc().name).toBe("Shared one");
    expect(useSharedView.getState().sharedName).toBe("Shared one");
    expect(history().pastStates).toHaveLength(0); // the shared view has its own history
    dispatch({ kind: "rename-document", name: "Shared, edited" });
    expect(stored()).toBe("My work"); // autosave is paused
    backToMyWork();
    expect(doc().name).toBe("My work");
    expect(stored()).toBe("My work");
    expect(useSharedView.getState().saved).toBeUndefined();
    undo();
    expect(doc().name).toBe("Flannel VXLAN across three hosts"); // my history is intact
    redo();
    dispatch({ kind: "rename-document", name: "My work, later" });
    expect(stored()).toBe("My work, later"); // autosave is back
  });

  it("Keep as a copy: the shared scenario becomes the work, one undo step; the previous work is set aside", () => {
    openSharedDocument(shared());
    keepSharedCopy();
    expect(doc().name).toBe("Shared one");
    expect(stored()).toBe("Shared one");
    expect(usePreviousWork.getState().document?.name).toBe("My work");
    expect(history().pastStates).toHaveLength(2); // my rename, then the copy
    undo();
    expect(doc().name).toBe("My work");
    redo();
    restorePreviousWork();
    expect(doc().name).toBe("My work");
    expect(usePreviousWork.getState().document).toBeUndefined();
    undo();
    expect(doc().name).toBe("Shared one");
  });

  it("Replace my work: no copy set aside, and Undo still brings the work back", () => {
    openSharedDocument(shared());
    replaceWorkWithShared();
    expect(doc().name).toBe("Shared one");
    expect(usePreviousWork.getState().document).toBeUndefined();
    undo();
    expect(doc().name).toBe("My work");
  });

  it("opening a second link keeps the first work, and opening a file ends the view on top of the work", () => {
    openSharedDocument(shared());
    openSharedDocument(emptyDocument("Second"));
    expect(doc().name).toBe("Second");
    openAsWork(emptyDocument("From a file"), "Opened");
    expect(useSharedView.getState().saved).toBeUndefined();
    expect(doc().name).toBe("From a file");
    undo();
    expect(doc().name).toBe("My work");
  });
});

describe("links in the page's URL", () => {
  function at(hash: string) {
    const replaceState = vi.fn();
    vi.stubGlobal("window", { location: { hash, pathname: "/app/", search: "?x=1" }, history: { state: null, replaceState } });
    return replaceState;
  }
  afterEach(() => vi.unstubAllGlobals());

  it("opens a good link as a shared view and removes it from the URL", async () => {
    const replaceState = at(encodeShareLink(shared()));
    await openLinkFromLocation();
    expect(replaceState).toHaveBeenCalledWith(null, "", "/app/?x=1");
    expect(doc().name).toBe("Shared one");
    expect(doc().description).toBe("from a colleague");
  });

  it("says why a broken link cannot be opened, with the problems' paths, and changes nothing", async () => {
    const replaceState = at(`${encodeShareLink(shared()).slice(0, 12)}`);
    await openLinkFromLocation();
    expect(replaceState).toHaveBeenCalled();
    expect(doc().name).toBe("My work");
    expect(useProblem.getState().problem).toMatchObject({ title: "This share link cannot be opened", kind: expect.stringMatching(/truncated|corrupt/) });

    const invalid = { format: "topolab", version: 1, hosts: [{ id: "h", cluster: "nope", underlay: "lan" }] };
    at(`#s=1${encodeBase64Url(deflateSync(strToU8(JSON.stringify(invalid))))}`);
    await openLinkFromLocation();
    expect(useProblem.getState().problem).toMatchObject({ kind: "The link's document is not valid (invalid)" });
    expect(useProblem.getState().problem?.errors?.map((e) => e.path)).toEqual(["hosts[0].cluster", "hosts[0].underlay"]);
    expect(doc().name).toBe("My work");
  });

  it("does nothing without a link", async () => {
    const replaceState = at("#other");
    await openLinkFromLocation();
    expect(replaceState).not.toHaveBeenCalled();
  });
});
