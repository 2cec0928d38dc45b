/**
 * Weave Net (BACKENDS.md §3): one flat L2 network over the whole range (10.32.0.0/12 by default),
 * carried by fastdp (kernel VXLAN) or sleeve (userspace UDP). The range is a ring shared out between
 * the peers by consensus; there are no per-host subnets and no per-host routes.
 */
import { type Cidr, addressAt, cidr, formatCidr, formatIp, formatIp4, ip4Formatter, overlaps } from "../../addr/index.ts";
import { allocateAddresses, allocateInOrder, usableRange } from "../../ipam.ts";
import type { ClusterReport, ContainerReport, Diagnostic, HostReport, Interface, Route } from "../../report.ts";
import { baseHostReport, definedOf } from "../common.ts";
import { type DockerBridgeNet, dockerBridgeInterface, dockerBridgeRoute, dockerLocalNetworks } from "../docker-pools.ts";
import type { Backend, ClusterAnalysis, ClusterContext } from "../types.ts";
import type { WeaveConfig } from "./config.ts";
import { WEAVE_PORT, dataplaneDiagnostics, weaveFirewall, weaveMtu, weaveOverhead } from "./dataplane.ts";
import { weaveInfo } from "./info.ts";
import { consensusShares, formatShare } from "./ring.ts";

const BRIDGE = "weave";
const DOCKER0 = "docker0";

export const weave: Backend<WeaveConfig> = { ...weaveInfo, analyze: analyzeWeave };

function hostDevices(config: WeaveConfig, mtu: number, expose: string | undefined): Interface[] {
  const bridge: Interface = { name: BRIDGE, kind: "bridge", addresses: expose ? [expose] : [], mtu };
  if (config.mode === "fastdp") {
    return [
      bridge,
      { name: "vethwe-bridge", kind: "veth", addresses: [], mtu, master: BRIDGE },
      { name: "vethwe-datapath", kind: "veth", addresses: [], mtu, master: "datapath" },
      // fastdp's VXLAN vport lives inside the datapath; its UDP port is "the weave port number plus 1" (router/fastdp.go).
      { name: "datapath", kind: "ovs", addresses: [], mtu, port: WEAVE_PORT + 1 },
    ];
  }
  return [bridge, { name: "vethwe-bridge", kind: "veth", addresses: [], mtu, master: BRIDGE }, { name: "vethwe-pcap", kind: "veth", addresses: [], mtu }];
}

function rangeOverlapDiagnostics(ctx: ClusterContext<WeaveConfig>, range: Cidr): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const h of ctx.hosts) {
    const u = h.underlay;
    if (seen.has(u.underlay.id) || !overlaps(u.cidr, range)) continue;
    seen.add(u.underlay.id);
    const affected = ctx.hosts.filter((x) => x.underlay.underlay.id === u.underlay.id);
    out.push({
      code: "POOL_INVALID", severity: "error", subjects: [ctx.cluster.id, u.underlay.id, ...affected.map((x) => x.host.id)],
      message: `Cluster "${ctx.cluster.name}": Weave's range ${formatCidr(range)} overlaps underlay "${u.underlay.name}" (${formatCidr(u.cidr)}), a route on host "${affected[0]?.host.name}"${affected.length > 1 ? ` and ${affected.length - 1} more` : ""}; Weave refuses to launch there (weaveutil netcheck). Set IPALLOC_RANGE to a range no host uses.`,
    });
  }
  return out;
}

