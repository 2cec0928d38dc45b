/**
 * The physical side of the lab: one namespace per underlay holding a Linux bridge (br0) that every
 * member's veth joins; one per router (forwarding on, an address on each underlay it joins — and its
 * IPv6 address on a dual-stack underlay's cidr6 — the routes report.routers[].routes lists, and
 * routes towards underlays it does not join, in both families, through the router the model would
 * use); one per external endpoint.
 *
 * The Internet: each external without an underlay gets a namespace on a "wan" segment with a
 * private lab-only address (from 198.18.0.0/15 or another free reserved range). Every router joins
 * the wan, and the external routes each underlay, and each destination a router routes, to the
 * router that holds that underlay's gateway — where the model says Internet traffic enters. An
 * external does not forward (so the wan never joins underlays the design keeps apart). Underlays
 * without a router are joined directly with a spare address of theirs, as the model lets the
 * Internet reach them.
 */
import { type Cidr, addressAt, cidrSize, formatCidr, formatIp, overlaps, parseCidr } from "../model/addr/index.ts";
import type { RouterReport, UnderlayReport } from "../model/report.ts";
import { type LabIndex, UNDERLAY_BRIDGE, networkOfAddress, prefixOf, routersOn } from "./lab-index.ts";
import type { ScriptBuilder } from "./script-builder.ts";
import { ns, q } from "./shell.ts";

const WAN_CANDIDATES = {
  4: ["198.18.0.0/24", "198.19.255.0/24", "100.64.0.0/24", "192.0.2.0/24", "203.0.113.0/24", "198.51.100.0/24"],
  6: ["fd7c:1ab0::/64", "fd7c:1ab1::/64", "fdff:1ab0::/64"],
};
const WAN_SUFFIX = "wan";

/** Joins namespace `member` to an underlay's bridge with a veth: `port` on the bridge side, `dev` inside. */
export function attach(s: ScriptBuilder, segment: string, port: string, member: string, dev: string, mtu: number, addresses: readonly string[]): void {
  s.run("ip", "-n", ns(segment), "link", "add", q(port), "mtu", String(mtu), "type", "veth", "peer", "name", q(dev), "mtu", String(mtu), "netns", ns(member));
  s.run("ip", "-n", ns(segment), "link", "set", q(port), "master", UNDERLAY_BRIDGE, "up");
  for (const a of addresses) s.run("ip", "-n", ns(member), "addr", "add", q(a), "dev", q(dev), ...(a.includes(":") ? ["nodad"] : []));
  s.run("ip", "-n", ns(member), "link", "set", q(dev), "up");
}

export function buildUnderlays(s: ScriptBuilder, lab: LabIndex): void {
  for (const u of lab.report.underlays) {
    const suffix = lab.underlaySuffix.get(u.id) as string;
    s.section(`underlay ${u.id} ${u.cidr} = \${P}${suffix}: a Linux bridge every member joins`);
    segment(s, suffix, u.mtu);
  }
}

function segment(s: ScriptBuilder, suffix: string, mtu: number): void {
  s.raw(`mkns ${suffix} 0`);
  s.run("ip", "-n", ns(suffix), "link", "add", UNDERLAY_BRIDGE, "mtu", String(mtu), "type", "bridge");
  s.run("ip", "-n", ns(suffix), "link", "set", UNDERLAY_BRIDGE, "up");
}

/** The free range the wan uses: none of the document's networks or addresses overlaps it. */
export function wanCidr(lab: LabIndex, family: 4 | 6 = 4): Cidr | undefined {
  const taken: Cidr[] = [];
  const add = (text: string | undefined) => {
    if (text === undefined || text === "default") return;
    const c = networkOfAddress(text);
    if (c) taken.push(c);
  };
  const r = lab.report;
  r.underlays.forEach((u) => add(u.cidr));
  r.clusters.forEach((c) => c.pools.forEach(add));
  r.hosts.forEach((h) => { h.subnets.forEach((x) => add(x.includes("–") ? undefined : x)); h.routes.forEach((rt) => add(rt.dst)); h.interfaces.forEach((d) => d.addresses.forEach(add)); });
  r.containers.forEach((c) => c.addresses.forEach(add));
  r.routers.forEach((ro) => ro.routes.forEach((rt) => add(rt.dst)));
  for (const text of WAN_CANDIDATES[family]) {
    const c = parseCidr(text);
    if (c.ok && !taken.some((t) => overlaps(t, c.value))) return c.value;
  }
  return undefined;
}

/** The wan's addresses: IPv4 always, IPv6 too when an underlay or a router route is IPv6. */
interface WanPlan {
  cidrs: Cidr[];
  routerIps: Map<string, string[]>;
  externalIps: Map<string, string[]>;
}

