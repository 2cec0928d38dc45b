/**
 * Forms for hosts, containers (with their port rows) and flows. A flow's form says whether it is
 * reachable and shows the diagnostics that name it, with a one-click fix for a missing port.
 */
import { useRef } from "react";
import { PROTOCOLS, type PortMapping } from "../../model/document.ts";
import { useDocumentStore } from "../../store/document-store.ts";
import { announce } from "../../store/status-store.ts";
import { useContainerReport, useFlowReport, useHostReport, useObject } from "../hooks.ts";
import { Chip } from "../ui.tsx";
import { useDiagnosticsOf } from "./diagnostic-notes.tsx";
import { reparentObject, updateObject } from "./edit.ts";
import { Fact, Facts, FieldGrid, FieldSection, ProblemList, SelectField, TextField } from "./fields.tsx";
import { type PortFix, portFixFor } from "./problems.ts";
import { GroupSizeFields } from "./size-fields.tsx";
import { checkKernel, checkName, checkOptionalIp, checkPort } from "./validate.ts";

const optionalIp = (family?: 4 | 6) => (text: string) => checkOptionalIp(text, family);
const PROTOCOL_OPTIONS = PROTOCOLS.map((p) => ({ value: p, label: p.toUpperCase() }));

export function HostForm({ id }: { id: string }) {
  const host = useObject("hosts", id);
  const clusters = useDocumentStore((s) => s.document.clusters);
  const underlays = useDocumentStore((s) => s.document.underlays);
  const report = useHostReport(id);
  if (!host) return null;
  const update = (patch: Record<string, unknown>) => updateObject("hosts", id, patch);
  return (
    <>
      <FieldGrid>
        <TextField label="Name" value={host.name} check={checkName} onCommit={(name) => update({ name })} />
        <SelectField label="Cluster" value={host.cluster} options={clusters.map((c) => ({ value: c.id, label: c.name }))} onChange={(c) => reparentObject(id, c)} />
        <SelectField label="Underlay" value={host.underlay} options={underlays.map((u) => ({ value: u.id, label: `${u.name} (${u.cidr})` }))} onChange={(underlay) => update({ underlay })} />
        <TextField
          label="Pinned IP"
          mono
          value={host.ip ?? ""}
          check={optionalIp()}
          onCommit={(ip) => update({ ip })}
          placeholder={report?.ip ? `auto: ${report.ip}` : "the next free address"}
        />
        <TextField label="Kernel" mono value={host.kernel} check={checkKernel} onCommit={(kernel) => update({ kernel })} placeholder="6.1" hint="IPVLAN, WireGuard and VXLAN need recent kernels." />
      </FieldGrid>
      {report && (
        <Facts>
          <Fact label="Underlay address">{report.ip}</Fact>
          <Fact label="Container subnets">{report.subnets.length > 0 ? report.subnets.join(", ") : "none"}</Fact>
        </Facts>
      )}
      <GroupSizeFields id={id} />
    </>
  );
}

function publishKind(p: PortMapping): "none" | "number" | "auto" {
  return p.publish === undefined ? "none" : p.publish === "auto" ? "auto" : "number";
}

