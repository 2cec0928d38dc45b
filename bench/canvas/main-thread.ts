/**
 * CPU time of a page's renderer main thread over an interval, from a Chrome trace (CDP Tracing,
 * the `devtools.timeline` category). Thread time (`tdur`) rather than wall time: on a machine shared
 * with other work it counts what this page cost, not how long it waited for a core, so it compares
 * two builds or two pages far more steadily than frame rates do.
 */
import type { CDPSession, Page } from "@playwright/test";

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { frames?: { url?: string; processId?: number }[] } };
}

export interface MainThreadTime {
  /** Every task the main thread ran (ThreadControllerImpl::RunTask, top level), in ms of thread time. */
  taskMs: number;
  /** Parts of it (they nest inside tasks): script, style, layout, paint, layerization. */
  parts: Record<string, number>;
}

const PARTS = ["FunctionCall", "EventDispatch", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit"];

export async function startMainThreadTrace(page: Page): Promise<() => Promise<MainThreadTime>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,toplevel", transferMode: "ReportEvents" });
  const origin = new URL(page.url()).origin;
  return async () => {
    const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.end");
    await complete;
    await cdp.detach();
    // The page's renderer: the process the trace says holds a frame of this origin.
    const pids = new Set<number>();
    for (const e of events) {
      for (const f of e.args?.data?.frames ?? []) if (f.url?.startsWith(origin) && f.processId !== undefined) pids.add(f.processId);
    }
    const mains = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain" && (pids.size === 0 || pids.has(e.pid)));
    const isMain = (e: TraceEvent) => mains.some((m) => m.pid === e.pid && m.tid === e.tid);
    const ms = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
    let taskMs = 0;
    const parts: Record<string, number> = Object.fromEntries(PARTS.map((p) => [p, 0]));
    for (const e of events) {
      if (e.ph !== "X" || !isMain(e)) continue;
      if (e.name === "ThreadControllerImpl::RunTask") taskMs += ms(e);
      else if (e.name in parts) parts[e.name]! += ms(e);
    }
    return { taskMs, parts };
  };
}