/** The wan address of a router in the family of `dst`. */
function wanVia(plan: WanPlan | undefined, routerId: string, dst: string): string | undefined {
  const v6 = dst.includes(":");
  return plan?.routerIps.get(routerId)?.find((a) => a.includes(":") === v6)?.split("/")[0];
}

export function internetExternals(lab: LabIndex) {
  return lab.doc.externals.filter((e) => e.underlay === undefined);
}

export function buildWan(s: ScriptBuilder, lab: LabIndex): WanPlan | undefined {
  const internet = internetExternals(lab);
  if (internet.length === 0 || lab.report.routers.length === 0) return undefined;
  const needs6 = lab.report.underlays.some((u) => u.cidr.includes(":") || u.cidr6 !== undefined) || lab.report.routers.some((r) => r.routes.some((x) => x.dst.includes(":")));
  const cidrs = [wanCidr(lab, 4), ...(needs6 ? [wanCidr(lab, 6)] : [])].filter((c): c is Cidr => c !== undefined);
  if (cidrs.length === 0) {
    s.note("no free private range for the lab's Internet segment; Internet endpoints reach no router");
    return undefined;
  }
  const at = (offset: number) => cidrs.map((c) => `${formatIp(addressAt(c, Math.min(offset, cidrSize(c) - 2)))}/${c.prefix}`);
  const plan: WanPlan = { cidrs, routerIps: new Map(), externalIps: new Map() };
  internet.forEach((e, i) => plan.externalIps.set(e.id, at(1 + i)));
  lab.report.routers.forEach((r, i) => plan.routerIps.set(r.id, at(100 + i)));
  s.section(`the Internet's side: wan ${cidrs.map(formatCidr).join(" and ")} = \${P}${WAN_SUFFIX} (lab-only addresses)`);
  segment(s, WAN_SUFFIX, 1500);
  return plan;
}

export function buildRouters(s: ScriptBuilder, lab: LabIndex, wan: WanPlan | undefined): void {
  for (const r of lab.report.routers) {
    const suffix = lab.routerSuffix.get(r.id) as string;
    s.section(`router ${r.id} = \${P}${suffix}`);
    s.raw(`mkns ${suffix} 1`);
    r.addresses.forEach((a, j) => {
      const u = lab.underlays.get(a.underlay);
      if (!u) return;
      const v6 = a.ip6 !== undefined && u.cidr6 !== undefined ? [`${a.ip6}/${prefixOf(u.cidr6)}`] : [];
      attach(s, lab.underlaySuffix.get(u.id) as string, suffix, suffix, `eth${j}`, u.mtu, [`${a.ip}/${prefixOf(u.cidr)}`, ...v6]);
    });
    const wanIps = wan?.routerIps.get(r.id);
    if (wanIps) attach(s, WAN_SUFFIX, suffix, suffix, "wan", 1500, wanIps);
    for (const route of r.routes) {
      const v6 = route.dst.includes(":") || (route.gateway?.includes(":") ?? false);
      s.run("ip", "-n", ns(suffix), ...(v6 ? ["-6"] : []), "route", "add", ...(route.type ? [route.type] : []), q(route.dst), ...(route.gateway ? ["via", q(route.gateway)] : []));
    }
    for (const { underlay, via, via6 } of fabricRoutes(lab, r)) {
      s.comment(`towards ${underlay.id}, which ${r.id} does not join: via the next router on the way (as the model's fabric goes)`);
      s.run("ip", "-n", ns(suffix), ...(via.includes(":") ? ["-6"] : []), "route", "add", q(underlay.cidr), "via", q(via));
      if (underlay.cidr6 !== undefined && via6 !== undefined) s.run("ip", "-n", ns(suffix), "-6", "route", "add", q(underlay.cidr6), "via", q(via6));
    }
  }
}

/**
 * Breadth-first over routers that share underlays, as the model's fabric walks them: the first router
 * on the way, by its address on the shared underlay (`via6`: its IPv6 one, where that underlay is dual-stack).
 */
