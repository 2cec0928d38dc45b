/** The Firewall and Ports tabs: what must be opened between hosts, and what must be published on them. */
import { useMemo } from "react";
import type { FirewallOpening } from "../../model/report.ts";
import { useReport } from "../../store/report-store.ts";
import { useNames } from "../hooks.ts";
import { Empty, SubHeading, TABLE, useRowLimit } from "../ui.tsx";

const BETWEEN: Record<FirewallOpening["between"], string> = {
  hosts: "all hosts",
  "to-server": "clients → server",
  managers: "managers",
  "underlay-router": "hosts ↔ router",
};

export function FirewallPanel() {
  const clusters = useReport().clusters;
  const names = useNames();
  if (clusters.length === 0) return <Empty>No clusters yet.</Empty>;
  return clusters.map((c) => {
    const name = names.get(c.id) ?? c.id;
    return (
      <section key={c.id} aria-label={`Firewall of ${name}`} className="mb-4">
        <SubHeading note={`${c.backend} · ${c.mode}`}>{name}</SubHeading>
        {c.firewall.length === 0 ? (
          <Empty>Nothing to open between the hosts of {name}.</Empty>
        ) : (
          <div className={TABLE.wrap}>
            <table className={TABLE.table}>
              <caption className={TABLE.caption}>Firewall openings for {name}</caption>
              <thead>
                <tr>
                  <th scope="col" className={TABLE.th}>Protocol</th>
                  <th scope="col" className={`${TABLE.th} text-right`}>Port</th>
                  <th scope="col" className={TABLE.th}>Between</th>
                  <th scope="col" className={TABLE.th}>Reason</th>
                </tr>
              </thead>
              <tbody>
                {c.firewall.map((f, i) => (
                  <tr key={i}>
                    <td className={`${TABLE.td} ${TABLE.mono} font-medium uppercase`}>{f.protocol}</td>
                    <td className={`${TABLE.td} ${TABLE.mono} text-right`}>{f.port ?? "—"}</td>
                    <td className={`${TABLE.td} whitespace-nowrap`}>{BETWEEN[f.between] ?? f.between}</td>
                    <td className={TABLE.td}>{f.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    );
  });
}

export function PortsPanel() {
  const mappings = useReport().portMappings;
  const names = useNames();
  const rows = useMemo(
    () => mappings.map((m) => ({ ...m, containerName: names.get(m.container) ?? m.container, hostName: names.get(m.host) ?? m.host })),
    [mappings, names],
  );
  const { shown, more } = useRowLimit(rows);
  if (rows.length === 0) return <Empty>No port needs publishing: every flow reaches its container directly.</Empty>;
  return (
    <>
      <div className={TABLE.wrap}>
        <table className={TABLE.table}>
          <caption className={TABLE.caption}>Port mappings</caption>
          <thead>
            <tr>
              <th scope="col" className={TABLE.th}>Container</th>
              <th scope="col" className={TABLE.th}>Host</th>
              <th scope="col" className={TABLE.th}>Published → container</th>
              <th scope="col" className={TABLE.th}>Reason</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((m, i) => (
              <tr key={i}>
                <th scope="row" className={`${TABLE.td} font-medium`}>{m.containerName}</th>
                <td className={`${TABLE.td} whitespace-nowrap`}>{m.hostName}</td>
                <td className={`${TABLE.td} ${TABLE.mono}`}>
                  <span className="whitespace-nowrap">
                    {m.hostIp}:{m.hostPort}
                  </span>{" "}
                  <span className="whitespace-nowrap">→ {m.port}/{m.protocol}</span>
                </td>
                <td className={TABLE.td}>{m.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more}
    </>
  );
}
