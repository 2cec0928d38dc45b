/**
 * The physical side: each underlay's gateway, routers' and hosts' addresses on it. The first
 * router that joins an underlay holds its gateway (the first usable address unless pinned); hosts
 * take the next free addresses in document order. A dual-stack underlay (cidr6) is planned the
 * same way on its IPv6 network: gateway ::1, routers, then hosts; external clients stay on cidr.
 */
import { type Addr, type Cidr, addressAt, contains, cidr as parseKnownCidr, formatCidr, formatIp, offsetOf, parseIp } from "./addr/index.ts";
import type { Document, Host, Router, Underlay } from "./document.ts";
import { type AllocationItem, allocateAddresses, usableRange } from "./ipam.ts";
import type { Diagnostic, RouterReport, UnderlayReport } from "./report.ts";
import type { UnderlayInfo } from "./backends/types.ts";

export interface UnderlayPlan {
  underlays: Map<string, UnderlayInfo>;
  hostIps: Map<string, Addr>;
  /** Hosts' addresses on their underlay's cidr6 (dual-stack underlays only). */
  hostIp6s: Map<string, Addr>;
  externalIps: Map<string, Addr>;
  routers: RouterReport[];
  reports: UnderlayReport[];
  diagnostics: Diagnostic[];
}

/** One address family of one underlay: its network, the pins that apply, and who takes addresses in it. */
interface Side {
  net: Cidr;
  gatewayPin: string | undefined;
  routerPin: (r: Router) => string | undefined;
  items: AllocationItem[];
}

interface SidePlan {
  gateway: Addr;
  routerIps: Map<string, Addr>;
  addresses: Map<string, Addr>;
}

/**
 * The gateway (pinned, else the first router's pin, else the first usable address) is reserved
 * even without a router: on a real LAN something answers there. Other routers take their pins or
 * the next free addresses, then the items (hosts, clients) theirs.
 */
function planSide(u: Underlay, side: Side, routers: readonly Router[], diagnostics: Diagnostic[]): SidePlan {
  const { net } = side;
  const usable = usableRange(net, 1);
  const taken = new Set<number>();
  const pin = (text: string | undefined, subjects: string[], what: string): Addr | undefined => {
    if (text === undefined) return undefined;
    const p = parseIp(text);
    if (p.ok && contains(net, p.value)) return p.value;
    diagnostics.push({ code: "ADDRESS_OUTSIDE_SUBNET", severity: "error", subjects, message: `${what} ${text} is not inside underlay "${u.name}" (${formatCidr(net)}). Pin an address from it, or remove the pin.` });
    return undefined;
  };
  const firstRouter = routers[0];
  const gateway = pin(side.gatewayPin, [u.id], `The gateway of underlay "${u.name}",`)
    ?? (firstRouter ? pin(side.routerPin(firstRouter), [firstRouter.id, u.id], `Router "${firstRouter.name}" has an address pinned,`) : undefined)
    ?? addressAt(net, usable.first);
  taken.add(offsetOf(net, gateway));
  const routerIps = new Map<string, Addr>();
  routers.forEach((r, i) => {
    let addr = i === 0 ? gateway : pin(side.routerPin(r), [r.id, u.id], `Router "${r.name}" has an address pinned,`);
    if (addr === undefined) {
      let off = usable.first;
      while (taken.has(off) && off <= usable.last) off++;
      addr = addressAt(net, off);
    }
    taken.add(offsetOf(net, addr));
    routerIps.set(r.id, addr);
  });
  const alloc = allocateAddresses(
    { cidr: net, first: usable.first, last: usable.last, label: `underlay "${u.name}" (${formatCidr(net)})`, subjects: [u.id] },
    side.items,
    taken,
  );
  diagnostics.push(...alloc.diagnostics);
  return { gateway, routerIps, addresses: alloc.addresses };
}

