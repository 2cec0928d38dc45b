/**
 * flannel (BACKENDS.md §1): one subnet per host out of a cluster-wide Network, and per-mode plumbing
 * between hosts. allocate.ts plans the subnets, routes.ts the devices and per-peer entries; this file
 * assembles the reports: bridge, containers, firewall, MTU, notes and the diagnostics only flannel knows.
 */
import { type Addr, type Cidr, type Family, addressAt, formatCidr, formatIp, ip4Formatter, cidr as parseKnownCidr, withPrefix } from "../../addr/index.ts";
import type { Container } from "../../document.ts";
import { allocateAddresses, usableRange } from "../../ipam.ts";
import type { ClusterReport, ContainerReport, Diagnostic, FirewallOpening, HostReport, Route } from "../../report.ts";
import { UNDERLAY_DEV, baseHostReport, ipv6AddressRoutes, kernelAtLeast } from "../common.ts";
import type { Backend, ClusterAnalysis, ClusterContext } from "../types.ts";
import { type FamilyLayout, type SubnetManager, FIRST_CONTAINER_OFFSET, GATEWAY_OFFSET, layoutFamily, nameList, subnetManagerOf } from "./allocate.ts";
import type { FlannelConfig } from "./config.ts";
import { WIREGUARD_MIN_KERNEL, flannelInfo } from "./info.ts";
import { modeFacts } from "./modes.ts";
import { type FamilyPlumbing, type PeerParts, addView, bridgeRoute, familyPlumbing, joinParts, publicAddress, tunnelPort, vxlanV6DeviceMtu } from "./routes.ts";

type RouteParts = PeerParts<Route>;

export const flannel: Backend<FlannelConfig> = { ...flannelInfo, analyze: analyzeFlannel };

function analyzeFlannel(ctx: ClusterContext<FlannelConfig>): ClusterAnalysis {
  const { config, cluster, hosts } = ctx;
  const facts = modeFacts(config);
  const manager = subnetManagerOf(ctx);
  const families: Family[] = !facts.ipv6 || cluster.ipFamily === "ipv4" ? [4] : cluster.ipFamily === "ipv6" ? [6] : [4, 6];
  const diagnostics: Diagnostic[] = [];

  const layouts: FamilyLayout[] = [];
  for (const f of families) {
    const layout = layoutFamily(ctx, f, manager, diagnostics);
    if (layout) layouts.push(layout);
  }
  const plumbing = layouts.map((l) => familyPlumbing(ctx, l, facts.overhead));
  const docker = cluster.orchestrator === "docker";
  const bridge = docker ? "docker0" : "cni0";

  const hostReports: HostReport[] = [];
  const containers: ContainerReport[] = [];
  hosts.forEach((h, i) => {
    const report = baseHostReport(ctx, h);
    const mtu = h.underlay.mtu - facts.overhead;
    const gateways: { layout: FamilyLayout; subnet: Cidr; gateway: Addr }[] = [];
    layouts.forEach((layout) => {
      const subnet = layout.subnets[i];
      if (!subnet) return;
      gateways.push({ layout, subnet, gateway: addressAt(subnet, GATEWAY_OFFSET) });
      report.subnets.push(formatCidr(subnet));
    });
    if (gateways.length > 0) {
      report.interfaces.push({ name: bridge, kind: "bridge", addresses: gateways.map((g) => withPrefix(g.gateway, g.subnet.prefix)), mtu });
    }
    const routes: RouteParts = { arrays: [report.routes], skips: [] };
    layouts.forEach((layout, k) => {
      const subnet = layout.subnets[i];
      const p = plumbing[k] as FamilyPlumbing;
      const device = p.devices[i];
      if (device) report.interfaces.push(device);
      if (subnet) routes.arrays.push([bridgeRoute(bridge, subnet, formatIp(addressAt(subnet, GATEWAY_OFFSET)))]);
      // flannel-v6.1 and flannel-wg-v6 hold an IPv6 /128, which (unlike IPv4's /32) gets a kernel route of its own.
      const own6 = device ? ipv6AddressRoutes([device], []) : [];
      if (own6.length > 0) routes.arrays.push(own6);
      addView(routes, p.routes[i]);
    });
    report.routes = joinParts(routes);
    hostReports.push(report);
    hostContainers(ctx, i, gateways, mtu, bridge, docker, diagnostics, containers);
  });

  // The cluster's MTU is the smallest host's: a packet must fit every hop of every host pair.
  const minMtu = hosts.reduce((m, h) => Math.min(m, h.underlay.mtu), hosts.length > 0 ? Infinity : 1500);
  const clusterReport: ClusterReport = {
    id: cluster.id,
    backend: "flannel",
    mode: config.mode,
    pools: families.map((f) => formatCidr(parseKnownCidr(f === 4 ? config.network : config.ipv6Network))),
    encapsulation: facts.encapsulation,
    overhead: facts.overhead,
    mtu: minMtu - facts.overhead,
    encryption: facts.encryption,
    policy: false,
    firewall: firewall(config, families),
    notes: notes(ctx, manager),
  };
  const vteps = plumbing.flatMap((p) => (p.vteps ? [p.vteps] : []));
  if (vteps.length > 0) clusterReport.vteps = vteps;
  diagnostics.push(...adjacencyDiagnostics(ctx), ...kernelDiagnostics(ctx), ...publicAddressDiagnostics(ctx, families), ...v6MtuDiagnostics(ctx, layouts, facts.overhead));
  return { cluster: clusterReport, hosts: hostReports, containers, routerRoutes: [], diagnostics };
}

