/**
 * The packet tracer of an open flow: where an unreachable flow stops, why and what would fix it;
 * a hop cursor (Previous hop / Next hop, the arrow keys, Home/End, announced in a live region) that
 * the canvas follows; and the hops in order, the request then the reply, each with its device, the
 * route that matched (as `ip route` prints it), encapsulation, MTU and NAT.
 */
import { type KeyboardEvent, type ReactNode, useEffect, useRef } from "react";
import type { FlowReport } from "../../model/report.ts";
import { useSelectionStore } from "../../store/selection-store.ts";
import { type TracedHop, hopFacts, hopSentence, hopsOf, splitFix, stopIndex, targetText } from "./packet-trace.ts";
import { useReportView } from "./report-view-store.ts";
import { goToHop, selectInvolved, stepHop } from "./trace-cursor.ts";

// Leaving the Flows tab puts the tracer away, and its highlight with it (the flow stays selected).
useReportView.subscribe((state, previous) => {
  if (previous.tab === "Flows" && state.tab !== "Flows" && useSelectionStore.getState().trace) useSelectionStore.getState().highlight([]);
});

const KEY_STEPS: Record<string, number> = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 };

/** The keys of the packet tracer, for the element around it (which marks itself data-shortcuts="local"). */
export function onTracerKey(e: KeyboardEvent, hopCount: number, close: () => void) {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const step = KEY_STEPS[e.key];
  if (step !== undefined) stepHop(step);
  else if (e.key === "Home") goToHop(0);
  else if (e.key === "End") goToHop(hopCount - 1);
  else if (e.key === "Escape") close();
  else return;
  e.preventDefault();
  e.stopPropagation();
}

function Hop({ traced, current, stop, names }: { traced: TracedHop; current: boolean; stop: boolean; names: ReadonlyMap<string, string> }) {
  const { hop, index } = traced;
  const facts = hopFacts(hop);
  const ref = useRef<HTMLLIElement>(null);
  const mounted = useRef(false);
  // Keep the current hop in view as the cursor moves (not on opening: the reason comes first).
  useEffect(() => {
    if (current && mounted.current) ref.current?.scrollIntoView?.({ block: "nearest" });
    mounted.current = true;
  }, [current]);
  const dot = stop ? "bg-red-600 text-white" : current ? "bg-fuchsia-600 text-white dark:bg-fuchsia-500" : "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200";
  return (
    <li
      ref={ref}
      aria-current={current ? "step" : undefined}
      className={`relative -ml-px scroll-mt-20 border-l-2 pb-2 pl-4 last:pb-0 ${current ? "border-fuchsia-500" : "border-slate-200 dark:border-slate-700"}`}
    >
      <span aria-hidden="true" className={`absolute top-0.5 -left-[10px] flex h-[18px] min-w-[18px] items-center justify-center rounded-full px-1 font-mono text-[10px] font-semibold ${dot}`}>
        {stop ? "✕" : index + 1}
      </span>
      <div className={`rounded-md px-1.5 py-1 ${current ? "bg-fuchsia-50 ring-1 ring-fuchsia-300 dark:bg-fuchsia-950/50 dark:ring-fuchsia-800" : ""}`}>
        <button
          type="button"
          tabIndex={-1}
          onClick={() => goToHop(index)}
          className="block w-full text-left text-xs focus-visible:outline-2 focus-visible:outline-blue-500"
        >
          <span className="font-semibold text-slate-900 dark:text-slate-50">{names.get(hop.node) ?? hop.node}</span>{" "}
          <span className="text-slate-700 dark:text-slate-300">{hop.action}</span>
        </button>
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
        {stop && <p className="mt-0.5 text-[11px] font-semibold text-red-700 dark:text-red-300">The packet stops here.</p>}
      </div>
    </li>
  );
}

