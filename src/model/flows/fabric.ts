/**
 * The fabric: underlays and the routers between them. A packet put on a segment goes to whoever
 * answers at its next hop there; a router forwards by its connected underlays, then by the routes the
 * report says it holds (ipvlan l3, Calico without encapsulation), then towards another router that
 * joins the destination's underlay. A reply to the Internet leaves the fabric at the first router with
 * no route of its own for it. Where it stops, the reason names the fix.
 */
import { type Addr, addrEquals, contains, formatIp, parseIp } from "../addr/index.ts";
import type { FlowHop } from "../report.ts";
import { type ContainerView, type Endpoint, type HostView, type NetworkIndex, type RouterView, type UnderlayView, hostAddressFor, isUnderlayGateway, onUnderlay, routerAddressFor } from "./network-index.ts";
import { formatRoute } from "../format-route.ts";
import { lookupRoute, networkOf } from "./route-lookup.ts";

export type Stop = { ok: false; stop: string; reason: string };
export type Arrival = { ok: true; endpoint: Endpoint; underlay: UnderlayView } | Stop;
export type FabricState = { at: "underlay"; underlay: UnderlayView; nextHop: Addr } | { at: "router"; router: RouterView };

/** What the fabric shares with the tracer that drives it: the hops so far, the step budget, where the packet is going. */
export interface TraceSteps {
  readonly index: NetworkIndex;
  readonly hops: FlowHop[];
  readonly goal: { kind: "container"; view: ContainerView; host: HostView; addr: Addr } | { kind: "external" };
  spend(at: string): Stop | undefined;
  /** What takes dst beyond the fabric once no router has a route of its own for it (the Internet, for a reply to it). */
  exit(dst: Addr): Endpoint | undefined;
}

/** The next router on the way, the segment shared with it, and its address there. */
type RouterStep = { router: RouterView; underlay: UnderlayView; address: Addr };

export function fail(stop: string, reason: string): Stop {
  return { ok: false, stop, reason };
}

export class Fabric {
  constructor(private readonly t: TraceSteps) {}

  /** "its gateway 192.168.1.1 (core)", "192.168.1.12 (node-2)": an address on a segment with who answers there. */
  describeOnUnderlay(u: UnderlayView, addr: Addr): string {
    const e = this.t.index.endpointAt(u, addr);
    if (!e) return formatIp(addr);
    const role = e.kind === "router" && isUnderlayGateway(u, addr) ? "its gateway " : "";
    return `${role}${formatIp(addr)} (${this.t.index.endpointName(e)})`;
  }

  /** Carries a packet across underlays and routers until it reaches the endpoint that takes it off the fabric. */
  carry(start: FabricState, dst: Addr, what: string): Arrival {
    let state = start;
    let last: UnderlayView | undefined;
    for (;;) {
      const spent = this.t.spend(state.at === "underlay" ? state.underlay.id : state.router.id);
      if (spent) return spent;
      if (state.at === "underlay") {
        const { underlay, nextHop } = state;
        last = underlay;
        const e = this.t.index.endpointAt(underlay, nextHop);
        this.t.hops.push({ node: underlay.id, action: `carries ${what} to ${e ? `${this.t.index.endpointName(e)} (${formatIp(nextHop)})` : formatIp(nextHop)}`, mtu: underlay.mtu });
        if (!e) {
          // No router joins the segment: its gateway is the way out, as the Internet's requests came straight in.
          const exit = isUnderlayGateway(underlay, nextHop) ? this.t.exit(dst) : undefined;
          return exit ? { ok: true, endpoint: exit, underlay } : fail(underlay.id, this.nobodyAnswers(underlay, nextHop));
        }
        if (e.kind !== "router") return { ok: true, endpoint: e, underlay };
        const router = this.t.index.routers.get(e.id);
        if (!router) return fail(underlay.id, this.nobodyAnswers(underlay, nextHop));
        state = { at: "router", router };
        continue;
      }
      const next = this.routerStep(state.router, dst);
      if (!next.ok) return next;
      if ("exit" in next) {
        if (last) return { ok: true, endpoint: next.exit, underlay: last };
        return fail(state.router.id, this.routerNoRoute(state.router, dst));
      }
      state = next.state;
    }
  }

