/**
 * The packet tracer: follows one flow hop by hop through the routing tables the backends produced.
 * Containers and hosts do a longest-prefix match on their own table; a route into a tunnel device
 * means encapsulation towards the host that owns the destination (or the tunnel gateway, for hub and
 * spoke); a route out of the underlay NIC hands the packet to the fabric, where routers forward by
 * their connected underlays and the routes the report says they hold. A step budget stops loops.
 * The same tracer carries the reply back (flows/reply.ts): only the goal, the texts and the NAT differ.
 */
import { type Addr, addrEquals, formatIp, parseIp } from "../addr/index.ts";
import type { FlowHop, Interface, Route } from "../report.ts";
import { encapsulationFor, encapsulationName, segmentDevice, tunnelDevice } from "./devices.ts";
import { type Arrival, Fabric, type FabricState, type Stop, type TraceSteps, fail } from "./fabric.ts";
import { type ClusterView, type ContainerView, type Endpoint, type HostView, type NetworkIndex, deviceOf, hostAddressFor, isTunnel, onUnderlay, underlayGatewayFor } from "./network-index.ts";
import { formatRoute } from "../format-route.ts";
import { isDefaultRoute, lookupRoute } from "./route-lookup.ts";

/** Hops a packet may take before the tracer calls it a loop: far more than any sane design needs. */
const MAX_STEPS = 64;

export type ContainerGoal = { kind: "container"; view: ContainerView; host: HostView; addr: Addr };

/** Where the packet is done: a container (the request's target, a reply's source), or an external client. */
export type TraceGoal =
  | ContainerGoal
  | {
    kind: "external"; id: string; name: string; addr: Addr;
    /** The Internet: addr stands for any address beyond the routers, so a router with no route of its own for it sends it on. */
    internet: boolean;
  };

/**
 * A rewrite waiting at a host's own address, to the goal container: a published port's DNAT for the
 * request, conntrack undoing the source host's masquerade for the reply.
 */
export interface HostNat {
  host: HostView;
  /** The host's address the rewrite waits at (its ip, or its ip6 for an IPv6 packet on a dual-stack underlay). */
  at: Addr;
  /** The port the sender aims at while the rewrite is ahead: the published port. */
  aimPort?: number;
  /** The hop's nat text: "DNAT 192.168.1.11:8080 → 10.244.0.2:80". */
  rewrite: string;
  /** What the host does: "takes hostPort 443/tcp and rewrites it to intranet (DNAT)". */
  action: string;
}

export interface TraceOptions {
  goal: TraceGoal;
  port: number;
  protocol: string;
  /** The packet is the reply: it leaves the target's port for the address the target saw as the source. */
  reply?: boolean;
  hostNat?: HostNat;
  /** Reply only: the host whose conntrack puts the published address back as the reply's source. */
  unDnat?: { host: HostView; rewrite: string; source: string };
}

/** A route that took the packet into a cluster's own devices (tunnel, bridge, flat L2) instead of out to the underlay. */
export interface Detour {
  at: string;
  route: Route;
  dst: Addr;
  cluster: ClusterView;
}

/** The published port a flow aims at: the packet goes to the host's address `at`:hostPort and is rewritten there to the target. */
export function publishedPortNat(host: HostView, at: Addr, hostPort: number, how: string, target: { name: string; addr: Addr; port: number }): HostNat {
  return {
    host, at, aimPort: hostPort,
    rewrite: `DNAT ${hostPortText(at, hostPort)} → ${hostPortText(target.addr, target.port)}`,
    action: `takes ${how} and rewrites it to ${target.name} (DNAT)`,
  };
}

export type Outcome = { ok: true } | Stop;

export function hostPortText(addr: Addr, port: number): string {
  return addr.family === 6 ? `[${formatIp(addr)}]:${port}` : `${formatIp(addr)}:${port}`;
}

/** " (UDP 8472)": the outer port with the protocol the cluster's firewall opening gives it. */
function outerPortText(host: HostView, port: number | undefined): string {
  if (port === undefined) return "";
  const opening = host.cluster.report.firewall.find((f) => f.port === port);
  return ` (${opening ? `${opening.protocol.toUpperCase()} ` : "port "}${port})`;
}

