/**
 * The cluster form: name, orchestrator, IP family, the backend (type, mode, what it is, and its own
 * fields generated from its config schema) and the Kubernetes service range.
 */
import { useMemo } from "react";
import { backendFor, backends } from "../../model/backends/index.ts";
import { BACKEND_TYPES } from "../../model/backends/configs.ts";
import { type BackendConfig, type BackendType, type Cluster, IP_FAMILIES, ORCHESTRATORS } from "../../model/document.ts";
import type { ClusterReport } from "../../model/report.ts";
import { useDocumentStore } from "../../store/document-store.ts";
import { useClusterReport, useObject } from "../hooks.ts";
import { Chip } from "../ui.tsx";
import { type ConfigField, checkConfigText, configFields, defaultBackend, withConfigValue } from "./config-fields.ts";
import { configAbsentOption, configLabel, configPlaceholder } from "./config-labels.ts";
import { updateObject } from "./edit.ts";
import { CheckboxField, FieldGrid, FieldSection, SelectField, TextField } from "./fields.tsx";
import { GroupSizeFields } from "./size-fields.tsx";
import { checkCidr, checkName } from "./validate.ts";

const ORCHESTRATOR_LABELS: Record<Cluster["orchestrator"], string> = {
  kubernetes: "Kubernetes",
  swarm: "Docker Swarm",
  docker: "Docker (no orchestrator)",
  nomad: "Nomad",
  none: "None",
};
const FAMILY_LABELS: Record<Cluster["ipFamily"], string> = { ipv4: "IPv4", ipv6: "IPv6", dual: "Dual stack" };

export function ClusterForm({ id }: { id: string }) {
  const cluster = useObject("clusters", id);
  const report = useClusterReport(id);
  if (!cluster) return null;
  const update = (patch: Record<string, unknown>) => updateObject("clusters", id, patch);
  const setBackend = (backend: BackendConfig) => update({ backend });
  const config = cluster.backend;
  const backend = backends[config.type];
  return (
    <>
      <FieldGrid>
        <TextField label="Name" value={cluster.name} check={checkName} onCommit={(name) => update({ name })} />
        <SelectField label="Orchestrator" value={cluster.orchestrator} options={ORCHESTRATORS.map((o) => ({ value: o, label: ORCHESTRATOR_LABELS[o] }))} onChange={(orchestrator) => update({ orchestrator })} />
        <SelectField label="IP family" value={cluster.ipFamily} options={IP_FAMILIES.map((f) => ({ value: f, label: FAMILY_LABELS[f] }))} onChange={(ipFamily) => update({ ipFamily })} />
        {cluster.orchestrator === "kubernetes" && (
          <TextField
            label="Service CIDR"
            mono
            value={cluster.serviceCidr}
            check={(t) => (t.trim() === "" ? { ok: true, value: "10.96.0.0/12" } : checkCidr(t))}
            onCommit={(serviceCidr) => update({ serviceCidr })}
            placeholder="10.96.0.0/12"
          />
        )}
      </FieldGrid>
      <FieldSection title="Backend">
        <FieldGrid>
          <SelectField
            label="Backend"
            value={config.type}
            options={BACKEND_TYPES.map((t) => ({ value: t, label: backends[t].label }))}
            onChange={(t) => setBackend(defaultBackend(t as BackendType))}
            hint="Changing it starts from that backend's defaults."
          />
          <SelectField
            label="Mode"
            value={config.mode}
            options={backend.modes.map((m) => ({ value: m.id, label: m.label }))}
            onChange={(mode) => {
              const next = withConfigValue(config, "mode", mode);
              if (next.ok) setBackend(next.value);
            }}
          />
        </FieldGrid>
        <BackendExplanation config={config} report={report} />
        <FieldGrid>
          <BackendFields clusterId={id} config={config} onChange={setBackend} />
        </FieldGrid>
      </FieldSection>
      <GroupSizeFields id={id} />
    </>
  );
}

