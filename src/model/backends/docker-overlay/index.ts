/**
 * Docker overlay networks (BACKENDS.md §4): one VXLAN-backed subnet that spans every host, swarm mode
 * (state in the managers' Raft store) or the removed classic mode (state in an external KV store).
 * Containers keep a second leg on the host's docker_gwbridge for traffic leaving the cluster.
 */
import { addressAt, formatCidr, ip4Formatter, withPrefix } from "../../addr/index.ts";
import { DOCKER_ESP_OVERHEAD, VXLAN_OVERHEAD } from "../../encapsulation.ts";
import { addrText, allocateAddresses, allocateInOrder, usableRange } from "../../ipam.ts";
import type { ClusterReport, ContainerReport, Diagnostic, HostReport, Interface, Route } from "../../report.ts";
import { UNDERLAY_DEV, baseHostReport, definedOf } from "../common.ts";
import { type DockerBridgeNet, dockerLocalNetworks, localPoolsExhaustedMessage } from "../docker-pools.ts";
import type { Backend, ClusterAnalysis, ClusterContext, HostContext } from "../types.ts";
import type { DockerOverlayConfig } from "./config.ts";
import { dockerOverlayInfo } from "./info.ts";
import { type OverlayNetwork, planOverlayNetworks } from "./networks.ts";
import { overlayDiagnostics, overlayFirewall } from "./rules.ts";

/** Docker computes the overlay MTU from 1500, not from the host NIC (encryption.go maxMTU). */
export const DOCKER_OVERLAY_BASE_MTU = 1500;
const GWBRIDGE = "docker_gwbridge";
const DOCKER0 = "docker0";
const OVERLAY_DEV = "eth0";
const GWBRIDGE_DEV = "eth1";

export const dockerOverlay: Backend<DockerOverlayConfig> = { ...dockerOverlayInfo, analyze: analyzeOverlay };

/** maxMTU() in moby's overlay driver: base − VXLAN, and with encryption − ESP, rounded down to a multiple of 4. */
export function overlayMtu(base: number, encrypted: boolean): number {
  let mtu = base - VXLAN_OVERHEAD[4];
  if (encrypted) {
    mtu -= DOCKER_ESP_OVERHEAD;
    mtu -= mtu % 4;
  }
  return mtu;
}

function vniHex(vni: number): string {
  return vni.toString(16).padStart(6, "0");
}

/**
 * The network's sandbox namespace on every host, "1-" and the first 10 characters of the network ID
 * (/var/run/docker/netns/1-jv8c30bcmn). Real IDs are random; Topolab derives a stable stand-in from
 * the cluster and the network name, in the same base-36 alphabet.
 */
export function sandboxName(clusterId: string, network: string): string {
  let h = 2166136261;
  let h2 = 0x9e3779b9;
  const seed = `${clusterId}/${network}`;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ seed.charCodeAt(i), 2246822519) >>> 0;
  }
  return `1-${(h.toString(36) + h2.toString(36)).padEnd(10, "0").slice(0, 10)}`;
}

/**
 * The network's bridge (holding the gateway .1) and VXLAN device, in the network's own namespace, not
 * the host's: the host's table has no route to the overlay subnet. Docker names them br0 and vxlanN
 * inside the sandbox; Topolab names them br-<VNI> and vx-<VNI> so every device of a host has a name of its own.
 */
function overlayDevices(net: OverlayNetwork, netns: string, h: HostContext, mtu: number, port: number): Interface[] {
  return [
    { name: `br-${vniHex(net.vni)}`, kind: "bridge", addresses: [withPrefix(addressAt(net.subnet, 1), net.subnet.prefix)], mtu, netns },
    // Made in the host's namespace and moved into the sandbox, so its UDP socket stays on the host's eth0.
    { name: `vx-${vniHex(net.vni)}`, kind: "vxlan", addresses: [], mtu, vni: net.vni, port, local: h.ipText, parent: UNDERLAY_DEV, master: `br-${vniHex(net.vni)}`, netns },
  ];
}