/**
 * Containers as the flannel CNI plugin sets them up (bridge plugin, host-local IPAM on the host's
 * subnet, mtu = FLANNEL_MTU, routes to default and to the Network via the bridge). Under Docker
 * (--bip) containers only get Docker's default route. Appends to `out`: this runs for every
 * container of every host, so each gets arrays of its exact size and nothing else per container.
 */
function hostContainers(
  ctx: ClusterContext<FlannelConfig>, i: number, gateways: { layout: FamilyLayout; subnet: Cidr; gateway: Addr }[],
  mtu: number, bridge: string, docker: boolean, diagnostics: Diagnostic[], out: ContainerReport[],
): void {
  const h = ctx.hosts[i];
  if (!h || h.containers.length === 0) return;
  const list = h.containers;
  const n = list.length;
  const byFamily = gateways.map(({ layout, subnet, gateway }) => {
    const family = layout.plan.family;
    const pinnedOf = (c: Container) => (family === 4 ? c.ip : c.ip6);
    const { first, last } = usableRange(subnet, FIRST_CONTAINER_OFFSET);
    const texts = new Array<string | undefined>(n);
    if (n <= last - first + 1 && !list.some((c) => pinnedOf(c) !== undefined)) {
      // Nothing pinned and room for all (the usual case): the k-th container takes the k-th address from .2, as
      // allocateAddresses would, without its per-container bookkeeping.
      if (subnet.family === 4) {
        const format = ip4Formatter();
        const base = subnet.base + first;
        for (let k = 0; k < n; k++) texts[k] = format(base + k);
      } else {
        for (let k = 0; k < n; k++) texts[k] = formatIp(addressAt(subnet, first + k));
      }
    } else {
      const allocation = allocateAddresses(
        { cidr: subnet, first, last, label: `host "${h.host.name}"'s subnet ${formatCidr(subnet)} (${bridge})`, subjects: [h.host.id] },
        list.map((c) => ({ id: c.id, pinned: pinnedOf(c), label: `container "${c.name}"` })),
        new Set([GATEWAY_OFFSET]),
      );
      diagnostics.push(...allocation.diagnostics);
      for (let k = 0; k < n; k++) {
        const a = allocation.addresses.get((list[k] as Container).id);
        texts[k] = a === undefined ? undefined : formatIp(a);
      }
    }
    const via = formatIp(gateway);
    const subnetText = formatCidr(subnet);
    // The same route objects serve every container on the host (IPv6's kernel route names no address).
    const shared: Route[] = [{ dst: "default", gateway: via, dev: UNDERLAY_DEV }];
    if (!docker) shared.push({ dst: formatCidr(layout.plan.network), gateway: via, dev: UNDERLAY_DEV });
    const kernel6: Route | undefined = family === 6 ? { dst: subnetText, dev: UNDERLAY_DEV, protocol: "kernel", metric: 256 } : undefined;
    return { subnetText, suffix: `/${subnet.prefix}`, via, shared, kernel6, texts };
  });
  const host = h.host.id;
  const cluster = ctx.cluster.id;
  const only = byFamily.length === 1 ? byFamily[0] : undefined;
  for (let k = 0; k < n; k++) {
    const c = list[k] as Container;
    const text = only?.texts[k];
    if (only && text !== undefined) {
      const kernel: Route = only.kernel6 ?? { dst: only.subnetText, dev: UNDERLAY_DEV, protocol: "kernel", scope: "link", prefsrc: text };
      const s = only.shared;
      const routes = s.length === 2 ? [s[0] as Route, s[1] as Route, kernel] : [s[0] as Route, kernel];
      out.push({ id: c.id, name: c.name, host, cluster, ips: [text], addresses: [text + only.suffix], gateway: only.via, mtu, interface: UNDERLAY_DEV, routes });
      continue;
    }
    const ips: string[] = [];
    const addresses: string[] = [];
    const routes: Route[] = [];
    let gateway: string | undefined;
    for (const f of byFamily) {
      const t = f.texts[k];
      if (t === undefined) continue;
      gateway ??= f.via;
      ips.push(t);
      addresses.push(t + f.suffix);
      routes.push(...f.shared, f.kernel6 ?? { dst: f.subnetText, dev: UNDERLAY_DEV, protocol: "kernel", scope: "link", prefsrc: t });
    }
    out.push(gateway === undefined
      ? { id: c.id, name: c.name, host, cluster, ips, addresses, mtu, interface: UNDERLAY_DEV, routes }
      : { id: c.id, name: c.name, host, cluster, ips, addresses, gateway, mtu, interface: UNDERLAY_DEV, routes });
  }
}