function analyzeWeave(ctx: ClusterContext<WeaveConfig>): ClusterAnalysis {
  const { cluster, config } = ctx;
  const range = cidr(config.range) as Cidr & { family: 4 };
  const rangeText = formatCidr(range);
  const mtu = weaveMtu(config);
  const cni = cluster.orchestrator === "kubernetes";
  const containerDev = cni ? "eth0" : "ethwe";
  const diagnostics: Diagnostic[] = rangeOverlapDiagnostics(ctx, range);
  const usable = usableRange(range, 1);
  const shares = consensusShares(2 ** (32 - range.prefix), ctx.hosts.length);
  // One set of used offsets for the whole range: the network is one flat subnet shared by every host.
  const taken = new Set<number>();
  const format = ip4Formatter();
  const suffix = `/${range.prefix}`;

  const exposeOffsets = shares.map((s) => {
    if (!s) return undefined;
    const offset = Math.max(s.start, usable.first);
    if (offset > Math.min(s.start + s.size - 1, usable.last)) return undefined;
    taken.add(offset);
    return offset;
  });

  // Pinned addresses anywhere in the range are honoured (Weave asks the owning peer for them); reserve them first.
  const pinned = ctx.hosts.flatMap((h) => h.containers.filter((c) => c.ip !== undefined).map((c) => ({ id: c.id, pinned: c.ip, label: `container "${c.name}"` })));
  const pins = allocateAddresses({ cidr: range, first: usable.first, last: usable.last, label: `Weave's range ${rangeText}`, subjects: [cluster.id] }, pinned, taken);
  diagnostics.push(...pins.diagnostics);

  const dockerByUnderlay = new Map<string, DockerBridgeNet | undefined>();
  const hosts: HostReport[] = [];
  const containers: ContainerReport[] = [];
  const shareless: string[] = [];

  ctx.hosts.forEach((h, i) => {
    const report = baseHostReport(ctx, h);
    hosts.push(report);
    const share = shares[i];
    const exposeOffset = exposeOffsets[i];
    const exposeIp = exposeOffset === undefined ? undefined : formatIp(addressAt(range, exposeOffset));
    report.interfaces.push(...hostDevices(config, mtu, exposeIp ? `${exposeIp}/${range.prefix}` : undefined));
    if (share) report.subnets.push(formatShare(range, share));
    if (exposeIp) report.routes.push({ dst: rangeText, dev: BRIDGE, protocol: "kernel", scope: "link", prefsrc: exposeIp });

    // Offsets of the host's unpinned containers in their order; pinned ones were placed above. Shares never
    // overlap, so what this host takes never matters to another one: allocateInOrder only reads `taken`.
    let own: number[] | undefined;
    const list = h.containers;
    let free = 0;
    for (let j = 0; j < list.length; j++) if ((list[j] as (typeof list)[number]).ip === undefined) free++;
    if (free > 0 && share) {
      const shareText = formatShare(range, share);
      const freeIds = free === list.length ? undefined : list.filter((c) => c.ip === undefined).map((c) => c.id);
      const alloc = allocateInOrder(
        { cidr: range, first: Math.max(share.start, usable.first), last: Math.min(share.start + share.size - 1, usable.last), label: `host "${h.host.name}"'s share ${shareText} of Weave's range`, subjects: [h.host.id] },
        free,
        taken,
        (k) => (freeIds ? freeIds[k] : (list[k] as (typeof list)[number]).id) as string,
      );
      diagnostics.push(...alloc.diagnostics.map((d) => ({ ...d, message: `${d.message} (Real Weave would ask other peers for part of their space; Topolab keeps each host to its consensus share.)` })));
      own = alloc.offsets;
    } else if (free > 0) {
      shareless.push(h.host.id, ...list.filter((c) => c.ip === undefined).map((c) => c.id));
    }

    let docker0: DockerBridgeNet | undefined;
    if (!cni) {
      const key = h.underlay.underlay.id;
      if (!dockerByUnderlay.has(key)) dockerByUnderlay.set(key, dockerLocalNetworks(h.underlay.cidr, 1)[0]);
      docker0 = dockerByUnderlay.get(key);
      // dockerd's docker0 on the host, as the bridge backend reports it: the containers' eth0 legs are its ports.
      if (docker0) {
        report.interfaces.push(dockerBridgeInterface(DOCKER0, docker0));
        report.routes.push(dockerBridgeRoute(DOCKER0, docker0, h.containers.length === 0));
      }
    }
    const defaultRoute: Route | undefined = cni
      ? (exposeIp ? { dst: "default", gateway: exposeIp, dev: containerDev } : undefined)
      : (docker0 ? { dst: "default", gateway: docker0.gateway, dev: "eth0" } : undefined);

    const docker0Dst = docker0 ? formatCidr(docker0.subnet) : "";
    const docker0Base = docker0?.subnet.family === 4 ? docker0.subnet.base : 0;
    const gateway = cni ? exposeIp : docker0?.gateway;
    let k = 0; // position among the host's unpinned containers
    for (let j = 0; j < list.length; j++) {
      const c = list[j] as (typeof list)[number];
      let ip: string | undefined;
      if (c.ip === undefined) {
        const offset = own?.[k++] ?? -1;
        if (offset >= 0) ip = format((range.base + offset) >>> 0);
      } else {
        const addr = pins.addresses.get(c.id);
        if (addr) ip = formatIp(addr);
      }
      // Docker mode: the container keeps Docker's eth0 on docker0 (numbered from .2) for everything outside the range.
      const dockerRoute: Route | undefined = docker0 ? { dst: docker0Dst, dev: "eth0", protocol: "kernel", scope: "link", prefsrc: formatIp4(docker0Base + 2 + j) } : undefined;
      const rangeRoute: Route | undefined = ip === undefined ? undefined : { dst: rangeText, dev: containerDev, protocol: "kernel", scope: "link", prefsrc: ip };
      containers.push({
        id: c.id, name: c.name, host: h.host.id, cluster: cluster.id,
        ips: ip !== undefined ? [ip] : [], addresses: ip !== undefined ? [ip + suffix] : [],
        gateway, mtu, interface: containerDev, routes: definedOf(defaultRoute, dockerRoute, rangeRoute),
      });
    }
  });

  if (shareless.length > 0) {
    diagnostics.push({
      code: "POOL_EXHAUSTED", severity: "error", subjects: [cluster.id, ...shareless],
      message: `Cluster "${cluster.name}": Weave's range ${rangeText} has fewer addresses than the cluster has hosts, so some hosts get no share of the ring and their containers no address. Use a larger IPALLOC_RANGE.`,
    });
  }
  diagnostics.push(...dataplaneDiagnostics(ctx, mtu));

  const notes = [
    `Every container is on the one flat network ${rangeText} (prefix /${range.prefix}); the per-host shares are IPAM bookkeeping, not subnets, and hosts hold no per-host routes.`,
    "Real Weave orders the consensus peers by peer name (the weave bridge's MAC), so which host gets which share differs from Topolab's host order.",
    "Each host's weave bridge gets the first address of its share (weave expose); real Weave allocates it like any other address, so it may come later if containers start first.",
    cni ? "Kubernetes (CNI): pods get eth0 with the default route via the host's weave bridge address." : "Docker mode: containers get ethwe on the Weave network and keep Docker's eth0 on the host's docker0 (the first free Docker local pool, 172.17.0.0/16 on most hosts) for the default route.",
    "Weave Net is unmaintained: the last commit to weaveworks/weave was in 2022.",
  ];
  if (config.mode === "sleeve") notes.push("Sleeve's 62-byte overhead (80 with NaCl) is derived from router/sleeve.go and crypto.go; UNVERIFIED against the last release.");
  const clusterReport: ClusterReport = {
    id: cluster.id, backend: "weave", mode: config.mode, pools: [rangeText],
    encapsulation: config.mode === "fastdp" ? "vxlan" : "sleeve", overhead: weaveOverhead(config, mtu), mtu,
    encryption: config.encrypted, policy: true, firewall: weaveFirewall(config), notes,
  };
  return { cluster: clusterReport, hosts, containers, routerRoutes: [], diagnostics };
}