export function planUnderlays(doc: Document): UnderlayPlan {
  const underlays = new Map<string, UnderlayInfo>();
  const hostIps = new Map<string, Addr>();
  const hostIp6s = new Map<string, Addr>();
  const externalIps = new Map<string, Addr>();
  const diagnostics: Diagnostic[] = [];
  const routerAddrs = new Map<string, RouterReport["addresses"]>(doc.routers.map((r) => [r.id, []]));
  const reports: UnderlayReport[] = [];

  for (const u of doc.underlays) {
    const net: Cidr = parseKnownCidr(u.cidr);
    const routers = doc.routers.filter((r) => r.underlays.includes(u.id));
    const hosts = doc.hosts.filter((h) => h.underlay === u.id);
    const clients = doc.externals.filter((e) => e.underlay === u.id);
    const v4 = planSide(u, {
      net, gatewayPin: u.gateway, routerPin: (r) => r.ips[u.id],
      items: [
        ...hosts.map((h) => ({ id: h.id, pinned: h.ip, label: `host "${h.name}"` })),
        ...clients.map((e) => ({ id: e.id, pinned: e.ip, label: `endpoint "${e.name}"` })),
      ],
    }, routers, diagnostics);
    const net6 = u.cidr6 === undefined ? undefined : parseKnownCidr(u.cidr6);
    const v6 = net6 && planSide(u, {
      net: net6, gatewayPin: u.gateway6, routerPin: (r) => r.ips6?.[u.id],
      items: hosts.map((h) => ({ id: h.id, pinned: h.ip6, label: `host "${h.name}"` })),
    }, routers, diagnostics);
    if (!v6) diagnostics.push(...strayIpv6Pins(u, hosts, routers));

    for (const r of routers) {
      const a4 = v4.routerIps.get(r.id) as Addr;
      const a6 = v6?.routerIps.get(r.id);
      routerAddrs.get(r.id)?.push(a6 ? { underlay: u.id, ip: formatIp(a4), ip6: formatIp(a6) } : { underlay: u.id, ip: formatIp(a4) });
    }
    for (const h of hosts) {
      const a = v4.addresses.get(h.id);
      if (a) hostIps.set(h.id, a);
      const a6 = v6?.addresses.get(h.id);
      if (a6) hostIp6s.set(h.id, a6);
    }
    for (const e of clients) { const a = v4.addresses.get(e.id); if (a) externalIps.set(e.id, a); }
    underlays.set(u.id, net6 && v6
      ? { underlay: u, cidr: net, gateway: v4.gateway, cidr6: net6, gateway6: v6.gateway, mtu: u.mtu, routers: routers.map((r) => r.id) }
      : { underlay: u, cidr: net, gateway: v4.gateway, mtu: u.mtu, routers: routers.map((r) => r.id) });
    const hostRows = hosts.flatMap((h) => {
      const a = hostIps.get(h.id);
      if (!a) return [];
      const a6 = hostIp6s.get(h.id);
      return [a6 ? { id: h.id, ip: formatIp(a), ip6: formatIp(a6) } : { id: h.id, ip: formatIp(a) }];
    });
    reports.push(net6 && v6
      ? { id: u.id, cidr: formatCidr(net), gateway: formatIp(v4.gateway), cidr6: formatCidr(net6), gateway6: formatIp(v6.gateway), mtu: u.mtu, hosts: hostRows }
      : { id: u.id, cidr: formatCidr(net), gateway: formatIp(v4.gateway), mtu: u.mtu, hosts: hostRows });
  }

  const routers: RouterReport[] = doc.routers.map((r) => ({ id: r.id, name: r.name, addresses: routerAddrs.get(r.id) ?? [], routes: [] }));
  return { underlays, hostIps, hostIp6s, externalIps, routers, reports, diagnostics };
}

/** IPv6 pins (host ip6, router ips6) on an underlay without cidr6 have nothing to live on. */
function strayIpv6Pins(u: Underlay, hosts: readonly Host[], routers: readonly Router[]): Diagnostic[] {
  const fix = u.cidr.includes(":")
    ? `its cidr ${u.cidr} is IPv6 itself, so pin the address with ip (routers: ips) instead`
    : `give the underlay an IPv6 network (cidr6) to make it dual-stack, or remove the pin`;
  const out: Diagnostic[] = [];
  for (const h of hosts) {
    if (h.ip6 === undefined) continue;
    out.push({ code: "ADDRESS_OUTSIDE_SUBNET", severity: "error", subjects: [h.id, u.id], message: `Host "${h.name}" has the IPv6 address ${h.ip6} pinned (ip6), but underlay "${u.name}" has no IPv6 network beside ${u.cidr}: ${fix}.` });
  }
  for (const r of routers) {
    const text = r.ips6?.[u.id];
    if (text === undefined) continue;
    out.push({ code: "ADDRESS_OUTSIDE_SUBNET", severity: "error", subjects: [r.id, u.id], message: `Router "${r.name}" has the IPv6 address ${text} pinned on underlay "${u.name}" (ips6), but the underlay has no IPv6 network beside ${u.cidr}: ${fix}.` });
  }
  return out;
}

/** Underlays joined through routers: a connected-components view so "can host A reach host B" is one lookup. */
export function underlayComponents(doc: Document): Map<string, number> {
  const component = new Map<string, number>();
  const neighbours = new Map<string, Set<string>>(doc.underlays.map((u) => [u.id, new Set<string>()]));
  for (const r of doc.routers) for (const a of r.underlays) for (const b of r.underlays) neighbours.get(a)?.add(b);
  let next = 0;
  for (const u of doc.underlays) {
    if (component.has(u.id)) continue;
    const stack = [u.id];
    while (stack.length > 0) {
      const cur = stack.pop() as string;
      if (component.has(cur)) continue;
      component.set(cur, next);
      for (const n of neighbours.get(cur) ?? []) if (!component.has(n)) stack.push(n);
    }
    next++;
  }
  return component;
}