function firewall(config: FlannelConfig, families: Family[]): FirewallOpening[] {
  switch (config.mode) {
    case "vxlan":
      return [{ protocol: "udp", port: tunnelPort(config, 4) as number, between: "hosts", reason: `VXLAN data between the hosts' flannel.${config.vni} devices (the Linux kernel's VXLAN port${config.port === undefined ? "; Windows nodes would need 4789" : ", set by Backend.Port"})` }];
    case "host-gw":
      return [];
    case "udp":
      return [{ protocol: "udp", port: tunnelPort(config, 4) as number, between: "hosts", reason: "flannel's userspace UDP encapsulation (flannel0 TUN device)" }];
    case "wireguard":
      return families.map((f) => ({ protocol: "udp" as const, port: tunnelPort(config, f) as number, between: "hosts" as const, reason: `WireGuard ${f === 4 ? "ListenPort (flannel-wg)" : "ListenPortV6 (flannel-wg-v6)"}` }));
    case "ipip":
      return [{ protocol: "ipip", between: "hosts", reason: "IP-in-IP (IP protocol 4) between the hosts' flannel.ipip devices" }];
    case "ipsec":
      return [
        { protocol: "esp", between: "hosts", reason: "IPsec ESP (IP protocol 50) carrying the pod traffic" },
        { protocol: "udp", port: 500, between: "hosts", reason: "IKEv2 key exchange (strongSwan)" },
        { protocol: "udp", port: 4500, between: "hosts", reason: `IPsec NAT traversal (ESP in UDP${config.udpEncap ? ", forced by UDPEncap" : ", when a NAT is detected"})` },
      ];
  }
}

