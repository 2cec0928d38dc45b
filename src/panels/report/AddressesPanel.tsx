/** The address plan: each pool as a picture of who holds what, then the same as a table; the underlays likewise. */
import { useId, useMemo, useState } from "react";
import { backendInfo } from "../../model/backends/catalog.ts";
import { useReport } from "../../store/report-store.ts";
import { useSelectionStore } from "../../store/selection-store.ts";
import { useNames } from "../hooks.ts";
import { Empty, SubHeading, TABLE, useRowLimit } from "../ui.tsx";
import { AddressBar, HOLDER_SWATCH, describeLayout } from "./AddressBar.tsx";
import { type BarPlan, type ClusterPlan, type UnderlayPlan, addressPlan } from "./address-plan.ts";

const select = (ids: string[]) => useSelectionStore.getState().select(ids);
const LEGEND_MAX = 12;

function Swatch({ colour }: { colour: number }) {
  return <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 shrink-0 rounded-sm ${HOLDER_SWATCH[colour]}`} />;
}

function Legend({ items }: { items: { id: string; name: string; colour: number }[] }) {
  if (items.length === 0) return null;
  return (
    <ul aria-label="Legend" className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-[11px] text-slate-600 dark:text-slate-300">
      {items.slice(0, LEGEND_MAX).map((h) => (
        <li key={h.id} className="flex items-center gap-1">
          <Swatch colour={h.colour} />
          {h.name}
        </li>
      ))}
      {items.length > LEGEND_MAX && <li className="text-slate-500 dark:text-slate-400">and {items.length - LEGEND_MAX} more</li>}
    </ul>
  );
}

/**
 * A pool's bar and, when its parts sit in a small corner of it, a second bar zoomed on that
 * corner. One line under both describes the segment pointed at, or sums the pool up.
 */
function BarPicture({ bar, title, noun }: { bar: BarPlan; title: string; noun: string }) {
  const detailId = useId();
  const [detail, setDetail] = useState<string | undefined>();
  const { layout, zoom } = bar;
  const first = layout.segments[0];
  const last = layout.segments[layout.segments.length - 1];
  const zoomWindow = zoom && first && last ? { x: first.x, width: last.x + last.width - first.x } : undefined;
  return (
    <div className="mb-3">
      <AddressBar title={title} layout={layout} noun={noun} onSelect={select} zoomWindow={zoomWindow} detailId={detailId} onActive={setDetail} />
      {zoom && zoomWindow && (
        <>
          <svg aria-hidden="true" viewBox="0 0 1000 16" preserveAspectRatio="none" className="my-0.5 block h-3.5 w-full">
            <path
              d={`M${zoomWindow.x * 1000},0 L0,16 M${(zoomWindow.x + zoomWindow.width) * 1000},0 L1000,16`}
              className="fill-none stroke-slate-400 dark:stroke-slate-500"
              strokeDasharray="3 2"
              vectorEffect="non-scaling-stroke"
            />
          </svg>
          <AddressBar title={`${zoom.cidr}, the part of ${bar.cidr} in use`} layout={zoom.layout} noun={noun} onSelect={select} detailId={detailId} onActive={setDetail} />
        </>
      )}
      <p id={detailId} aria-live="polite" className="mt-1 min-h-8 text-[11px] leading-4 text-slate-700 dark:text-slate-300">
        {detail ? <span className="font-mono">{detail}</span> : <span className="text-slate-500 dark:text-slate-400">{describeLayout(layout)}{zoom ? ` The lower bar zooms on ${zoom.cidr}.` : ""}</span>}
      </p>
    </div>
  );
}

const CONTAINERS_SHOWN = 4;

/** A host's containers with their addresses; beyond a few, the rest on request. */
function ContainerList({ containers }: { containers: ClusterPlan["hosts"][number]["containers"] }) {
  const [all, setAll] = useState(false);
  if (containers.length === 0) return "—";
  const shown = all ? containers : containers.slice(0, CONTAINERS_SHOWN);
  return (
    <>
      {shown.map((c) => (
        <div key={c.id} className="whitespace-nowrap">
          {c.name} <span className={TABLE.mono}>{c.ips.join(", ") || "no address"}</span>
        </div>
      ))}
      {containers.length > shown.length && (
        <button type="button" onClick={() => setAll(true)} className="text-[11px] text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300">
          and {containers.length - shown.length} more
        </button>
      )}
    </>
  );
}

function ClusterAddresses({ plan }: { plan: ClusterPlan }) {
  const { shown, more } = useRowLimit(plan.hosts);
  const backendLabel = (backendInfo as Record<string, { label: string } | undefined>)[plan.backend]?.label ?? plan.backend;
  return (
    <section aria-label={`Addresses of cluster ${plan.name}`} className="mb-5">
      <SubHeading note={`${backendLabel} · ${plan.mode}`}>{plan.name}</SubHeading>
      {plan.pools.length === 0 && <Empty>This cluster has no container pool.</Empty>}
      {plan.pools.map((bar) => (
        <div key={bar.cidr}>
          <p className="mb-1 font-mono text-[11px] font-medium text-slate-700 dark:text-slate-200">{bar.cidr}</p>
          <BarPicture bar={bar} title={`Pool ${bar.cidr} of ${plan.name}`} noun="range" />
        </div>
      ))}
      <Legend items={plan.hosts} />
      <div className={`${TABLE.wrap} mt-3`}>
        <table className={TABLE.table}>
          <caption className={TABLE.caption}>Addresses in {plan.name}</caption>
          <thead>
            <tr>
              <th scope="col" className={TABLE.th}>Host</th>
              <th scope="col" className={TABLE.th}>Underlay IP</th>
              <th scope="col" className={TABLE.th}>Subnets</th>
              <th scope="col" className={TABLE.th}>Containers</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((h) => (
              <tr key={h.id}>
                <th scope="row" className={`${TABLE.td} font-medium whitespace-nowrap`}>
                  <span className="flex items-center gap-1.5">
                    <Swatch colour={h.colour} />
                    {h.name}
                  </span>
                </th>
                <td className={`${TABLE.td} ${TABLE.mono}`}>{h.ip}</td>
                <td className={`${TABLE.td} ${TABLE.mono}`}>{h.subnets.length > 0 ? h.subnets.map((s) => <div key={s}>{s}</div>) : "—"}</td>
                <td className={TABLE.td}>
                  <ContainerList containers={h.containers} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more}
    </section>
  );
}

function UnderlayAddresses({ plan }: { plan: UnderlayPlan }) {
  const { shown, more } = useRowLimit(plan.rows);
  return (
    <section aria-label={`Addresses on underlay ${plan.name}`} className="mb-5">
      <SubHeading note={`MTU ${plan.mtu}`}>
        {plan.name} <span className="font-mono text-[11px] font-normal">{plan.cidr}</span>
      </SubHeading>
      {plan.bar && <BarPicture bar={plan.bar} title={`Underlay ${plan.cidr} (${plan.name})`} noun="address" />}
      <div className={`${TABLE.wrap} mt-2`}>
        <table className={TABLE.table}>
          <caption className={TABLE.caption}>Addresses on {plan.name}</caption>
          <thead>
            <tr>
              <th scope="col" className={TABLE.th}>Holder</th>
              <th scope="col" className={TABLE.th}>Kind</th>
              <th scope="col" className={TABLE.th}>Address</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={`${r.id}:${r.ip}`}>
                <th scope="row" className={`${TABLE.td} font-medium`}>{r.name}</th>
                <td className={TABLE.td}>{r.kind}</td>
                <td className={`${TABLE.td} ${TABLE.mono}`}>{r.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more}
    </section>
  );
}

export function AddressesPanel() {
  const report = useReport();
  const names = useNames();
  const plan = useMemo(() => addressPlan(report, names), [report, names]);
  if (plan.clusters.length === 0 && plan.underlays.length === 0) return <Empty>Nothing to address yet: add an underlay and a cluster.</Empty>;
  return (
    <>
      {plan.clusters.map((c) => (
        <ClusterAddresses key={c.id} plan={c} />
      ))}
      {plan.underlays.length > 0 && (
        <>
          <h3 className="mt-2 mb-1 text-[11px] font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">Underlays</h3>
          {plan.underlays.map((u) => (
            <UnderlayAddresses key={u.id} plan={u} />
          ))}
        </>
      )}
    </>
  );
}
