/**
 * The cluster form: name, orchestrator, IP family, the Kubernetes service range and the container
 * network — its backend and mode, then the backend's own fields generated from its config schema,
 * then what it is (capabilities at a glance, the long explanation collapsed). The report's
 * diagnostics about the cluster show beside its pool field, the others at the top of the form.
 */
import { useMemo } from "react";
import { backendInfo, backendInfoFor } from "../../model/backends/catalog.ts";
import { BACKEND_TYPES } from "../../model/backends/configs.ts";
import { type BackendConfig, type BackendType, type Cluster, IP_FAMILIES, ORCHESTRATORS } from "../../model/document.ts";
import type { ClusterReport, Diagnostic } from "../../model/report.ts";
import { useDocumentStore } from "../../store/document-store.ts";
import { announce } from "../../store/status-store.ts";
import { useClusterReport, useObject } from "../hooks.ts";
import { Chip } from "../ui.tsx";
import { type ConfigField, checkConfigText, configFields, defaultBackend, withConfigValue } from "./config-fields.ts";
import { backendSentence, configAbsentOption, configLabel, configPlaceholder } from "./config-labels.ts";
import { TopProblems, useDiagnosticsOf } from "./diagnostic-notes.tsx";
import { updateObject } from "./edit.ts";
import { CheckboxField, FieldGrid, FieldSection, SelectField, TextField } from "./fields.tsx";
import { type PlacedDiagnostics, placeClusterDiagnostics, poolInUse } from "./problems.ts";
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
  const diagnostics = useDiagnosticsOf(id);
  const config = cluster?.backend;
  // The report's pools describe this backend only once the worker has analysed it.
  const pools = report && config && report.backend === config.type ? report.pools : undefined;
  const placed = usePlacedDiagnostics(diagnostics, config, pools);
  if (!cluster || !config) return null;
  const update = (patch: Record<string, unknown>) => updateObject("clusters", id, patch);
  const setBackend = (backend: BackendConfig) => update({ backend });
  const switchBackend = (next: BackendConfig) => {
    setBackend(next);
    announce(`${cluster.name} now uses ${backendSentence(backendInfo[next.type].label, backendInfo[next.type].modes.find((m) => m.id === next.mode)?.label ?? next.mode)}`);
  };
  const backend = backendInfo[config.type];
  return (
    <>
      <TopProblems label={`Diagnostics of ${cluster.name}`} problems={placed.rest} />
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
      {/* Not "Backend": the group's name would be read again before the Backend field's own. */}
      <FieldSection title="Container network">
        <FieldGrid>
          <SelectField
            label="Backend"
            wide
            value={config.type}
            options={BACKEND_TYPES.map((t) => ({ value: t, label: backendInfo[t].label }))}
            onChange={(t) => switchBackend(defaultBackend(t as BackendType))}
            hint="Changing it starts from that backend's defaults."
          />
          <SelectField
            label="Mode"
            wide
            value={config.mode}
            options={backend.modes.map((m) => ({ value: m.id, label: m.label }))}
            onChange={(mode) => {
              const next = withConfigValue(config, "mode", mode);
              if (next.ok) switchBackend(next.value);
            }}
          />
          <BackendFields clusterId={id} config={config} onChange={setBackend} pools={pools} placed={placed} />
        </FieldGrid>
        <BackendExplanation config={config} report={report} />
      </FieldSection>
      <GroupSizeFields id={id} />
    </>
  );
}

/** Which of the cluster's diagnostics go beside which pool field, and which at the top. */
function usePlacedDiagnostics(diagnostics: readonly Diagnostic[], config: BackendConfig | undefined, pools: readonly string[] | undefined): PlacedDiagnostics {
  return useMemo(() => {
    if (!config) return { byField: new Map(), rest: diagnostics };
    const values = config as Record<string, unknown>;
    const fields = configFields(config.type).map((f) => ({ key: f.key, value: typeof values[f.key] === "string" ? (values[f.key] as string) : undefined }));
    return placeClusterDiagnostics(diagnostics, fields, pools);
  }, [diagnostics, config, pools]);
}

/**
 * What the chosen backend is: its capabilities at a glance, then (collapsed, "How Calico works")
 * its description, its state, Topolab's defaults, and the cluster report's notes.
 */
function BackendExplanation({ config, report }: { config: BackendConfig; report: ClusterReport | undefined }) {
  const backend = backendInfoFor(config);
  const caps = useMemo(() => backendInfoFor(config).capabilities(config), [config]);
  const yesNo = (on: boolean, yes: string, no: string) => (on ? <Chip tone="good">✓ {yes}</Chip> : <Chip tone="off">✕ {no}</Chip>);
  const encapsulation = report?.encapsulation;
  return (
    <div role="note" aria-label={`About ${backend.label}`} className="mt-3 rounded-md border border-slate-200 bg-slate-50 p-3 text-xs leading-5 text-slate-700 dark:border-slate-700 dark:bg-slate-800/50 dark:text-slate-300">
      <ul aria-label="Capabilities" className="flex flex-wrap gap-1">
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
      <details className="mt-2">
        <summary className="cursor-pointer font-medium text-slate-600 select-none dark:text-slate-300">How {backend.label} works</summary>
        <p className="mt-1">{backend.description}</p>
        <p className="mt-2 text-[11px] text-slate-500 dark:text-slate-400">State: {caps.datastore}.</p>
        <details className="mt-2">
          <summary className="cursor-pointer font-medium text-slate-600 select-none dark:text-slate-300">Topolab's defaults</summary>
          <p className="mt-1">{backend.topolabDefaults}</p>
        </details>
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

interface BackendFieldsProps {
  clusterId: string;
  config: BackendConfig;
  onChange: (c: BackendConfig) => void;
  /** The pools in use (the report's), for what an empty pool field means. */
  pools: readonly string[] | undefined;
  placed: PlacedDiagnostics;
}

const NO_PROBLEMS: readonly Diagnostic[] = [];

/** One control per field of the backend's config schema. */
function BackendFields({ clusterId, config, onChange, pools, placed }: BackendFieldsProps) {
  const fields = useMemo(() => configFields(config.type), [config.type]);
  return fields.map((f) => (
    <BackendField key={`${config.type}.${f.key}`} clusterId={clusterId} config={config} field={f} onChange={onChange} inUse={poolInUse(f.key, pools)} problems={placed.byField.get(f.key) ?? NO_PROBLEMS} />
  ));
}

function BackendField({ clusterId, config, field, onChange, inUse, problems }: { clusterId: string; config: BackendConfig; field: ConfigField; onChange: (c: BackendConfig) => void; inUse: string | undefined; problems: readonly Diagnostic[] }) {
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
          placeholder={inUse !== undefined && field.default === undefined ? `auto: ${inUse}` : configPlaceholder(config.type, field.key, field.default)}
          problems={problems}
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
