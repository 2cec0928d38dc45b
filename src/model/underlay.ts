/**
 * The physical side: each underlay's gateway, routers' and hosts' addresses on it. The first
 * router that joins an underlay holds its gateway (the first usable address unless pinned); hosts
 * take the next free addresses in document order.
 */
import { type Addr, type Cidr, addressAt, contains, cidr as parseKnownCidr, formatCidr, formatIp, offsetOf, parseIp } from "./addr/index.ts";
import type { Document } from "./document.ts";
import { allocateAddresses, usableRange } from "./ipam.ts";
import type { Diagnostic, RouterReport, UnderlayReport } from "./report.ts";
import type { UnderlayInfo } from "./backends/types.ts";

export interface UnderlayPlan {
  underlays: Map<string, UnderlayInfo>;
  hostIps: Map<string, Addr>;
  externalIps: Map<string, Addr>;
  routers: RouterReport[];
  reports: UnderlayReport[];
  diagnostics: Diagnostic[];
}

export function planUnderlays(doc: Document): UnderlayPlan {
  const underlays = new Map<string, UnderlayInfo>();
  const hostIps = new Map<string, Addr>();
  const externalIps = new Map<string, Addr>();
  const diagnostics: Diagnostic[] = [];
  const routerAddrs = new Map<string, { underlay: string; ip: string }[]>(doc.routers.map((r) => [r.id, []]));
  const reports: UnderlayReport[] = [];

  for (const u of doc.underlays) {
    const net: Cidr = parseKnownCidr(u.cidr);
    const usable = usableRange(net, 1);
    const taken = new Set<number>();
    const routers = doc.routers.filter((r) => r.underlays.includes(u.id));
    const firstUsable = addressAt(net, usable.first);
    const pin = (text: string | undefined, subjects: string[], what: string): Addr | undefined => {
      if (text === undefined) return undefined;
      const p = parseIp(text);
      if (p.ok && contains(net, p.value)) return p.value;
      diagnostics.push({ code: "ADDRESS_OUTSIDE_SUBNET", severity: "error", subjects, message: `${what} ${text} is not inside underlay "${u.name}" (${formatCidr(net)}). Pin an address from it, or remove the pin.` });
      return undefined;
    };
    // The gateway is reserved even without a router: on a real LAN something answers there.
    const firstRouter = routers[0];
    const gateway = pin(u.gateway, [u.id], `The gateway of underlay "${u.name}",`)
      ?? (firstRouter ? pin(firstRouter.ips[u.id], [firstRouter.id, u.id], `Router "${firstRouter.name}" has an address pinned,`) : undefined)
      ?? firstUsable;
    taken.add(offsetOf(net, gateway));
    routers.forEach((r, i) => {
      let addr = i === 0 ? gateway : pin(r.ips[u.id], [r.id, u.id], `Router "${r.name}" has an address pinned,`);
      if (addr === undefined) {
        let off = usable.first;
        while (taken.has(off) && off <= usable.last) off++;
        addr = addressAt(net, off);
      }
      taken.add(offsetOf(net, addr));
      routerAddrs.get(r.id)?.push({ underlay: u.id, ip: formatIp(addr) });
    });

    const hosts = doc.hosts.filter((h) => h.underlay === u.id);
    const clients = doc.externals.filter((e) => e.underlay === u.id);
    const items = [
      ...hosts.map((h) => ({ id: h.id, pinned: h.ip, label: `host "${h.name}"` })),
      ...clients.map((e) => ({ id: e.id, pinned: e.ip, label: `endpoint "${e.name}"` })),
    ];
    const alloc = allocateAddresses(
      { cidr: net, first: usable.first, last: usable.last, label: `underlay "${u.name}" (${formatCidr(net)})`, subjects: [u.id] },
      items,
      taken,
    );
    diagnostics.push(...alloc.diagnostics);
    for (const h of hosts) { const a = alloc.addresses.get(h.id); if (a) hostIps.set(h.id, a); }
    for (const e of clients) { const a = alloc.addresses.get(e.id); if (a) externalIps.set(e.id, a); }
    underlays.set(u.id, { underlay: u, cidr: net, gateway, mtu: u.mtu, routers: routers.map((r) => r.id) });
    reports.push({
      id: u.id, cidr: formatCidr(net), gateway: formatIp(gateway), mtu: u.mtu,
      hosts: hosts.flatMap((h) => { const a = hostIps.get(h.id); return a ? [{ id: h.id, ip: formatIp(a) }] : []; }),
    });
  }

  const routers: RouterReport[] = doc.routers.map((r) => ({ id: r.id, name: r.name, addresses: routerAddrs.get(r.id) ?? [], routes: [] }));
  return { underlays, hostIps, externalIps, routers, reports, diagnostics };
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