export class PacketTrace implements TraceSteps {
  readonly hops: FlowHop[] = [];
  /** Routes into the clusters' own devices, in path order: where a reply that goes astray left the way back. */
  readonly detours: Detour[] = [];
  readonly goal: TraceGoal;
  private readonly fabric = new Fabric(this);
  private steps = 0;
  private readonly reply: boolean;
  /** Masquerade waiting to be applied where the packet leaves the source host for the underlay. */
  private snat: { host: HostView; text: string } | undefined;
  private hostNat: HostNat | undefined;
  private unDnat: TraceOptions["unDnat"];
  /** The source host whose masquerade the packet left with: the reply comes back to its address. */
  masqueradedBy: HostView | undefined;
  /** The rewrite the packet took at a host's own address: conntrack undoes it for the reply. */
  natTaken: HostNat | undefined;
  /** The reply's source as the goal will see it: the target's own, then the published address once un-DNATed. */
  private replySource: string;

  constructor(readonly index: NetworkIndex, private readonly options: TraceOptions) {
    this.goal = options.goal;
    this.reply = options.reply ?? false;
    this.hostNat = options.hostNat;
    this.unDnat = options.unDnat;
    this.replySource = "";
  }

  private get service(): string {
    return `${this.options.port}/${this.options.protocol}`;
  }

  /** "192.168.1.11:8080/tcp": where the sender aims, the published port while the DNAT is ahead. */
  private aimText(dst: Addr): string {
    return `${hostPortText(dst, this.hostNat?.aimPort ?? this.options.port)}/${this.options.protocol}`;
  }

  /** "10.244.0.2 → 192.168.1.11:8080/tcp" for a request; "10.244.0.2:80/tcp → 10.244.1.50 (office PC)" for a reply, to a client port unknown. */
  private packetText(src: Addr, dst: Addr): string {
    if (!this.reply) return `${formatIp(src)} → ${this.aimText(dst)}`;
    const g = this.goal;
    const whom = g.kind === "external" && addrEquals(dst, g.addr) ? ` (${g.name})` : "";
    return `${this.replySource}/${this.options.protocol} → ${formatIp(dst)}${whom}`;
  }

  /** The Internet, for a reply to it: what takes the packet once no router has a route of its own for it. */
  exit(dst: Addr): Endpoint | undefined {
    const g = this.goal;
    return g.kind === "external" && g.internet && addrEquals(dst, g.addr) ? { kind: "external", id: g.id } : undefined;
  }

  private fail(stop: string, reason: string): Stop {
    return fail(stop, reason);
  }

  spend(at: string): Stop | undefined {
    this.steps++;
    return this.steps > MAX_STEPS
      ? this.fail(at, `the packet keeps being forwarded without arriving (more than ${MAX_STEPS} hops): the routing tables form a loop. Fix: check the routes of the nodes on the path.`)
      : undefined;
  }

  /** The host of a cluster that holds an address: the goal's own host first, so reused ranges (docker0 everywhere) resolve to the flow's end. */
  private holder(host: HostView, addr: Addr): HostView | undefined {
    const g = this.goal;
    if (g.kind === "container" && addrEquals(addr, g.addr) && g.host.cluster === host.cluster) return g.host;
    return this.index.hostHolding(host.cluster, addr);
  }

