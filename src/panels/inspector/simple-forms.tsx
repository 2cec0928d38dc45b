/** Forms for the objects with a handful of fields: the document itself, underlays, routers, external endpoints. */
import { dismissSampleNote, dispatch, useDocumentStore, useShowsFirstSample } from "../../store/document-store.ts";
import { useObject, useRouterReport, useUnderlayReport } from "../hooks.ts";
import { updateObject } from "./edit.ts";
import { CheckboxField, Fact, Facts, FieldGrid, FieldSection, SelectField, TextField } from "./fields.tsx";
import { checkCidr, checkInteger, checkName, checkOptionalIp } from "./validate.ts";

const optionalIp = (text: string) => checkOptionalIp(text);

/** On a first visit, the sample is open: say so, and where an empty design and the others are. */
function SampleNote() {
  const shown = useShowsFirstSample();
  if (!shown) return null;
  return (
    <div role="note" aria-label="Sample design" className="mb-3 flex items-start gap-2 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-xs leading-5 text-blue-900 dark:border-blue-900 dark:bg-blue-950/60 dark:text-blue-100">
      <p className="min-w-0 flex-1">This is a sample design. New starts an empty one; Templates has more.</p>
      <button
        type="button"
        onClick={dismissSampleNote}
        aria-label="Dismiss the sample note"
        title="Dismiss"
        className="-mr-1 shrink-0 rounded px-1 text-blue-700 hover:bg-blue-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300 dark:hover:bg-blue-900"
      >
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}

/** With nothing selected: the topology's own name and description (and, on a first visit, that it is the sample). */
export function DocumentForm() {
  const name = useDocumentStore((s) => s.document.name);
  const description = useDocumentStore((s) => s.document.description ?? "");
  const counts = useDocumentStore((s) => `${s.document.hosts.length}|${s.document.containers.length}|${s.document.flows.length}`).split("|");
  return (
    <>
      <SampleNote />
      <FieldGrid>
        <TextField label="Name" value={name} check={checkName} onCommit={(v) => dispatch({ kind: "rename-document", name: v })} />
        <TextField
          label="Description"
          multiline
          value={description}
          check={(t) => (t.length > 5000 ? { ok: false, error: "At most 5000 characters" } : { ok: true, value: t.trim() })}
          onCommit={(v) => {
            const doc = useDocumentStore.getState().document;
            dispatch({ kind: "replace", document: { ...doc, description: v === "" ? undefined : v } });
          }}
          placeholder="What this design is for"
        />
      </FieldGrid>
      <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
        {counts[0]} hosts, {counts[1]} containers, {counts[2]} flows. Select something on the canvas to edit it.
      </p>
    </>
  );
}

export function UnderlayForm({ id }: { id: string }) {
  const underlay = useObject("underlays", id);
  const report = useUnderlayReport(id);
  if (!underlay) return null;
  const update = (patch: Record<string, unknown>) => updateObject("underlays", id, patch);
  return (
    <>
      <FieldGrid>
        <TextField label="Name" value={underlay.name} check={checkName} onCommit={(name) => update({ name })} />
        <TextField label="CIDR" mono value={underlay.cidr} check={(t) => checkCidr(t)} onCommit={(cidr) => update({ cidr })} placeholder="192.168.1.0/24" />
        <TextField label="MTU" numeric value={String(underlay.mtu)} check={(t) => checkInteger(t, { min: 68, max: 65535 })} onCommit={(mtu) => update({ mtu })} placeholder="1500" />
        <SelectField
          label="Kind"
          value={underlay.kind}
          options={[
            { value: "lan", label: "LAN you own" },
            { value: "cloud", label: "Cloud subnet (VPC)" },
          ]}
          onChange={(kind) => update({ kind })}
          hint={underlay.kind === "cloud" ? "Cloud networks drop unknown MACs and unrouted addresses: macvlan and plain routes suffer." : undefined}
        />
        <TextField
          label="Gateway"
          mono
          value={underlay.gateway ?? ""}
          check={optionalIp}
          onCommit={(gateway) => update({ gateway })}
          placeholder={report ? `auto: ${report.gateway}` : "the first usable address"}
        />
      </FieldGrid>
      {report && (
        <Facts>
          <Fact label="Hosts on it">{report.hosts.length}</Fact>
          <Fact label="Gateway">{report.gateway}</Fact>
        </Facts>
      )}
    </>
  );
}

export function RouterForm({ id }: { id: string }) {
  const router = useObject("routers", id);
  const underlays = useDocumentStore((s) => s.document.underlays);
  const report = useRouterReport(id);
  if (!router) return null;
  const update = (patch: Record<string, unknown>) => updateObject("routers", id, patch);
  const join = (underlay: string, on: boolean) => {
    const joined = on ? [...router.underlays, underlay] : router.underlays.filter((u) => u !== underlay);
    const ips = Object.fromEntries(Object.entries(router.ips).filter(([u]) => joined.includes(u)));
    update({ underlays: joined, ips });
  };
  const pin = (underlay: string, ip: string | undefined) => {
    const ips = { ...router.ips };
    if (ip === undefined) delete ips[underlay];
    else ips[underlay] = ip;
    update({ ips });
  };
  return (
    <>
      <FieldGrid>
        <TextField label="Name" value={router.name} check={checkName} onCommit={(name) => update({ name })} />
      </FieldGrid>
      <FieldSection title="Underlays it joins">
        <FieldGrid>
          {underlays.map((u) => {
            const joined = router.underlays.includes(u.id);
            const last = joined && router.underlays.length === 1;
            return (
              <CheckboxField
                key={u.id}
                label={`${u.name} (${u.cidr})`}
                checked={joined}
                disabled={last}
                hint={last ? "A router joins at least one underlay." : undefined}
                onChange={(on) => join(u.id, on)}
              />
            );
          })}
        </FieldGrid>
      </FieldSection>
      <FieldSection title="Addresses">
        <FieldGrid>
          {router.underlays.map((u) => {
            const computed = report?.addresses.find((a) => a.underlay === u)?.ip;
            return (
              <TextField
                key={u}
                label={`Address on ${underlays.find((x) => x.id === u)?.name ?? u}`}
                mono
                value={router.ips[u] ?? ""}
                check={optionalIp}
                onCommit={(ip) => pin(u, ip)}
                placeholder={computed ? `auto: ${computed}` : "the first usable address"}
              />
            );
          })}
        </FieldGrid>
      </FieldSection>
    </>
  );
}

export function ExternalForm({ id }: { id: string }) {
  const external = useObject("externals", id);
  const underlays = useDocumentStore((s) => s.document.underlays);
  if (!external) return null;
  const update = (patch: Record<string, unknown>) => updateObject("externals", id, patch);
  return (
    <FieldGrid>
      <TextField label="Name" value={external.name} check={checkName} onCommit={(name) => update({ name })} />
      <SelectField
        label="Kind"
        value={external.kind}
        options={[
          { value: "internet", label: "The Internet" },
          { value: "client", label: "A client (office PC, load balancer)" },
        ]}
        onChange={(kind) => update({ kind })}
      />
      <SelectField
        label="Underlay"
        value={external.underlay ?? ""}
        options={[{ value: "", label: "None: it comes from the Internet" }, ...underlays.map((u) => ({ value: u.id, label: `${u.name} (${u.cidr})` }))]}
        onChange={(u) => update({ underlay: u === "" ? undefined : u })}
      />
      <TextField label="IP" mono value={external.ip ?? ""} check={optionalIp} onCommit={(ip) => update({ ip })} placeholder={external.underlay ? "next free on the underlay" : "a public address"} />
    </FieldGrid>
  );
}