export function fabricRoutes(lab: LabIndex, from: RouterReport): { underlay: UnderlayReport; via: string; via6?: string }[] {
  const joined = new Set(from.addresses.map((a) => a.underlay));
  const out: { underlay: UnderlayReport; via: string; via6?: string }[] = [];
  for (const goal of lab.report.underlays) {
    if (joined.has(goal.id)) continue;
    const first = new Map<RouterReport, { ip: string; ip6?: string | undefined }>();
    const queue: RouterReport[] = [from];
    const seen = new Set([from]);
    let via: { ip: string; ip6?: string | undefined } | undefined;
    for (let i = 0; i < queue.length && via === undefined; i++) {
      const r = queue[i] as RouterReport;
      if (r !== from && r.addresses.some((a) => a.underlay === goal.id)) { via = first.get(r); break; }
      for (const a of r.addresses) {
        for (const n of routersOn(lab.report, a.underlay)) {
          if (seen.has(n)) continue;
          seen.add(n);
          const addr = n.addresses.find((x) => x.underlay === a.underlay);
          if (addr === undefined) continue;
          first.set(n, r === from ? { ip: addr.ip, ip6: addr.ip6 } : (first.get(r) as { ip: string; ip6?: string }));
          queue.push(n);
        }
      }
    }
    if (via !== undefined) out.push(via.ip6 === undefined ? { underlay: goal, via: via.ip } : { underlay: goal, via: via.ip, via6: via.ip6 });
  }
  return out;
}

export function buildExternals(s: ScriptBuilder, lab: LabIndex, wan: WanPlan | undefined): void {
  lab.doc.externals.forEach((e) => {
    const suffix = lab.externalSuffix.get(e.id) as string;
    s.section(`external ${e.id} (${e.kind}) = \${P}${suffix}`);
    s.raw(`mkns ${suffix} 0`);
    if (e.underlay !== undefined) {
      const u = lab.underlays.get(e.underlay);
      const ip = lab.externalIps.get(e.id);
      if (!u || !ip) { s.note(`${e.id} has no address on its underlay; it is left unconnected`); return; }
      attach(s, lab.underlaySuffix.get(u.id) as string, suffix, suffix, "eth0", u.mtu, [`${ip}/${prefixOf(u.cidr)}`]);
      s.run("ip", "-n", ns(suffix), "route", "add", "default", "via", q(u.gateway));
      return;
    }
    internetRoutes(s, lab, e.id, suffix, wan);
  });
}

function internetRoutes(s: ScriptBuilder, lab: LabIndex, id: string, suffix: string, wan: WanPlan | undefined): void {
  const ips = wan?.externalIps.get(id);
  if (ips) attach(s, WAN_SUFFIX, suffix, suffix, "wan", 1500, ips);
  const routed = new Set<string>();
  let port = 0;
  for (const u of lab.report.underlays) {
    const gatewayRouter = routersOn(lab.report, u.id)[0];
    const via = gatewayRouter ? wanVia(wan, gatewayRouter.id, u.cidr) : undefined;
    if (via) {
      s.run("ip", "-n", ns(suffix), ...(via.includes(":") ? ["-6"] : []), "route", "add", q(u.cidr), "via", q(via));
      routed.add(u.cidr);
      const via6 = u.cidr6 === undefined ? undefined : wanVia(wan, (gatewayRouter as RouterReport).id, u.cidr6);
      if (u.cidr6 !== undefined && via6) {
        s.run("ip", "-n", ns(suffix), "-6", "route", "add", q(u.cidr6), "via", q(via6));
        routed.add(u.cidr6);
      }
    } else if (!gatewayRouter) {
      const spare = spareAddress(lab, u);
      if (!spare) { s.note(`${id}: underlay ${u.id} has no router and no spare address; the Internet does not reach it`); continue; }
      s.comment(`${u.id} has no router: the Internet reaches it directly (as the model says), with a spare address of ${u.cidr}`);
      attach(s, lab.underlaySuffix.get(u.id) as string, suffix, suffix, `eth${port++}`, u.mtu, [`${spare}/${prefixOf(u.cidr)}`]);
    }
  }
  for (const r of lab.report.routers) {
    for (const route of r.routes) {
      const via = wanVia(wan, r.id, route.dst);
      if (!via || route.type !== undefined || route.dst === "default" || routed.has(route.dst)) continue;
      routed.add(route.dst);
      s.run("ip", "-n", ns(suffix), ...(via.includes(":") ? ["-6"] : []), "route", "add", q(route.dst), "via", q(via));
    }
  }
}

/** The highest address of an underlay that nothing in the design holds. */
export function spareAddress(lab: LabIndex, u: UnderlayReport): string | undefined {
  const c = parseCidr(u.cidr);
  if (!c.ok || c.value.family !== 4) return undefined;
  const used = new Set<string>([u.gateway]);
  lab.report.hosts.forEach((h) => used.add(h.ip));
  lab.report.routers.forEach((r) => r.addresses.forEach((a) => used.add(a.ip)));
  lab.report.containers.forEach((x) => x.ips.forEach((ip) => used.add(ip)));
  lab.externalIps.forEach((ip) => used.add(ip));
  for (let off = cidrSize(c.value) - 2; off >= 1; off--) {
    const text = formatIp(addressAt(c.value, off));
    if (!used.has(text)) return text;
  }
  return undefined;
}