function PortRow({ index, port, onChange, onRemove }: { index: number; port: PortMapping; onChange: (p: PortMapping) => void; onRemove: () => void }) {
  const publish = publishKind(port);
  const setPublish = (kind: string) => {
    const { publish: _old, ...rest } = port;
    if (kind === "none") onChange(rest);
    else onChange({ ...rest, publish: kind === "auto" ? "auto" : port.port });
  };
  return (
    <fieldset className="relative mt-2 min-w-0 rounded-md border border-slate-200 px-3 pt-1 pb-3 dark:border-slate-700">
      <legend className="px-1 text-[11px] font-medium text-slate-500 dark:text-slate-400">Port mapping {index + 1}</legend>
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Remove port mapping ${index + 1}`}
        title="Remove this port"
        className="absolute -top-2.5 right-2 rounded bg-white px-1.5 text-xs text-slate-500 hover:text-red-600 focus-visible:outline-2 focus-visible:outline-blue-500 dark:bg-slate-900 dark:text-slate-400 dark:hover:text-red-400"
      >
        Remove
      </button>
      <FieldGrid>
        <TextField label="Port" numeric mono value={String(port.port)} check={checkPort} onCommit={(n) => onChange({ ...port, port: n })} />
        <SelectField label="Protocol" value={port.protocol} options={PROTOCOL_OPTIONS} onChange={(protocol) => onChange({ ...port, protocol: protocol as PortMapping["protocol"] })} />
        <SelectField
          label="Publish"
          value={publish}
          options={[
            { value: "none", label: "Not published" },
            { value: "number", label: "On a host port" },
            { value: "auto", label: "On a free host port (auto)" },
          ]}
          onChange={setPublish}
        />
        {typeof port.publish === "number" && (
          <TextField label="Host port" numeric mono value={String(port.publish)} check={checkPort} onCommit={(n) => onChange({ ...port, publish: n })} />
        )}
      </FieldGrid>
    </fieldset>
  );
}

export function ContainerForm({ id }: { id: string }) {
  const container = useObject("containers", id);
  const hosts = useDocumentStore((s) => s.document.hosts);
  const clusters = useDocumentStore((s) => s.document.clusters);
  const report = useContainerReport(id);
  if (!container) return null;
  const update = (patch: Record<string, unknown>) => updateObject("containers", id, patch);
  const setPorts = (ports: PortMapping[]) => update({ ports });
  const addPort = () => {
    const used = new Set(container.ports.map((p) => p.port));
    const port = [80, 443, 8080, 8000, 3000, 5000].find((p) => !used.has(p)) ?? Math.max(1023, ...used) + 1;
    setPorts([...container.ports, { port, protocol: "tcp" }]);
  };
  return (
    <>
      <FieldGrid>
        <TextField label="Name" value={container.name} check={checkName} onCommit={(name) => update({ name })} />
        <SelectField
          label="Host"
          value={container.host}
          groups={clusters.map((c) => ({ label: c.name, options: hosts.filter((h) => h.cluster === c.id).map((h) => ({ value: h.id, label: h.name })) }))}
          onChange={(h) => reparentObject(id, h)}
        />
        <TextField label="Pinned IP" mono value={container.ip ?? ""} check={optionalIp()} onCommit={(ip) => update({ ip })} placeholder={report?.ips[0] ? `auto: ${report.ips[0]}` : "the next free address"} />
        <TextField
          label="Pinned IPv6"
          mono
          value={container.ip6 ?? ""}
          check={optionalIp(6)}
          onCommit={(ip6) => update({ ip6 })}
          placeholder={report?.ips.find((a) => a.includes(":")) ? `auto: ${report.ips.find((a) => a.includes(":"))}` : "IPv6 clusters only"}
        />
      </FieldGrid>
      <FieldSection title="Ports">
        {container.ports.length === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">No ports declared.</p>}
        {container.ports.map((p, i) => (
          <PortRow
            key={i}
            index={i}
            port={p}
            onChange={(next) => setPorts(container.ports.map((q, j) => (j === i ? next : q)))}
            onRemove={() => setPorts(container.ports.filter((_, j) => j !== i))}
          />
        ))}
        <button
          type="button"
          onClick={addPort}
          className="mt-2 rounded-md px-2 py-1 text-xs font-medium text-blue-700 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300 dark:hover:bg-blue-950"
        >
          + Add port
        </button>
      </FieldSection>
      {report && (
        <Facts>
          <Fact label="Addresses">{report.addresses.join(", ") || "none"}</Fact>
          <Fact label="Gateway">{report.gateway ?? "none"}</Fact>
          <Fact label="MTU">{report.mtu}</Fact>
        </Facts>
      )}
    </>
  );
}

export function FlowForm({ id }: { id: string }) {
  const flow = useObject("flows", id);
  const containers = useDocumentStore((s) => s.document.containers);
  const externals = useDocumentStore((s) => s.document.externals);
  const report = useFlowReport(id);
  const diagnostics = useDiagnosticsOf(id);
  const status = useRef<HTMLDivElement>(null);
  if (!flow) return null;
  const update = (patch: Record<string, unknown>) => updateObject("flows", id, patch);
  // A flow goes from one endpoint to another: each select leaves out what the other holds.
  const options = (exclude: string) => containers.filter((c) => c.id !== exclude).map((c) => ({ value: c.id, label: c.name }));
  const target = containers.find((c) => c.id === flow.to);
  const fixes = diagnostics.map((d) => portFixFor(d, flow, target));
  // An error naming the flow already says why it fails (FLOW_UNREACHABLE repeats the reason).
  const explained = diagnostics.some((d) => d.severity === "error");
  const apply = (fix: PortFix) => {
    updateObject("containers", fix.container, { ports: fix.ports });
    announce(fix.done);
    // The button goes with the diagnostic it fixes: keep the focus on the flow's status.
    status.current?.focus();
  };
  return (
    <>
      <FieldGrid>
        <SelectField
          label="From"
          value={flow.from}
          groups={[
            { label: "Containers", options: options(flow.to) },
            { label: "External endpoints", options: externals.map((e) => ({ value: e.id, label: e.name })) },
          ]}
          onChange={(from) => update({ from })}
        />
        <SelectField label="To" value={flow.to} options={options(flow.from)} onChange={(to) => update({ to })} />
        <TextField label="Port" numeric mono value={String(flow.port)} check={checkPort} onCommit={(port) => update({ port })} />
        <SelectField label="Protocol" value={flow.protocol} options={PROTOCOL_OPTIONS} onChange={(protocol) => update({ protocol })} />
      </FieldGrid>
      {report && (
        <div ref={status} tabIndex={-1} aria-label="Reachability" role="group" className="mt-3 space-y-2 text-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500">
          <div className="flex items-start gap-2">
            {report.reachable ? <Chip tone="good">✓ Reachable</Chip> : <Chip tone="bad">✕ Does not arrive</Chip>}
            {report.reason && !explained && <p className="text-slate-600 dark:text-slate-300">{report.reason}</p>}
          </div>
          <ProblemList
            label="Diagnostics of this flow"
            problems={diagnostics}
            className=""
            action={(_, i) => {
              const fix = fixes[i];
              return (
                fix && (
                  <button
                    type="button"
                    onClick={() => apply(fix)}
                    className="mt-1 ml-5 rounded-md border border-blue-300 bg-white px-2 py-0.5 text-xs font-medium text-blue-700 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-blue-800 dark:bg-slate-900 dark:text-blue-300 dark:hover:bg-blue-950"
                  >
                    {fix.label}
                  </button>
                )
              );
            }}
          />
        </div>
      )}
    </>
  );
}
