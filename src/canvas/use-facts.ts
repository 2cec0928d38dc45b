/**
 * Per-node subscriptions: each returns one object or one primitive found by id in a memoised index,
 * so a node re-renders only when its own facts change.
 */
import { useDocumentStore } from "../store/document-store.ts";
import { useReportStore } from "../store/report-store.ts";
import { useSelectionStore } from "../store/selection-store.ts";
import { type DocumentIndex, documentIndex, idSet, reportIndex } from "./indexes.ts";

type Collections = Exclude<keyof DocumentIndex, "kind" | "name">;

export function useObject<C extends Collections>(collection: C, id: string) {
  return useDocumentStore((s) => documentIndex(s.document)[collection].get(id)) as ReturnType<DocumentIndex[C]["get"]>;
}

/** Severity of the worst error or warning naming this object, if any. */
export const useMarkSeverity = (id: string) => useReportStore((s) => reportIndex(s.report).marks.get(id)?.severity);
/** The messages of those diagnostics. */
export const useMarkText = (id: string) => useReportStore((s) => reportIndex(s.report).marks.get(id)?.text);
export const useHighlighted = (id: string) => useSelectionStore((s) => idSet(s.highlighted).has(id));

/** A list of strings as one primitive (space-separated), so the selector result compares by value. */
const joined = (xs: readonly string[] | undefined) => (xs && xs.length > 0 ? xs.join(" ") : undefined);
export const split = (s: string | undefined) => (s ? s.split(" ") : []);

export const useHostFacts = (id: string) => ({
  ip: useReportStore((s) => reportIndex(s.report).hosts.get(id)?.ip),
  subnets: split(useReportStore((s) => joined(reportIndex(s.report).hosts.get(id)?.subnets))),
});
export const useContainerIps = (id: string) => split(useReportStore((s) => joined(reportIndex(s.report).containers.get(id)?.ips)));
export const useClusterFacts = (id: string) => ({
  mode: useReportStore((s) => reportIndex(s.report).clusters.get(id)?.mode),
  mtu: useReportStore((s) => reportIndex(s.report).clusters.get(id)?.mtu),
  pools: split(useReportStore((s) => joined(reportIndex(s.report).clusters.get(id)?.pools))),
  firewall: split(
    useReportStore((s) =>
      joined(reportIndex(s.report).clusters.get(id)?.firewall.map((f) => `${f.protocol.toUpperCase()}${f.port === undefined ? "" : `\u00a0${f.port}`}`)),
    ),
  ),
});
export const useUnderlayFacts = (id: string) => ({
  cidr: useReportStore((s) => reportIndex(s.report).underlays.get(id)?.cidr),
  gateway: useReportStore((s) => reportIndex(s.report).underlays.get(id)?.gateway),
  mtu: useReportStore((s) => reportIndex(s.report).underlays.get(id)?.mtu),
});
export const useRouterIps = (id: string) => split(useReportStore((s) => joined(reportIndex(s.report).routers.get(id)?.addresses.map((a) => a.ip))));
export const useFlowReachable = (id: string) => useReportStore((s) => reportIndex(s.report).flows.get(id));