/** What the chosen backend is: its description, what it can do, Topolab's defaults and the cluster report's notes. */
function BackendExplanation({ config, report }: { config: BackendConfig; report: ClusterReport | undefined }) {
  const backend = backendFor(config);
  const caps = useMemo(() => backendFor(config).capabilities(config), [config]);
  const yesNo = (on: boolean, yes: string, no: string) => (on ? <Chip tone="good">✓ {yes}</Chip> : <Chip tone="off">✕ {no}</Chip>);
  const encapsulation = report?.encapsulation;
  return (
    <div role="note" aria-label={`About ${backend.label}`} className="my-3 rounded-md border border-slate-200 bg-slate-50 p-3 text-xs leading-5 text-slate-700 dark:border-slate-700 dark:bg-slate-800/50 dark:text-slate-300">
      <p>{backend.description}</p>
      <ul aria-label="Capabilities" className="mt-2 flex flex-wrap gap-1">
        <li>
          {encapsulation === undefined ? (
            <Chip>…</Chip>
          ) : encapsulation === "none" ? (
            <Chip tone="off">No encapsulation</Chip>
          ) : (
            <Chip tone="accent" title={`${report?.overhead ?? 0} bytes of overhead per packet`}>
              {encapsulation.toUpperCase()} +{report?.overhead} B
            </Chip>
          )}
        </li>
        {report && (
          <li>
            <Chip title="The containers' MTU">MTU {report.mtu}</Chip>
          </li>
        )}
        <li>{yesNo(caps.encryption, "Encryption", "No encryption")}</li>
        <li>{yesNo(caps.policy, "Network policy", "No policy")}</li>
        <li>{yesNo(caps.ipv6, "IPv6", "IPv4 only")}</li>
        <li>
          <Chip title="Orchestrators it works with">{caps.orchestrators.map((o) => ORCHESTRATOR_LABELS[o].replace(/ \(.*\)$/, "")).join(" · ")}</Chip>
        </li>
        {caps.minKernel && (
          <li>
            <Chip tone="warn" title={caps.minKernel.reason}>
              Kernel ≥ {caps.minKernel.version}
            </Chip>
          </li>
        )}
      </ul>
      <p className="mt-2 text-[11px] text-slate-500 dark:text-slate-400">State: {caps.datastore}.</p>
      <details className="mt-2">
        <summary className="cursor-pointer font-medium text-slate-600 select-none dark:text-slate-300">Topolab's defaults</summary>
        <p className="mt-1">{backend.topolabDefaults}</p>
      </details>
      {report && report.notes.length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer font-medium text-slate-600 select-none dark:text-slate-300">Notes on this cluster ({report.notes.length})</summary>
          <ul className="mt-1 list-disc space-y-1 pl-4">
            {report.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** One control per field of the backend's config schema. */
function BackendFields({ clusterId, config, onChange }: { clusterId: string; config: BackendConfig; onChange: (c: BackendConfig) => void }) {
  const fields = useMemo(() => configFields(config.type), [config.type]);
  return fields.map((f) => <BackendField key={`${config.type}.${f.key}`} clusterId={clusterId} config={config} field={f} onChange={onChange} />);
}

function BackendField({ clusterId, config, field, onChange }: { clusterId: string; config: BackendConfig; field: ConfigField; onChange: (c: BackendConfig) => void }) {
  const value = (config as Record<string, unknown>)[field.key];
  const label = configLabel(config.type, field.key);
  const set = (v: unknown) => {
    const next = withConfigValue(config, field.key, v);
    if (next.ok) onChange(next.value);
  };
  // A field that names a host of this cluster (OpenVPN's server) is a choice among them.
  const hosts = useDocumentStore((s) => (field.key === "server" ? s.document.hosts : undefined));
  if (hosts) {
    return (
      <SelectField
        label={label}
        value={typeof value === "string" ? value : ""}
        options={[{ value: "", label: configAbsentOption(field.key) }, ...hosts.filter((h) => h.cluster === clusterId).map((h) => ({ value: h.id, label: h.name }))]}
        onChange={(v) => set(v === "" ? undefined : v)}
      />
    );
  }
  switch (field.kind) {
    case "boolean":
      return <CheckboxField label={label} checked={value === true} onChange={set} />;
    case "enum":
      return (
        <SelectField
          label={label}
          value={typeof value === "string" ? value : ""}
          options={[...(field.optional ? [{ value: "", label: configAbsentOption(field.key) }] : []), ...field.options.map((o) => ({ value: o, label: o }))]}
          onChange={(v) => set(v === "" ? undefined : v)}
        />
      );
    case "text":
    case "number":
      return (
        <TextField
          label={label}
          mono
          numeric={field.kind === "number"}
          value={value === undefined ? "" : String(value)}
          placeholder={configPlaceholder(config.type, field.key, field.default)}
          check={(text) => {
            const typed = checkConfigText(config.type, field, text);
            return typed.ok ? withConfigValue(config, field.key, typed.value) : typed;
          }}
          onCommit={onChange}
          hint={field.kind === "number" && field.min !== undefined && field.max !== undefined ? `${field.min}–${field.max}` : undefined}
        />
      );
  }
}