  /** `from`: the source address when it is not the container's first of dst's family (a reply from its docker_gwbridge leg). */
  fromContainer(source: ContainerView, host: HostView, dst: Addr, masquerade: boolean, from?: Addr): Outcome {
    const report = source.report;
    const route = report ? lookupRoute(report.routes, dst) : undefined;
    const src = from ?? source.addrs.find((a) => a.family === dst.family);
    if (!report || !route || !src) {
      return this.fail(source.id, `${source.name} has no route to ${formatIp(dst)}: its routing table has no matching entry. Fix: give the container a default route via its host.`);
    }
    const dev = route.dev ?? report.interface;
    if (this.reply) this.replySource = hostPortText(src, this.options.port);
    const sends = `${this.reply ? "replies" : "sends"} ${this.packetText(src, dst)}`;
    const hop: FlowHop = {
      node: source.id,
      action: route.gateway ? `${sends} to its gateway ${route.gateway} via ${dev}` : `${sends} out of ${dev}`,
      device: dev, route: formatRoute(route), mtu: report.mtu,
    };
    this.hops.push(hop);
    if (route.type) return this.fail(source.id, `${source.name} drops it: ${formatRoute(route)}.`);

    const gateway = route.gateway === undefined ? undefined : parseIp(route.gateway);
    const nextHop = gateway?.ok ? gateway.value : dst;
    if (host.cluster.result.capabilities.containersOnUnderlay && onUnderlay(host.underlay, src)) {
      // Macvlan / ipvlan l2: the container's interface is on the LAN; its packets never cross the host's routing.
      return this.continueFrom(this.fabric.carry({ at: "underlay", underlay: host.underlay, nextHop }, dst, "the packet"), dst);
    }
    if (masquerade) this.snat = { host, text: `SNAT → ${formatIp(hostAddressFor(host, dst.family) ?? host.ip)} (masquerade)` };
    const undo = this.unDnat?.host === host ? this.takeUnDnat() : undefined;
    if (route.gateway === undefined && !isDefaultRoute(route)) {
      // The container's own link covers dst: a flat L2 network (Weave, OVS, Docker overlay) spanning the hosts.
      const owner = this.holder(host, dst);
      if (owner && owner !== host) {
        this.detours.push({ at: source.name, route, dst, cluster: host.cluster });
        return this.overlay(host, owner, dst, undefined, "", undo);
      }
    }
    return this.atHost(host, dst, "", undo);
  }

  /** Conntrack on the host that DNATed the request gives the reply the published address as its source. */
  private takeUnDnat(): string | undefined {
    const u = this.unDnat;
    this.unDnat = undefined;
    if (u) this.replySource = u.source;
    return u?.rewrite;
  }

  fromExternal(externalId: string, dst: Addr): Outcome {
    const external = this.index.externals.get(externalId);
    const name = external?.name ?? externalId;
    const dstText = this.aimText(dst);
    const ip = this.index.externalIps.get(externalId);
    const underlay = external?.underlay === undefined ? undefined : this.index.underlays.get(external.underlay);
    if (underlay) {
      if (!ip) return this.fail(externalId, `${name} has no address on ${underlay.name} (see the underlay's diagnostics). Fix: pin a free address for it.`);
      const onLink = onUnderlay(underlay, dst);
      const gateway = underlayGatewayFor(underlay, dst.family) ?? underlay.gateway;
      const nextHop = onLink ? dst : gateway;
      this.hops.push({
        node: externalId, mtu: underlay.mtu,
        action: onLink ? `sends ${formatIp(ip)} → ${dstText} on ${underlay.name}` : `sends ${formatIp(ip)} → ${dstText} to its gateway ${formatIp(gateway)}`,
      });
      return this.continueFrom(this.fabric.carry({ at: "underlay", underlay, nextHop }, dst, "the packet"), dst);
    }
    // From the Internet: it enters through the gateway router of the destination's underlay.
    const g = this.goal;
    const entry = this.index.underlayHolding(dst) ?? (g.kind === "container" ? g.host.underlay : undefined);
    if (!entry) return this.fail(externalId, `no underlay holds ${formatIp(dst)}.`);
    this.hops.push({ node: externalId, action: `sends → ${dstText} from the Internet` });
    const router = this.index.gatewayRouter(entry);
    const start: FabricState = router ? { at: "router", router } : { at: "underlay", underlay: entry, nextHop: dst };
    return this.continueFrom(this.fabric.carry(start, dst, "the packet"), dst);
  }