function notes(ctx: ClusterContext<FlannelConfig>, manager: SubnetManager): string[] {
  const { config } = ctx;
  const out: string[] = [];
  if (manager === "kube") {
    out.push("kube subnet manager: each node's podCIDR comes from kube-controller-manager (--allocate-node-cidrs, --cluster-cidr = Network, --node-cidr-mask-size = SubnetLen) in the order nodes register; Topolab uses host order, so the first node gets the first subnet.");
    if (config.subnetMin !== undefined || config.subnetMax !== undefined) out.push("SubnetMin and SubnetMax apply to the etcd subnet manager only; they are ignored in kube mode.");
  } else {
    out.push("etcd subnet manager: flanneld never leases the Network's first subnet and picks each lease at random among the first 100 free subnets from SubnetMin; Topolab hands them out in host order so the report is reproducible.");
  }
  if (config.mode === "vxlan") {
    out.push(`Each remote host gets one route via its flannel.${config.vni} address (onlink), one permanent neighbour entry and one FDB entry; the VTEP MACs shown are derived from host ids (real ones are random).`);
    if (config.directRouting) out.push("DirectRouting: peers on the same underlay are routed directly via their own address on eth0; peers across a router still use VXLAN.");
  }
  if (config.mode === "ipip" && config.directRouting) out.push("DirectRouting: peers on the same underlay are routed directly via eth0; peers across a router use flannel.ipip.");
  if (config.mode === "udp") out.push("The udp backend forwards in userspace through flanneld (amd64 only); flannel recommends it for debugging only.");
  if (config.mode === "wireguard") out.push("flannel reserves 80 bytes for WireGuard whatever the address family; keys are stored in /run/flannel/wgkey and each peer's AllowedIPs are its subnets.");
  if (config.mode === "ipsec") {
    out.push("flannel's ipsec backend installs no per-subnet routes: strongSwan's xfrm policies (IKEv2, tunnel mode between the hosts' addresses) catch traffic to each remote subnet. Topolab shows each policy as a route to the next hop towards that peer (the peer itself on the same underlay, the underlay gateway otherwise) so the path is visible.");
    out.push("flannel's ipsec backend needs a pre-shared key of at least 96 characters.");
  }
  if (ctx.cluster.orchestrator === "docker") out.push("Under Docker, dockerd runs with --bip=FLANNEL_SUBNET and --mtu=FLANNEL_MTU, so docker0 holds the subnet's .1 and containers only get Docker's default route.");
  return out;
}

/** host-gw routes each subnet via the peer's own address: every pair of underlays the cluster spans breaks it. */
function adjacencyDiagnostics(ctx: ClusterContext<FlannelConfig>): Diagnostic[] {
  if (ctx.config.mode !== "host-gw") return [];
  const groups = new Map<string, typeof ctx.hosts>();
  for (const h of ctx.hosts) {
    const list = groups.get(h.underlay.underlay.id);
    if (list) list.push(h);
    else groups.set(h.underlay.underlay.id, [h]);
  }
  const out: Diagnostic[] = [];
  const entries = [...groups.values()];
  for (let a = 0; a < entries.length; a++) {
    for (let b = a + 1; b < entries.length; b++) {
      const hostsA = entries[a] as typeof ctx.hosts;
      const hostsB = entries[b] as typeof ctx.hosts;
      const ua = (hostsA[0] as (typeof ctx.hosts)[number]).underlay.underlay;
      const ub = (hostsB[0] as (typeof ctx.hosts)[number]).underlay.underlay;
      out.push({
        code: "NOT_L2_ADJACENT", severity: "error",
        subjects: [ctx.cluster.id, ua.id, ub.id, ...hostsA.map((h) => h.host.id), ...hostsB.map((h) => h.host.id)],
        message: `In cluster "${ctx.cluster.name}", flannel host-gw routes each host's subnet via that host's own address, so all hosts must share one L2 segment, but ${nameList(hostsA.map((h) => h.host.name))} on underlay "${ua.name}" and ${nameList(hostsB.map((h) => h.host.name))} on "${ub.name}" are not: flanneld cannot install those routes (the gateway is not on-link) and pods on the two sides cannot reach each other. Use mode vxlan, or vxlan with directRouting (direct routes within an underlay, VXLAN across the router).`,
      });
    }
  }
  const cloud = [...groups.values()].map((g) => (g[0] as (typeof ctx.hosts)[number]).underlay.underlay).filter((u) => u.kind === "cloud");
  if (cloud.length > 0) {
    out.push({
      code: "HOST_GW_IN_CLOUD", severity: "warning", subjects: [ctx.cluster.id, ...cloud.map((u) => u.id)],
      message: `In cluster "${ctx.cluster.name}", flannel host-gw sends pod packets to the peer hosts unencapsulated, but ${nameList(cloud.map((u) => u.name))} ${cloud.length === 1 ? "is a cloud subnet" : "are cloud subnets"}: clouds usually drop packets whose addresses the VPC does not know (flannel's docs: host-gw "typically can't be used in cloud environments"). Disable the source/destination check and add the pod subnets to the VPC route table, or use vxlan.`,
    });
  }
  return out;
}

