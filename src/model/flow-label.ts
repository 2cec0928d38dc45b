/**
 * What a person calls a flow: its endpoints by name and its service, "web → api 8000/tcp". Flows
 * have no names of their own, and their ids ("flow-1") mean nothing to the people reading a
 * diagnostic, the status line or the CLI's text; every sentence that names a flow says it this way.
 */
import type { Document, Flow } from "./document.ts";

/** "web → api 8000/tcp", from the endpoints' names (or ids, when unknown). */
export function formatFlowLabel(from: string, to: string, port: number, protocol: string): string {
  return `${from} → ${to} ${port}/${protocol}`;
}

const namesByDocument = new WeakMap<Pick<Document, "containers" | "externals">, ReadonlyMap<string, string>>();

/** The names of a document's flow endpoints (containers and external endpoints), built once per document. */
function endpointNames(doc: Pick<Document, "containers" | "externals">): ReadonlyMap<string, string> {
  let names = namesByDocument.get(doc);
  if (!names) {
    const all = new Map<string, string>();
    for (const e of doc.externals) all.set(e.id, e.name);
    for (const c of doc.containers) all.set(c.id, c.name);
    names = all;
    namesByDocument.set(doc, names);
  }
  return names;
}

/**
 * A flow of `doc` as a person calls it: "web → api 8000/tcp" (its endpoints' names; an endpoint
 * missing from the document is named by its id).
 *
 * @example flowLabel(doc, { id: "flow-1", from: "web", to: "api", port: 8000, protocol: "tcp" }) // "web → api 8000/tcp"
 */
export function flowLabel(doc: Pick<Document, "containers" | "externals">, flow: Pick<Flow, "from" | "to" | "port" | "protocol">): string {
  const names = endpointNames(doc);
  return formatFlowLabel(names.get(flow.from) ?? flow.from, names.get(flow.to) ?? flow.to, flow.port, flow.protocol);
}