  /**
   * A packet for dst is at a host (from a container, a tunnel or the underlay). `landing` is the device
   * a tunnel delivered it into, when the backend says (OVS tunnel ports are ports of br0).
   */
  private atHost(host: HostView, dst: Addr, arrived: string, nat?: string, landing?: Interface): Outcome {
    const spent = this.spend(host.id);
    if (spent) return spent;
    const g = this.goal;
    if (addrEquals(dst, host.ip) || (host.ip6 !== undefined && addrEquals(dst, host.ip6))) {
      const rewrite = this.hostNat;
      if (!rewrite || rewrite.host !== host || g.kind !== "container") {
        return this.fail(host.id, this.reply
          ? `${host.name} receives the reply at its own address, but holds no connection to hand it back to.`
          : `${host.name} receives a packet for its own address, but nothing forwards ${this.service} there.`);
      }
      this.hostNat = undefined;
      this.natTaken = rewrite;
      return this.atHost(host, g.addr, `${arrived}${rewrite.action}, then `, rewrite.rewrite, landing);
    }
    const route = lookupRoute(host.report.routes, dst);
    if (g.kind === "container" && g.host === host && addrEquals(dst, g.addr)) {
      const local = route && route.gateway === undefined && !isDefaultRoute(route) && !this.index.isUnderlayDevice(host, route.dev) ? route : undefined;
      const dev = (local?.dev ? deviceOf(host, local.dev) : undefined) ?? segmentDevice(host, dst) ?? landing;
      if (!local && dev?.netns !== undefined && landing?.netns !== dev.netns) {
        this.hops.push({ node: host.id, action: `${arrived}has no route to ${formatIp(dst)} in its own namespace`, ...(nat ? { nat } : {}) });
        return this.fail(host.id, `${g.view.name} (${formatIp(dst)}) sits on ${dev.name}, which lives in network namespace ${dev.netns}, not in ${host.name}'s own: ${host.name}'s table has no route to it. Fix: publish the port (it is forwarded to an address the host reaches) or send from a container on the same network.`);
      }
      const hop: FlowHop = { node: host.id, action: `${arrived}delivers it to ${g.view.name} (${formatIp(g.addr)})${dev ? ` on ${dev.name}` : ""}` };
      if (dev) hop.device = dev.name;
      if (local) hop.route = formatRoute(local);
      if (dev) hop.mtu = dev.mtu;
      if (nat) hop.nat = nat;
      this.hops.push(hop);
      return this.receive(g, false);
    }
    const dstText = formatIp(dst);
    if (!route) {
      return this.fail(host.id, `${host.name} has no route to ${dstText}, not even a default. Fix: add a default route via ${host.underlay.name}'s gateway ${formatIp(underlayGatewayFor(host.underlay, dst.family) ?? host.underlay.gateway)}.`);
    }
    const dev = route.dev === undefined ? undefined : deviceOf(host, route.dev);
    if (route.type) {
      this.hops.push({ node: host.id, action: `${arrived}drops it`, route: formatRoute(route) });
      return this.fail(host.id, `${host.name} drops packets for ${dstText}: ${formatRoute(route)}. Fix: the backend owns that range on this host; send to an address that exists.`);
    }
    const onUnderlay = this.index.isUnderlayDevice(host, route.dev);
    if (!onUnderlay) this.detours.push({ at: host.name, route, dst, cluster: host.cluster });
    if (dev && isTunnel(dev)) {
      let next: HostView | undefined;
      const gw = route.gateway === undefined ? undefined : parseIp(route.gateway);
      if (gw?.ok) next = this.index.hostByTunnelAddress(host.cluster, gw.value) ?? this.hostOnUnderlay(gw.value);
      // A point-to-point tunnel (an OpenVPN client's tun0) reaches only its far end, whatever the route
      // names: net30's gateway is the client's own peer address, an IPv6 route on tun names none.
      if (!next && dev.remote !== undefined) {
        const remote = parseIp(dev.remote);
        if (remote.ok) next = this.hostOnUnderlay(remote.value);
      }
      if (!next || next === host) next = this.holder(host, dst);
      return this.tunnel(host, next, dst, next ? tunnelDevice(host, dev, next) ?? dev : dev, route, arrived, nat);
    }
    if (onUnderlay) {
      const gw = route.gateway === undefined ? undefined : parseIp(route.gateway);
      const nextHop = gw?.ok ? gw.value : dst;
      const hop: FlowHop = {
        node: host.id, device: route.dev ?? "", route: formatRoute(route), mtu: dev?.mtu ?? host.underlay.mtu,
        action: `${arrived}forwards it out of ${route.dev} to ${this.fabric.describeOnUnderlay(host.underlay, nextHop)}`,
      };
      const rewrite = nat ?? this.takeSnat();
      if (rewrite) hop.nat = rewrite;
      const esp = this.espEncapsulation(host, dst);
      if (esp) hop.encapsulation = esp;
      this.hops.push(hop);
      const what = esp ? `the ${encapsulationName(esp.type)} packet ${esp.outerSrc} → ${esp.outerDst}` : "the packet";
      return this.continueFrom(this.fabric.carry({ at: "underlay", underlay: host.underlay, nextHop }, dst, what), dst);
    }
    // A bridge or other local device: a flat L2 network across hosts if the holder is elsewhere.
    const owner = this.holder(host, dst);
    if (owner && owner !== host && host.cluster.report.encapsulation !== "none") return this.overlay(host, owner, dst, route, arrived, nat);
    this.hops.push({ node: host.id, action: `${arrived}sends it to ${route.dev ?? "a local link"}`, route: formatRoute(route), ...(dev ? { mtu: dev.mtu } : {}) });
    const where = owner && owner !== host ? `${dstText} lives on ${owner.name}, and ${route.dev} does not reach other hosts` : `no container on ${host.name} holds ${dstText}`;
    return this.fail(host.id, `${host.name} sends ${dstText} to ${route.dev}, but ${where}. Fix: route ${dstText} to the host that holds it.`);
  }

