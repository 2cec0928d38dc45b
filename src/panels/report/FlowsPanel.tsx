/**
 * Each flow: whether it arrives, why not, and the hops it takes (node, action, device, route,
 * encapsulation, MTU, NAT). Opening a flow selects it and highlights the nodes it passes through.
 */
import { memo } from "react";
import type { FlowHop, FlowReport } from "../../model/report.ts";
import { useReport } from "../../store/report-store.ts";
import { useSelectionStore } from "../../store/selection-store.ts";
import { canvasApi } from "../../canvas/canvas-api.ts";
import { useNames } from "../hooks.ts";
import { Chip, Empty, useRowLimit } from "../ui.tsx";

function showFlow(flow: FlowReport) {
  const { select, highlight } = useSelectionStore.getState();
  select([flow.id]);
  highlight([...new Set([flow.id, ...flow.path.map((h) => h.node)])]);
  canvasApi().reveal(flow.to);
}

function hideFlow() {
  const { select, highlight } = useSelectionStore.getState();
  select([]);
  highlight([]);
}

function Hop({ hop, names }: { hop: FlowHop; names: ReadonlyMap<string, string> }) {
  const facts: [string, string][] = [];
  if (hop.device) facts.push(["Device", hop.device]);
  if (hop.route) facts.push(["Route", hop.route]);
  if (hop.encapsulation) {
    const e = hop.encapsulation;
    facts.push(["Encapsulation", `${e.type.toUpperCase()} ${e.outerSrc} → ${e.outerDst}${e.port !== undefined ? ` port ${e.port}` : ""}, +${e.overhead} B`]);
  }
  if (hop.mtu !== undefined) facts.push(["MTU", String(hop.mtu)]);
  if (hop.nat) facts.push(["NAT", hop.nat]);
  return (
    <li className="relative border-l-2 border-slate-200 pb-2 pl-3 last:pb-0 dark:border-slate-700">
      <span aria-hidden="true" className="absolute top-1 -left-[5px] h-2 w-2 rounded-full bg-slate-400 dark:bg-slate-500" />
      <p className="text-xs">
        <span className="font-semibold text-slate-900 dark:text-slate-50">{names.get(hop.node) ?? hop.node}</span>{" "}
        <span className="text-slate-700 dark:text-slate-300">{hop.action}</span>
      </p>
      {facts.length > 0 && (
        <dl className="mt-0.5 grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-[11px]">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
              <dd className="font-mono break-words text-slate-700 dark:text-slate-200">{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

const FlowItem = memo(function FlowItem({ flow, open, names }: { flow: FlowReport; open: boolean; names: ReadonlyMap<string, string> }) {
  const title = `${names.get(flow.from) ?? flow.from} → ${names.get(flow.to) ?? flow.to}`;
  return (
    <li className={`rounded-md border ${open ? "border-fuchsia-400 dark:border-fuchsia-500" : "border-slate-200 dark:border-slate-700"}`}>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => (open ? hideFlow() : showFlow(flow))}
        className="flex w-full items-start gap-2 rounded-md px-2.5 py-2 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:bg-slate-800/60"
      >
        <span aria-hidden="true" className="mt-0.5 text-[10px] text-slate-400">{open ? "▼" : "▶"}</span>
        <span className="min-w-0 flex-1">
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="text-xs font-semibold text-slate-900 dark:text-slate-50">{title}</span>
            <span className="font-mono text-[11px] text-slate-500 dark:text-slate-400">
              {flow.port}/{flow.protocol}
            </span>
            {flow.reachable ? <Chip tone="good">✓ reachable</Chip> : <Chip tone="bad">✕ unreachable</Chip>}
          </span>
          {flow.reason && <span className="mt-1 block text-[11px] leading-4 text-slate-600 dark:text-slate-300">{flow.reason}</span>}
        </span>
      </button>
      {open && (
        <ol aria-label={`Hops of ${title}`} className="ml-4 px-2.5 pb-2.5">
          {flow.path.map((hop, i) => (
            <Hop key={i} hop={hop} names={names} />
          ))}
        </ol>
      )}
    </li>
  );
});

export function FlowsPanel() {
  const flows = useReport().flows;
  const names = useNames();
  const selected = useSelectionStore((s) => s.selected);
  const { shown, more } = useRowLimit(flows);
  if (flows.length === 0) return <Empty>No flows yet: connect a container or endpoint to a container on the canvas.</Empty>;
  const blocked = flows.filter((f) => !f.reachable).length;
  return (
    <>
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">
        {flows.length - blocked} of {flows.length} flows arrive.{blocked > 0 ? ` ${blocked} do not.` : ""} Open one to see its path; the canvas highlights it.
      </p>
      <ul aria-label="Flows" className="space-y-1.5">
        {shown.map((f) => (
          <FlowItem key={f.id} flow={f} open={selected.includes(f.id)} names={names} />
        ))}
      </ul>
      {more}
    </>
  );
}