/** Where an unreachable flow stops, why, what would fix it, and a button selecting what it concerns. */
function StopReport({ flow, names }: { flow: FlowReport; names: ReadonlyMap<string, string> }) {
  const { why, fix } = splitFix(flow.reason ?? "");
  const hops = hopsOf(flow);
  const stop = stopIndex(flow);
  const at = stop === undefined ? undefined : hops[stop];
  return (
    <section aria-label="Where the flow stops" className="mb-2 space-y-1 rounded-md border border-red-200 bg-red-50 px-2.5 py-2 text-xs leading-4 text-red-950 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100">
      {at && (
        <p>
          <span className="font-semibold">Stops at:</span> {names.get(at.hop.node) ?? at.hop.node}, hop {at.index + 1} of {hops.length}
          {at.leg === "reply" ? " (on the reply)" : ""}
        </p>
      )}
      {why && (
        <p>
          <span className="font-semibold">Why:</span> {why}
        </p>
      )}
      {fix && (
        <p>
          <span className="font-semibold">Fix:</span> {fix}
        </p>
      )}
      <button
        type="button"
        onClick={() => selectInvolved(flow)}
        className="mt-1 rounded border border-red-300 bg-white px-2 py-0.5 text-[11px] font-medium text-red-800 hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-red-800 dark:bg-red-950 dark:text-red-100 dark:hover:bg-red-900"
      >
        Select the objects involved
      </button>
    </section>
  );
}

function StepButton({ label, keys, disabled, onClick, children }: { label: string; keys: string; disabled: boolean; onClick: () => void; children: ReactNode }) {
  // aria-disabled, not disabled: the button keeps the focus at the first or last hop, so the arrow keys still work.
  return (
    <button
      type="button"
      aria-disabled={disabled}
      title={`${label} (${keys})`}
      onClick={() => !disabled && onClick()}
      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-[11px] font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-500 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
    >
      {children}
    </button>
  );
}

export function PacketTracer({ flow, title, names }: { flow: FlowReport; title: string; names: ReadonlyMap<string, string> }) {
  const current = useSelectionStore((s) => s.trace?.current ?? 0);
  const hops = hopsOf(flow);
  const stop = stopIndex(flow);
  const request = hops.filter((h) => h.leg === "request");
  const reply = hops.filter((h) => h.leg === "reply");
  const list = (items: TracedHop[]) =>
    items.map((h) => <Hop key={h.index} traced={h} current={h.index === current} stop={h.index === stop} names={names} />);
  return (
    <div role="group" aria-label={`Packet tracer: ${title}`} className="px-2.5 pb-2.5">
      {!flow.reachable && <StopReport flow={flow} names={names} />}
      {flow.target && (
        <p className="mb-1.5 text-[11px] text-slate-600 dark:text-slate-300">
          Sent to <span className="font-mono text-slate-800 dark:text-slate-100">{targetText(flow.target)}</span>
        </p>
      )}
      {hops.length === 0 ? (
        <p className="text-[11px] text-slate-500 dark:text-slate-400">No hop was traced: the flow stops before its first packet leaves.</p>
      ) : (
        <>
          <div className="sticky -top-3 z-10 -mx-1 mb-2 bg-white px-1 py-1 dark:bg-slate-900">
            <div className="flex items-center gap-1.5">
              <StepButton label="Previous hop" keys="← or ↑" disabled={current <= 0} onClick={() => stepHop(-1)}>
                <span aria-hidden="true">◀ </span>Previous hop
              </StepButton>
              <StepButton label="Next hop" keys="→ or ↓" disabled={current >= hops.length - 1} onClick={() => stepHop(1)}>
                Next hop<span aria-hidden="true"> ▶</span>
              </StepButton>
              <span className="ml-auto text-[10px] text-slate-500 dark:text-slate-400">← → Home End</span>
            </div>
            <p role="status" aria-live="polite" aria-atomic="true" className="mt-1 text-[11px] leading-4 text-slate-800 dark:text-slate-100">
              {hopSentence(flow, current, names)}
            </p>
          </div>
          <h4 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">Request</h4>
          <ol aria-label={`Request hops of ${title}`} className="ml-2.5">
            {list(request)}
          </ol>
          {reply.length > 0 && (
            <>
              <h4 className="mt-3 mb-1 border-t border-dashed border-slate-300 pt-2 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:border-slate-600 dark:text-slate-400">
                Reply
              </h4>
              <ol aria-label={`Reply hops of ${title}`} start={request.length + 1} className="ml-2.5">
                {list(reply)}
              </ol>
            </>
          )}
        </>
      )}
    </div>
  );
}