  /** Into a flat L2 overlay: through the host's tunnel device (VXLAN of Docker overlay / Weave, OVS port) to the holder. */
  private overlay(host: HostView, owner: HostView, dst: Addr, route: Route | undefined, arrived: string, nat?: string): Outcome {
    const segment = (route?.dev ? deviceOf(host, route.dev) : undefined) ?? segmentDevice(host, dst);
    const dev = tunnelDevice(host, segment, owner);
    if (!dev) {
      return this.fail(host.id, `${formatIp(dst)} lives on ${owner.name}, but ${host.name} has no tunnel device that reaches it. Fix: check the backend's mode.`);
    }
    return this.tunnel(host, owner, dst, dev, route, arrived, nat);
  }

  private tunnel(host: HostView, next: HostView | undefined, dst: Addr, dev: Interface, route: Route | undefined, arrived: string, nat?: string): Outcome {
    if (!next) {
      return this.fail(host.id, `${host.name} sends ${formatIp(dst)} into ${dev.name}, but no host of cluster "${host.cluster.name}" holds that address. Fix: send to an address of a container that exists.`);
    }
    const encapsulation = encapsulationFor(host, next, dev);
    const outerDst = parseIp(encapsulation.outerDst);
    const peer = outerDst.ok ? outerDst.value : next.ip;
    const hop: FlowHop = {
      node: host.id, device: dev.name, mtu: dev.mtu, encapsulation,
      action: `${arrived}encapsulates it (${encapsulationName(encapsulation.type)}) for ${next.name} (${formatIp(peer)}) through ${dev.name}`,
    };
    if (route) hop.route = formatRoute(route);
    if (nat) hop.nat = nat;
    this.hops.push(hop);
    const what = `the ${encapsulationName(encapsulation.type)} packet ${encapsulation.outerSrc} → ${encapsulation.outerDst}${outerPortText(host, encapsulation.port)}`;
    const arrival = this.fabric.carry({ at: "underlay", underlay: host.underlay, nextHop: this.outerNextHop(host, peer) }, peer, what);
    if (!arrival.ok) return arrival;
    if (arrival.endpoint.kind !== "host" || arrival.endpoint.id !== next.id) {
      return this.fail(arrival.underlay.id, `the tunnel packet for ${next.name} reaches ${this.index.endpointName(arrival.endpoint)} instead.`);
    }
    // Where the tunnel lands on the peer: the bridge its port towards us belongs to, or its twin of the device we sent through.
    const port = next.report.interfaces.find((d) => d.remote === encapsulation.outerSrc && d.master !== undefined)
      ?? (dev.master === undefined ? undefined : deviceOf(next, dev.name));
    return this.atHost(next, dst, "decapsulates it, then ", undefined, port?.master === undefined ? undefined : deviceOf(next, port.master));
  }

