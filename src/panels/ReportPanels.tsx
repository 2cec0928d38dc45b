/**
 * The report beside the canvas, as tabs: Addresses, Routes, Firewall, Ports, Flows, Diagnostics.
 * Everything here reads the report the Web Worker computed (useReport); nothing calls analyze().
 * Only the open tab renders, so a large report costs nothing in the tabs nobody looks at.
 * The first screen shows Addresses; the other tabs' code loads when one is first opened.
 */
import { type ComponentType, type ReactNode, Suspense, lazy, useId } from "react";
import { useReportStore } from "../store/report-store.ts";
import { useReportPending } from "./hooks.ts";
import { AddressesPanel } from "./report/AddressesPanel.tsx";
import { REPORT_TABS, type ReportTab, useReportView } from "./report/report-view-store.ts";
import { TabList, TabPanel } from "./report/Tabs.tsx";
import { ColumnHeading } from "./ui.tsx";

const RoutesPanel = lazy(() => import("./report/RoutesPanel.tsx").then((m) => ({ default: m.RoutesPanel })));
const FirewallPanel = lazy(() => import("./report/TablesPanels.tsx").then((m) => ({ default: m.FirewallPanel })));
const PortsPanel = lazy(() => import("./report/TablesPanels.tsx").then((m) => ({ default: m.PortsPanel })));
const FlowsPanel = lazy(() => import("./report/FlowsPanel.tsx").then((m) => ({ default: m.FlowsPanel })));
const DiagnosticsPanel = lazy(() => import("./report/DiagnosticsPanel.tsx").then((m) => ({ default: m.DiagnosticsPanel })));

const PANELS: Record<ReportTab, ComponentType> = {
  Addresses: AddressesPanel,
  Routes: RoutesPanel,
  Firewall: FirewallPanel,
  Ports: PortsPanel,
  Flows: FlowsPanel,
  Diagnostics: DiagnosticsPanel,
};

function CountBadge({ n, tone }: { n: number; tone: "bad" | "warn" }) {
  const tones = {
    bad: "bg-red-600 text-white dark:bg-red-500",
    warn: "bg-amber-400 text-amber-950",
  };
  return (
    <span aria-hidden="true" className={`absolute top-0 right-0 min-w-3.5 rounded-full px-1 text-center text-[9px] leading-3.5 font-semibold ${tones[tone]}`}>
      {n}
    </span>
  );
}

function useTabBadges(): Partial<Record<ReportTab, ReactNode>> {
  const errors = useReportStore((s) => s.report.diagnostics.filter((d) => d.severity === "error").length);
  const others = useReportStore((s) => s.report.diagnostics.filter((d) => d.severity === "warning").length);
  const blocked = useReportStore((s) => s.report.flows.filter((f) => !f.reachable).length);
  return {
    Diagnostics: errors > 0 ? <CountBadge n={errors} tone="bad" /> : others > 0 ? <CountBadge n={others} tone="warn" /> : undefined,
    Flows: blocked > 0 ? <CountBadge n={blocked} tone="bad" /> : undefined,
  };
}

export function ReportPanels() {
  const tab = useReportView((s) => s.tab);
  const showTab = useReportView((s) => s.showTab);
  const pending = useReportPending();
  const badges = useTabBadges();
  const Panel = PANELS[tab];
  const base = useId();
  return (
    <section aria-labelledby="report-heading" className="flex min-h-64 flex-1 flex-col text-sm">
      <div className="shrink-0 px-4 pt-3">
        <ColumnHeading
          id="report-heading"
          aside={pending && <span className="text-[11px] text-slate-500 dark:text-slate-400">Updating…</span>}
        >
          Report
        </ColumnHeading>
        <TabList base={base} label="Report" tabs={REPORT_TABS.map((t) => ({ key: t, label: t, badge: badges[t] }))} active={tab} onChange={showTab} />
      </div>
      <TabPanel base={base} active={tab} className="min-h-0 flex-1 overflow-y-auto px-4 pt-3 pb-6">
        {/* Inside the tab panel, which keeps its name (the tab's) while a tab's code loads. */}
        <Suspense fallback={<p role="status" className="topolab-late text-xs text-slate-500 dark:text-slate-400">Loading the {tab} tab…</p>}>
          <Panel />
        </Suspense>
      </TabPanel>
    </section>
  );
}