function kernelDiagnostics(ctx: ClusterContext<FlannelConfig>): Diagnostic[] {
  if (ctx.config.mode !== "wireguard") return [];
  const old = ctx.hosts.filter((h) => !kernelAtLeast(h.host.kernel, WIREGUARD_MIN_KERNEL));
  if (old.length === 0) return [];
  return [{
    code: "KERNEL_TOO_OLD", severity: "warning", subjects: old.map((h) => h.host.id),
    message: `flannel's wireguard backend uses the kernel's WireGuard, which is built in from Linux ${WIREGUARD_MIN_KERNEL}; ${nameList(old.map((h) => `"${h.host.name}" (${h.host.kernel})`), 6, false)} ${old.length === 1 ? "runs an older kernel" : "run older kernels"}. Install the out-of-tree wireguard module (wireguard-dkms) there, or upgrade to ${WIREGUARD_MIN_KERNEL} or newer.`,
  }];
}

/** flanneld needs an address of each pod family on its external interface (PublicIP / PublicIPv6) and stops without one. */
function publicAddressDiagnostics(ctx: ClusterContext<FlannelConfig>, families: Family[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of families) {
    const lacking = new Map<string, string>();
    for (const h of ctx.hosts) if (publicAddress(h, f) === undefined) lacking.set(h.underlay.underlay.id, h.underlay.underlay.name);
    if (lacking.size === 0) continue;
    const v = f === 4 ? "IPv4" : "IPv6";
    out.push({
      code: "UNDERLAY_FAMILY_MISSING", severity: "warning", subjects: [ctx.cluster.id, ...lacking.keys()],
      message: `In cluster "${ctx.cluster.name}", flannel needs an ${v} address on each host's external interface for ${v} pods, but ${nameList([...lacking.values()])} ${lacking.size === 1 ? "is" : "are"} not ${v} here: flanneld would stop with "failed to find ${v} address for interface". Give the hosts ${v} addresses too; the ${v} routes and FDB entries that need a peer's ${v} address are left out of this report.`,
    });
  }
  return out;
}

/**
 * FLANNEL_MTU (cni0, the pods) is the interface MTU − 50 for both families, but IPv6 pods cross
 * flannel-v6.<VNI>, VXLAN over IPv6, which needs 70. Only where IPv6 pod traffic really travels in
 * VXLAN: two hosts with IPv6 subnets and addresses, not all of them DirectRouting peers.
 */
function v6MtuDiagnostics(ctx: ClusterContext<FlannelConfig>, layouts: FamilyLayout[], overhead: number): Diagnostic[] {
  const { config, cluster } = ctx;
  const v6 = layouts.find((l) => l.plan.family === 6);
  if (config.mode !== "vxlan" || !v6) return [];
  const carriers = ctx.hosts.filter((h, i) => v6.subnets[i] !== undefined && publicAddress(h, 6) !== undefined);
  const underlays = new Set(carriers.map((h) => h.underlay.underlay.id));
  if (carriers.length < 2 || (config.directRouting && underlays.size < 2)) return [];
  const ext = Math.min(...carriers.map((h) => h.underlay.mtu));
  const pods = ext - overhead;
  const device = vxlanV6DeviceMtu(ext);
  const dev = `flannel-v6.${config.vni}`;
  return [{
    code: "FLANNEL_V6_MTU_UNDERALLOWANCE", severity: "warning", subjects: [cluster.id],
    message: `In cluster "${cluster.name}", flannel gives pods one MTU for both families, FLANNEL_MTU = the interface MTU − ${overhead} (${pods} here), but IPv6 pod traffic between nodes travels in ${dev}, VXLAN over IPv6, which takes 70 bytes: the kernel caps ${dev} at ${device}. IPv6 packets of ${device + 1}–${pods} bytes are dropped at the sending node with an ICMPv6 Packet Too Big; TCP recovers by path-MTU discovery after a lost round trip, but the first large UDP datagrams are lost, and anything that filters ICMPv6 stalls. Fix: lower the pods' MTU to ${device} — set Backend.MTU to ${device + overhead} in net-conf.json (flannel subtracts ${overhead} from it for both devices and FLANNEL_MTU), or put "mtu": ${device} in the delegate of flannel's CNI config (the flannel CNI plugin keeps it instead of FLANNEL_MTU). IPv4 pods (flannel.${config.vni}, VXLAN over IPv4, 50 bytes) are not affected.`,
  }];
}
