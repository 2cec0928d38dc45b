/**
 * One host's (or container's) routing table as `ip route` prints it, its neighbour and FDB entries,
 * and its interfaces. It follows the selection; with no host or container selected, a Host select
 * picks one (the last one selected is remembered).
 */
import { useState } from "react";
import { formatFdb, formatNeighbor, formatRoute } from "../../model/format-route.ts";
import type { ContainerReport, HostReport, Interface, Route } from "../../model/report.ts";
import { hostFdb, hostNeighbors } from "../../model/vteps.ts";
import { useDocumentStore } from "../../store/document-store.ts";
import { useSelectionStore } from "../../store/selection-store.ts";
import { useClusterReport, useContainerReport, useHostReport, useKindOf } from "../hooks.ts";
import { FieldGrid, SelectField } from "../inspector/fields.tsx";
import { Empty, SubHeading, TABLE } from "../ui.tsx";
import { routableIn, useReportView } from "./report-view-store.ts";

function CopyButton({ text, what }: { text: string; what: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      aria-label={`Copy ${what}`}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1500);
        });
      }}
      className="ml-auto rounded px-1.5 py-0.5 text-[11px] font-normal text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
    >
      {done ? "Copied" : "Copy"}
    </button>
  );
}

/** Lines of terminal output: one list item per entry, so each reads (and is found) on its own. */
function Terminal({ label, lines, prompt }: { label: string; lines: string[]; prompt: string }) {
  return (
    <div className="overflow-hidden rounded-md border border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-950">
      <div className="flex items-center border-b border-slate-200 px-2 py-1 font-mono text-[11px] text-slate-500 dark:border-slate-800 dark:text-slate-400">
        <span aria-hidden="true">$ {prompt}</span>
        <CopyButton text={lines.join("\n")} what={label} />
      </div>
      <ol aria-label={label} className="px-2 py-1.5 font-mono text-[11px] leading-[1.125rem] text-slate-800 dark:text-slate-200">
        {lines.map((line, i) => (
          <li key={i} className="-indent-4 pl-4 whitespace-pre-wrap">
            {line}
          </li>
        ))}
      </ol>
    </div>
  );
}

function Interfaces({ owner, interfaces }: { owner: string; interfaces: Interface[] }) {
  if (interfaces.length === 0) return null;
  const extra = (i: Interface) =>
    [
      i.vni !== undefined && `vni ${i.vni}`,
      i.port !== undefined && `port ${i.port}`,
      i.local && `local ${i.local}`,
      i.remote && `remote ${i.remote}`,
      i.peer && `peer ${i.peer}`,
      i.parent && `parent ${i.parent}`,
      i.master && `master ${i.master}`,
      i.mode && `mode ${i.mode}`,
      i.mac && `${i.mac}`,
    ].filter(Boolean).join(" · ");
  return (
    <div className={`${TABLE.wrap} mt-3`}>
      <table className={TABLE.table}>
        <caption className={TABLE.caption}>Interfaces of {owner}</caption>
        <thead>
          <tr>
            <th scope="col" className={TABLE.th}>Name</th>
            <th scope="col" className={TABLE.th}>Kind</th>
            <th scope="col" className={TABLE.th}>Addresses</th>
            <th scope="col" className={`${TABLE.th} text-right`}>MTU</th>
          </tr>
        </thead>
        <tbody>
          {interfaces.map((i) => (
            <tr key={i.name}>
              <th scope="row" className={`${TABLE.td} ${TABLE.mono} font-medium`}>{i.name}</th>
              <td className={TABLE.td}>
                {i.kind}
                {extra(i) && <div className="text-[10px] text-slate-500 dark:text-slate-400">{extra(i)}</div>}
              </td>
              <td className={`${TABLE.td} ${TABLE.mono}`}>{i.addresses.length > 0 ? i.addresses.map((a) => <div key={a}>{a}</div>) : "—"}</td>
              <td className={`${TABLE.td} ${TABLE.mono} text-right`}>{i.mtu}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RouteList({ owner, routes }: { owner: string; routes: Route[] }) {
  if (routes.length === 0) return <Empty>No routes.</Empty>;
  return <Terminal label={`Routing table of ${owner}`} prompt="ip route" lines={routes.map(formatRoute)} />;
}

function HostRoutes({ host }: { host: HostReport }) {
  const cluster = useClusterReport(host.cluster);
  const clusters = cluster ? [cluster] : [];
  const neighbors = hostNeighbors({ clusters }, host);
  const fdb = hostFdb({ clusters }, host);
  return (
    <>
      <SubHeading note={`host · ${host.ip}`}>{host.name}</SubHeading>
      <RouteList owner={host.name} routes={host.routes} />
      {neighbors.length > 0 && (
        <div className="mt-2">
          <Terminal label={`Neighbours of ${host.name}`} prompt="ip neigh" lines={neighbors.map(formatNeighbor)} />
        </div>
      )}
      {fdb.length > 0 && (
        <div className="mt-2">
          <Terminal label={`Forwarding entries of ${host.name}`} prompt="bridge fdb" lines={fdb.map(formatFdb)} />
        </div>
      )}
      <Interfaces owner={host.name} interfaces={host.interfaces} />
    </>
  );
}

function ContainerRoutes({ container }: { container: ContainerReport }) {
  const device: Interface = container.device ?? { name: container.interface, kind: "veth", addresses: container.addresses, mtu: container.mtu };
  return (
    <>
      <SubHeading note={`container · ${container.ips.join(", ") || "no address"}`}>{container.name}</SubHeading>
      <RouteList owner={container.name} routes={container.routes} />
      <Interfaces owner={container.name} interfaces={[device]} />
    </>
  );
}

export function RoutesPanel() {
  const selectedTarget = useSelectionStore((s) => routableIn(s.selected));
  const remembered = useReportView((s) => s.routesTarget);
  const pick = useReportView((s) => s.pickRoutesTarget);
  const hosts = useDocumentStore((s) => s.document.hosts);
  const fallback = remembered !== undefined && hosts.some((h) => h.id === remembered) ? remembered : hosts[0]?.id;
  const target = selectedTarget ?? fallback;
  const kind = useKindOf(target);
  const host = useHostReport(kind === "host" ? target : undefined);
  const container = useContainerReport(kind === "container" ? target : undefined);

  if (hosts.length === 0) return <Empty>No hosts yet: routing tables appear once a cluster has hosts.</Empty>;
  return (
    <>
      {selectedTarget === undefined && (
        <div className="mb-3">
          <FieldGrid>
            <SelectField label="Host" value={kind === "host" && target ? target : ""} options={[...(kind === "host" ? [] : [{ value: "", label: "Choose a host" }]), ...hosts.map((h) => ({ value: h.id, label: h.name }))]} onChange={(id) => id && pick(id)} />
          </FieldGrid>
        </div>
      )}
      {host ? <HostRoutes host={host} /> : container ? <ContainerRoutes container={container} /> : <Empty>Computing…</Empty>}
    </>
  );
}