  private routerStep(router: RouterView, dst: Addr): { ok: true; state: FabricState } | { ok: true; exit: Endpoint } | Stop {
    const dstText = formatIp(dst);
    for (const uid of router.addresses.keys()) {
      const u = this.t.index.underlays.get(uid);
      if (u && onUnderlay(u, dst)) {
        this.t.hops.push({ node: router.id, action: `routes it onto ${u.name} (connected)`, mtu: u.mtu });
        return { ok: true, state: { at: "underlay", underlay: u, nextHop: dst } };
      }
    }
    const route = lookupRoute(router.report.routes, dst);
    if (route?.type) {
      this.t.hops.push({ node: router.id, action: "drops it", route: formatRoute(route) });
      return fail(router.id, `${router.name} drops packets for ${dstText}: ${formatRoute(route)}.`);
    }
    const gw = route?.gateway === undefined ? undefined : parseIp(route.gateway);
    if (route && gw?.ok) {
      for (const uid of router.addresses.keys()) {
        const u = this.t.index.underlays.get(uid);
        if (!u || !onUnderlay(u, gw.value)) continue;
        this.t.hops.push({ node: router.id, action: `routes it via ${this.describeOnUnderlay(u, gw.value)} on ${u.name}`, route: formatRoute(route), mtu: u.mtu });
        return { ok: true, state: { at: "underlay", underlay: u, nextHop: gw.value } };
      }
    }
    const exit = route ? undefined : this.t.exit(dst);
    if (exit) {
      this.t.hops.push({ node: router.id, action: `sends it on to ${this.t.index.endpointName(exit)}` });
      return { ok: true, exit };
    }
    const goal = this.t.index.underlayHolding(dst);
    if (goal) {
      const step = this.nextRouterTowards(router, goal, dst.family);
      if (step) {
        this.t.hops.push({ node: router.id, action: `routes it towards ${goal.name} via ${step.router.name} on ${step.underlay.name}`, mtu: step.underlay.mtu });
        return { ok: true, state: { at: "underlay", underlay: step.underlay, nextHop: step.address } };
      }
      return fail(router.id, `${router.name} cannot reach ${goal.name} (${dstText}): no chain of routers joins them. Fix: join the underlays with a router (add "${goal.id}" to the underlays of ${router.name} or of a router it reaches).`);
    }
    return fail(router.id, this.routerNoRoute(router, dst));
  }

  /** Breadth-first over routers sharing underlays: the first router on the way to the goal underlay, by its address of the packet's family. */
  private nextRouterTowards(from: RouterView, goal: UnderlayView, family: 4 | 6): RouterStep | undefined {
    const firstStep = new Map<RouterView, RouterStep>();
    const queue: RouterView[] = [from];
    const seen = new Set<RouterView>([from]);
    for (let i = 0; i < queue.length; i++) {
      const r = queue[i] as RouterView;
      if (r !== from && r.addresses.has(goal.id)) return firstStep.get(r);
      for (const uid of r.addresses.keys()) {
        const u = this.t.index.underlays.get(uid);
        if (!u) continue;
        for (const n of u.routers) {
          if (seen.has(n)) continue;
          const address = routerAddressFor(n, uid, family);
          if (!address) continue;
          seen.add(n);
          firstStep.set(n, r === from ? { router: n, underlay: u, address } : (firstStep.get(r) as RouterStep));
          queue.push(n);
        }
      }
    }
    return undefined;
  }

  private routerNoRoute(router: RouterView, dst: Addr): string {
    const dstText = formatIp(dst);
    const g = this.t.goal;
    if (g.kind !== "container" || !addrEquals(dst, g.addr)) return `${router.name} has no route to ${dstText}. Fix: add a route to ${dstText} on ${router.name}.`;
    const holder = g.host;
    const subnet = holder.report.subnets.find((s) => {
      const net = networkOf(s);
      return net !== undefined && contains(net, dst);
    }) ?? `${dstText}/${dst.family === 4 ? 32 : 128}`;
    return `${router.name} has no route to ${dstText} (${g.view.name} on ${holder.name}). Fix: add a route on ${router.name}: ${subnet} via ${formatIp(hostAddressFor(holder, dst.family) ?? holder.ip)} (${holder.name}).`;
  }

  private nobodyAnswers(u: UnderlayView, addr: Addr): string {
    if (isUnderlayGateway(u, addr)) {
      const why = u.routers.length === 0 ? `no router joins ${u.name}` : `no router holds that address`;
      return `nothing answers at ${u.name}'s gateway ${formatIp(addr)}: ${why}, so its hosts reach nothing beyond it. Fix: join the underlays with a router (one whose underlays include "${u.id}" and the destination's).`;
    }
    return `nothing on ${u.name} answers at ${formatIp(addr)}. Fix: check that the address belongs to a host, router or container on ${u.name}.`;
  }
}
