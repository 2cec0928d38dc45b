/**
 * The Addresses tab's view of a report: per cluster, each pool as a bar of the ranges hosts hold
 * and a row per host; per underlay, a bar of who holds which address. Pure (no React), built once
 * per report and memoised by the panel.
 */
import type { Report } from "../../model/report.ts";
import { type AddressSpan, type BarLayout, type BarOptions, type BarPart, layoutAddressBar, parseSpan, spanContains, zoomCidr } from "./address-layout.ts";

/** Who holds a segment of a bar: a host (or router, or container) of the cluster or underlay. */
export interface PlanHolder {
  id: string;
  name: string;
  /** Index into the palette (AddressBar's HOLDER_FILL): one colour per host, the same in the bar, the legend and the table. */
  colour: number;
  /** What the part is used for ("1 container (web 10.244.0.2)", "host"). */
  use: string;
}

/** A bar, and a second one zoomed on the small region where the parts are (when they sit in a corner of a big pool). */
export interface BarPlan {
  cidr: string;
  layout: BarLayout<PlanHolder>;
  zoom?: { cidr: string; layout: BarLayout<PlanHolder> };
}

function barPlan(cidr: string, parts: BarPart<PlanHolder>[], options?: BarOptions): BarPlan | undefined {
  const layout = layoutAddressBar(cidr, parts, options);
  if (!layout) return undefined;
  const zoom = zoomCidr(layout);
  const zoomed = zoom === undefined ? undefined : layoutAddressBar(zoom, parts, options);
  return zoom && zoomed ? { cidr, layout, zoom: { cidr: zoom, layout: zoomed } } : { cidr, layout };
}

export interface ClusterPlan {
  id: string;
  name: string;
  backend: string;
  mode: string;
  pools: BarPlan[];
  hosts: { id: string; name: string; colour: number; ip: string; subnets: string[]; containers: { id: string; name: string; ips: string[] }[] }[];
}

export interface UnderlayPlan {
  id: string;
  name: string;
  cidr: string;
  gateway: string;
  mtu: number;
  bar: BarPlan | undefined;
  rows: { id: string; name: string; kind: string; ip: string }[];
}

export interface AddressPlan {
  clusters: ClusterPlan[];
  underlays: UnderlayPlan[];
}

const PALETTE_SIZE = 10;
/** Router addresses are drawn amber on every underlay, as routers are on the canvas. */
const ROUTER_COLOUR = 2;
const OTHER_COLOURS = Array.from({ length: PALETTE_SIZE }, (_, i) => i).filter((i) => i !== ROUTER_COLOUR);

function listContainers(cs: { name: string; ip: string }[]): string {
  if (cs.length === 0) return "no containers";
  const head = cs.slice(0, 3).map((c) => `${c.name} ${c.ip}`).join(", ");
  return `${cs.length} container${cs.length === 1 ? "" : "s"} (${head}${cs.length > 3 ? ", …" : ""})`;
}

export function addressPlan(report: Report, names: ReadonlyMap<string, string>): AddressPlan {
  const name = (id: string) => names.get(id) ?? id;
  const containersByHost = new Map<string, Report["containers"]>();
  for (const c of report.containers) {
    const list = containersByHost.get(c.host);
    if (list) list.push(c);
    else containersByHost.set(c.host, [c]);
  }
  const containerSpans = new Map<string, { name: string; ip: string; span: AddressSpan }[]>();
  const spansOf = (host: string) => {
    let spans = containerSpans.get(host);
    if (!spans) {
      spans = (containersByHost.get(host) ?? []).flatMap((c) => c.ips.flatMap((ip) => {
        const span = parseSpan(ip);
        return span ? [{ name: c.name, ip, span }] : [];
      }));
      containerSpans.set(host, spans);
    }
    return spans;
  };

  const hostsByCluster = new Map<string, Report["hosts"]>();
  for (const h of report.hosts) {
    const list = hostsByCluster.get(h.cluster);
    if (list) list.push(h);
    else hostsByCluster.set(h.cluster, [h]);
  }

  const clusters: ClusterPlan[] = report.clusters.map((c) => {
    const hosts = hostsByCluster.get(c.id) ?? [];
    const colours = new Map(hosts.map((h, i) => [h.id, i % PALETTE_SIZE]));
    const parts: BarPart<PlanHolder>[] = hosts.flatMap((h) =>
      h.subnets.map((text) => {
        const span = parseSpan(text);
        const inside = span ? spansOf(h.id).filter((s) => spanContains(span, s.span)) : [];
        return { text, data: { id: h.id, name: h.name, colour: colours.get(h.id) ?? 0, use: listContainers(inside) } };
      }),
    );
    return {
      id: c.id,
      name: name(c.id),
      backend: c.backend,
      mode: c.mode,
      pools: c.pools.flatMap((pool) => barPlan(pool, parts) ?? []),
      hosts: hosts.map((h) => ({
        id: h.id,
        name: h.name,
        colour: colours.get(h.id) ?? 0,
        ip: h.ip,
        subnets: h.subnets,
        containers: (containersByHost.get(h.id) ?? []).map((k) => ({ id: k.id, name: k.name, ips: k.ips })),
      })),
    };
  });

  const hostById = new Map(report.hosts.map((h) => [h.id, h]));
  const underlays: UnderlayPlan[] = report.underlays.map((u) => {
    const rows: UnderlayPlan["rows"] = [];
    const routers = report.routers.flatMap((r) => r.addresses.filter((a) => a.underlay === u.id).map((a) => ({ id: r.id, name: r.name, ip: a.ip })));
    if (!routers.some((r) => r.ip === u.gateway)) rows.push({ id: u.id, name: "Gateway", kind: "gateway", ip: u.gateway });
    for (const r of routers) rows.push({ id: r.id, name: r.name, kind: r.ip === u.gateway ? "router (gateway)" : "router", ip: r.ip });
    for (const h of u.hosts) rows.push({ id: h.id, name: hostById.get(h.id)?.name ?? name(h.id), kind: "host", ip: h.ip });
    // Containers that live on the underlay itself (macvlan, ipvlan l2).
    const cidr = parseSpan(u.cidr);
    if (cidr) {
      for (const c of report.containers) {
        for (const ip of c.ips) {
          const span = parseSpan(ip);
          if (span && spanContains(cidr, span)) rows.push({ id: c.id, name: c.name, kind: "container", ip });
        }
      }
    }
    let next = 0;
    const parts = rows.map((r) => {
      const router = r.kind === "gateway" || r.kind.startsWith("router");
      const colour = router ? ROUTER_COLOUR : OTHER_COLOURS[next++ % OTHER_COLOURS.length]!;
      return { text: r.ip, data: { id: r.id, name: r.name, colour, use: r.kind } };
    });
    return { id: u.id, name: name(u.id), cidr: u.cidr, gateway: u.gateway, mtu: u.mtu, bar: barPlan(u.cidr, parts, { minWidth: 0.006 }), rows };
  });

  return { clusters, underlays };
}
