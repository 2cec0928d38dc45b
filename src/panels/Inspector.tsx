/**
 * The inspector: a form for the selected object (selection store), or for the topology itself when
 * nothing is selected. Forms live in inspector/; each reads its own object by id, so typing here
 * never waits on the report, and each committed field is one edit (one undo step).
 */
import type { ReactNode } from "react";
import type { ObjectKind } from "../canvas/indexes.ts";
import { KindIcon } from "../canvas/nodes/parts.tsx";
import { useSelectionStore } from "../store/selection-store.ts";
import { useKindOf, useName, useNames } from "./hooks.ts";
import { ClusterForm } from "./inspector/cluster-form.tsx";
import { DocumentForm, ExternalForm, RouterForm, UnderlayForm } from "./inspector/simple-forms.tsx";
import { ContainerForm, FlowForm, HostForm } from "./inspector/workload-forms.tsx";
import { ColumnHeading } from "./ui.tsx";

const KIND_WORD: Record<ObjectKind, string> = {
  underlay: "Underlay network",
  router: "Router",
  cluster: "Cluster",
  host: "Host",
  container: "Container",
  external: "External endpoint",
  flow: "Flow",
};

const FORMS: Record<ObjectKind, (props: { id: string }) => ReactNode> = {
  underlay: UnderlayForm,
  router: RouterForm,
  cluster: ClusterForm,
  host: HostForm,
  container: ContainerForm,
  external: ExternalForm,
  flow: FlowForm,
};

function FlowIcon({ className }: { className: string }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" className={className} aria-hidden="true">
      <path d="M4 12h14M14 7l5 5-5 5" />
    </svg>
  );
}

function ObjectInspector({ id, kind }: { id: string; kind: ObjectKind }) {
  const name = useName(id);
  const Form = FORMS[kind];
  return (
    <>
      <p className="mb-3 flex min-w-0 items-center gap-2">
        {kind === "flow" ? <FlowIcon className="h-4 w-4 shrink-0 text-slate-500" /> : <KindIcon kind={kind} className="h-4 w-4 shrink-0 text-slate-500 dark:text-slate-400" />}
        <span className="text-xs text-slate-500 dark:text-slate-400">{KIND_WORD[kind]}</span>
        <span className="truncate text-sm font-semibold text-slate-900 dark:text-slate-50">{name}</span>
      </p>
      {/* Keyed by id: drafts never carry over from one object to the next. */}
      <Form key={id} id={id} />
    </>
  );
}

function ManySelected({ ids }: { ids: string[] }) {
  const names = useNames();
  return (
    <p className="text-xs text-slate-600 dark:text-slate-300">
      {ids.length} objects selected: {ids.map((id) => names.get(id) ?? id).join(", ")}. Select one to edit it.
    </p>
  );
}

export function Inspector() {
  const selected = useSelectionStore((s) => s.selected);
  const only = selected.length === 1 ? selected[0] : undefined;
  const kind = useKindOf(only);
  return (
    <section aria-labelledby="inspector-heading" className="max-h-[55%] shrink-0 overflow-y-auto border-b border-slate-200 p-4 text-sm dark:border-slate-800">
      <ColumnHeading id="inspector-heading">Inspector</ColumnHeading>
      {selected.length === 0 ? (
        <DocumentForm />
      ) : only !== undefined && kind ? (
        <ObjectInspector id={only} kind={kind} />
      ) : only !== undefined ? null : (
        <ManySelected ids={selected} />
      )}
    </section>
  );
}