  /** Where a host sends an outer (underlay) packet: its own route for the peer, or the underlay's gateway. */
  private outerNextHop(host: HostView, peer: Addr): Addr {
    const route = lookupRoute(host.report.routes, peer);
    if (route && this.index.isUnderlayDevice(host, route.dev)) {
      const gw = route.gateway === undefined ? undefined : parseIp(route.gateway);
      return gw?.ok ? gw.value : peer;
    }
    return onUnderlay(host.underlay, peer) ? peer : underlayGatewayFor(host.underlay, peer.family) ?? host.underlay.gateway;
  }

  /** IPsec (ESP) has no tunnel device: the xfrm policy wraps packets for peers sent out of the NIC. */
  private espEncapsulation(host: HostView, dst: Addr): FlowHop["encapsulation"] {
    const cluster = host.cluster.report;
    if (cluster.encapsulation !== "esp") return undefined;
    const owner = this.holder(host, dst);
    if (!owner || owner === host) return undefined;
    return { type: "esp", outerSrc: formatIp(host.ip), outerDst: formatIp(owner.ip), overhead: cluster.overhead };
  }

  private takeSnat(): string | undefined {
    const s = this.snat;
    this.snat = undefined;
    if (s) this.masqueradedBy = s.host;
    return s?.text;
  }

  private hostOnUnderlay(addr: Addr): HostView | undefined {
    const u = this.index.underlayHolding(addr);
    const e = u ? this.index.endpointAt(u, addr) : undefined;
    return e?.kind === "host" ? this.index.hosts.get(e.id) : undefined;
  }

  /** The fabric delivered the packet to an endpoint: a host routes it on, the target container takes it. */
  private continueFrom(arrival: Arrival, dst: Addr): Outcome {
    if (!arrival.ok) return arrival;
    const e = arrival.endpoint;
    if (e.kind === "host") {
      const host = this.index.hosts.get(e.id);
      if (host) return this.atHost(host, dst, "");
    }
    const g = this.goal;
    if (g.kind === "container" && e.kind === "container" && e.id === g.view.id && addrEquals(dst, g.addr)) return this.receive(g, true);
    if (g.kind === "external" && e.kind === "external" && e.id === g.id) {
      this.hops.push({ node: g.id, action: `receives the reply from ${this.replySource}` });
      return { ok: true };
    }
    return this.fail(arrival.underlay.id, `the packet for ${formatIp(dst)} reaches ${this.index.endpointName(e)}, which does not forward it.`);
  }

  /** The goal container takes the packet: the request on its service port, the reply from the address it aimed at. */
  private receive(g: ContainerGoal, onUnderlay: boolean): Outcome {
    const report = g.view.report;
    const addrText = formatIp(g.addr);
    // An address other than its own (a published port's DNAT to its docker_gwbridge leg) arrives on the leg whose kernel route names it.
    const leg = report && !report.ips.includes(addrText) ? report.routes.find((r) => r.prefsrc === addrText)?.dev : undefined;
    const iface = leg ?? report?.interface ?? "eth0";
    const what = this.reply ? `the reply from ${this.replySource}` : this.service;
    const hop: FlowHop = {
      node: g.view.id, device: iface,
      action: `receives ${what} on ${iface} (${addrText})${onUnderlay ? `, its own address on ${g.host.underlay.name}` : ""}`,
    };
    if (report) hop.mtu = report.mtu;
    this.hops.push(hop);
    return { ok: true };
  }
}