function connected(dst: string, dev: string, src: string, linkdown = false): Route {
  return linkdown
    ? { dst, dev, protocol: "kernel", scope: "link", prefsrc: src, flags: ["linkdown"] }
    : { dst, dev, protocol: "kernel", scope: "link", prefsrc: src };
}

function analyzeOverlay(ctx: ClusterContext<DockerOverlayConfig>): ClusterAnalysis {
  const { cluster, config } = ctx;
  const swarm = config.mode === "swarm";
  const plan = planOverlayNetworks(config, cluster.id, cluster.name);
  const diagnostics: Diagnostic[] = [...plan.diagnostics];
  const base = config.mtu ?? DOCKER_OVERLAY_BASE_MTU;
  const mtu = overlayMtu(base, config.encrypted);
  const networks = [plan.ingress, plan.network].filter((n): n is OverlayNetwork => n !== undefined);
  const net = plan.network;

  // One subnet for the whole cluster: number containers in host order, pins first (allocateAddresses).
  // ipOf(k) is the address text of the k-th container in host order.
  let ipOf: (k: number, id: string) => string | undefined = () => undefined;
  if (net) {
    const usable = usableRange(net.subnet, 1);
    const range = { cidr: net.subnet, first: usable.first, last: usable.last, label: `the overlay network's subnet ${formatCidr(net.subnet)}`, subjects: [cluster.id] };
    let count = 0;
    let pinned = false;
    for (const h of ctx.hosts) {
      count += h.containers.length;
      for (const c of h.containers) if (c.ip !== undefined) pinned = true;
    }
    if (pinned || net.subnet.family !== 4) {
      const alloc = allocateAddresses(
        range,
        ctx.hosts.flatMap((h) => h.containers.map((c) => ({ id: c.id, pinned: c.ip, label: `container "${c.name}"` }))),
        new Set([1]),
      );
      diagnostics.push(...alloc.diagnostics);
      ipOf = (_k, id) => addrText(alloc.addresses.get(id));
    } else {
      // Nothing pinned (the usual case): the k-th container takes the k-th free address, without a map of 50,000 entries.
      let ids: string[] | undefined; // only an exhausted subnet names its containers
      const alloc = allocateInOrder(range, count, new Set([1]), (k) => (ids ??= ctx.hosts.flatMap((h) => h.containers.map((c) => c.id)))[k] as string);
      diagnostics.push(...alloc.diagnostics);
      const format = ip4Formatter();
      const base = net.subnet.base as number;
      ipOf = (k) => {
        const offset = alloc.offsets[k] as number;
        return offset < 0 ? undefined : format((base + offset) >>> 0);
      };
    }
  }

  const localByUnderlay = new Map<string, DockerBridgeNet[]>();
  // In swarm mode the ingress sandbox holds .2 on every node's docker_gwbridge, so containers start at .3.
  const gwFirst = swarm ? 3 : 2;
  const hosts: HostReport[] = [];
  const containers: ContainerReport[] = [];
  const sandboxes = networks.map((n) => sandboxName(cluster.id, n.name));
  const overlayRoute: Route | undefined = net ? { dst: formatCidr(net.subnet), dev: OVERLAY_DEV, protocol: "kernel", scope: "link" } : undefined;

  const formatGw = ip4Formatter();
  const suffix = net ? `/${net.subnet.prefix}` : "";
  let position = 0; // the container's place in host order
  for (const h of ctx.hosts) {
    const report = baseHostReport(ctx, h);
    hosts.push(report);
    let local = localByUnderlay.get(h.underlay.underlay.id);
    if (!local) {
      local = dockerLocalNetworks(h.underlay.cidr, 2);
      localByUnderlay.set(h.underlay.underlay.id, local);
    }
    const [docker0, gw] = local;
    if (docker0) {
      report.interfaces.push({ name: DOCKER0, kind: "bridge", addresses: [withPrefix(addressAt(docker0.subnet, 1), docker0.subnet.prefix)], mtu: 1500 });
      report.routes.push(connected(formatCidr(docker0.subnet), DOCKER0, docker0.gateway, true));
    }
    if (gw) {
      report.interfaces.push({ name: GWBRIDGE, kind: "bridge", addresses: [withPrefix(addressAt(gw.subnet, 1), gw.subnet.prefix)], mtu: 1500 });
      report.routes.push(connected(formatCidr(gw.subnet), GWBRIDGE, gw.gateway, !swarm && h.containers.length === 0));
    } else {
      diagnostics.push({ code: "POOL_EXHAUSTED", severity: "error", subjects: [h.host.id, cluster.id], message: localPoolsExhaustedMessage(h.host.name, formatCidr(h.underlay.cidr), GWBRIDGE) });
    }
    for (const [k, n] of networks.entries()) report.interfaces.push(...overlayDevices(n, sandboxes[k] as string, h, mtu, config.dataPathPort));
    if (net) report.subnets.push(formatCidr(net.subnet));

    const defaultRoute: Route | undefined = gw ? { dst: "default", gateway: gw.gateway, dev: GWBRIDGE_DEV } : undefined;
    const gwRouteDst = gw ? formatCidr(gw.subnet) : "";
    const gwBase = gw?.subnet.family === 4 ? gw.subnet.base : undefined;
    const containerList = h.containers;
    for (let i = 0; i < containerList.length; i++) {
      const c = containerList[i] as (typeof containerList)[number];
      const ip = ipOf(position++, c.id);
      const overlay: Route | undefined = ip !== undefined && overlayRoute ? { dst: overlayRoute.dst, dev: OVERLAY_DEV, protocol: "kernel", scope: "link", prefsrc: ip } : undefined;
      const gwRoute: Route | undefined = gwBase !== undefined ? connected(gwRouteDst, GWBRIDGE_DEV, formatGw((gwBase + gwFirst + i) >>> 0)) : undefined;
      containers.push({
        id: c.id, name: c.name, host: h.host.id, cluster: cluster.id,
        ips: ip !== undefined ? [ip] : [],
        addresses: ip !== undefined && net ? [ip + suffix] : [],
        gateway: gw?.gateway, mtu, interface: OVERLAY_DEV, routes: definedOf(defaultRoute, overlay, gwRoute),
      });
    }
  }

  diagnostics.push(...overlayDiagnostics(ctx, base, mtu));

  const notes = [
    "Containers show their overlay address on eth0; their second leg eth1 on docker_gwbridge carries the default route (NAT to the outside), as Docker sets it up.",
    `Docker keeps each network's bridge (br0, holding the gateway .1) and VXLAN device (vxlanN) in a namespace of its own (${sandboxes.join(", ")}: "1-" and the network ID's first 10 characters; Topolab's IDs are stable stand-ins for Docker's random ones). Topolab lists them with that namespace as br-<VNI> and vx-<VNI>; the host's own table has no route to the overlay subnets.`,
    "A published port is forwarded to the container's docker_gwbridge address (eth1), which the host reaches; swarm's routing mesh really goes through the ingress_sbox namespace and IPVS to the task's ingress address, which Topolab does not draw.",
  ];
  if (swarm) {
    notes.push(
      "Real swarm also gives every node an address on each overlay network for its load balancer and one VIP per service, so real container addresses start later than .2.",
      "Swarms initialised by older swarmkit releases got ingress 10.255.0.0/16 whatever the pool (moby issue #39228); Topolab follows current swarmkit, where ingress takes the pool's first subnet.",
    );
  } else {
    notes.push("Classic mode has no ingress network: the network takes the pool's first subnet, and its VXLAN IDs start at 256 (the classic driver's own numbering, UNVERIFIED).");
  }
  const clusterReport: ClusterReport = {
    id: cluster.id, backend: "docker-overlay", mode: config.mode, pools: networks.map((n) => formatCidr(n.subnet)),
    encapsulation: "vxlan", overhead: base - mtu, mtu, encryption: config.encrypted, policy: false,
    firewall: overlayFirewall(config), notes,
  };
  return { cluster: clusterReport, hosts, containers, routerRoutes: [], diagnostics };
}
