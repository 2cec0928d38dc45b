/**
 * Each flow: whether it arrives and why not. Choosing one opens its packet tracer (PacketTracer.tsx):
 * the flow becomes the selection, the canvas highlights its path and follows the current hop.
 */
import { memo, useRef } from "react";
import type { FlowReport } from "../../model/report.ts";
import { useReport } from "../../store/report-store.ts";
import { useSelectionStore } from "../../store/selection-store.ts";
import { useNames } from "../hooks.ts";
import { Chip, Empty, useRowLimit } from "../ui.tsx";
import { PacketTracer, onTracerKey } from "./PacketTracer.tsx";
import { hopsOf } from "./packet-trace.ts";
import { closeTrace, openTrace } from "./trace-cursor.ts";

const FlowItem = memo(function FlowItem({ flow, open, names }: { flow: FlowReport; open: boolean; names: ReadonlyMap<string, string> }) {
  const title = `${names.get(flow.from) ?? flow.from} → ${names.get(flow.to) ?? flow.to}`;
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    closeTrace();
    toggle.current?.focus();
  };
  return (
    <li
      // While open, the arrow keys, Home and End step through the hops (not nudge the selection).
      data-shortcuts={open ? "local" : undefined}
      onKeyDown={open ? (e) => onTracerKey(e, hopsOf(flow).length, close) : undefined}
      className={`rounded-md border ${open ? "border-fuchsia-400 dark:border-fuchsia-500" : "border-slate-200 dark:border-slate-700"}`}
    >
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        onClick={() => (open ? closeTrace() : openTrace(flow))}
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
          {/* Open, the tracer shows the reason split into where, why and the fix. */}
          {flow.reason && !open && <span className="mt-1 block text-[11px] leading-4 text-slate-600 dark:text-slate-300">{flow.reason}</span>}
        </span>
      </button>
      {open && <PacketTracer flow={flow} title={title} names={names} />}
    </li>
  );
});

export function FlowsPanel() {
  const flows = useReport().flows;
  const names = useNames();
  const traced = useSelectionStore((s) => s.trace?.flow);
  const { shown, more } = useRowLimit(flows);
  if (flows.length === 0) return <Empty>No flows yet: connect a container or endpoint to a container on the canvas.</Empty>;
  const blocked = flows.filter((f) => !f.reachable).length;
  return (
    <>
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">
        {flows.length - blocked} of {flows.length} flows arrive.{blocked > 0 ? ` ${blocked} do not.` : ""} Choose one to trace its packets hop by hop; the canvas follows.
      </p>
      <ul aria-label="Flows" className="space-y-1.5">
        {shown.map((f) => (
          <FlowItem key={f.id} flow={f} open={traced === f.id} names={names} />
        ))}
      </ul>
      {more}
    </>
  );
}
