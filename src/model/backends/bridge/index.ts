/**
 * Docker's default bridge on every host (BACKENDS.md §4): docker0 takes the first local pool that does
 * not overlap the host's own network (or --bip), containers sit behind NAT, and the only way between
 * hosts is a published port. The single-host baseline the multi-host backends are compared with.
 */
import { type Cidr, type Addr, addressAt, formatCidr, formatIp, makeCidr, offsetOf, parseIp } from "../../addr/index.ts";
import { allocateAddresses, usableRange } from "../../ipam.ts";
import type { ClusterReport, ContainerReport, Diagnostic, HostReport, Route } from "../../report.ts";
import { baseHostReport } from "../common.ts";
import { type DockerBridgeNet, dockerLocalNetworks, localPoolsExhaustedMessage } from "../docker-pools.ts";
import type { Backend, ClusterAnalysis, ClusterContext, HostContext } from "../types.ts";
import type { BridgeConfig } from "./config.ts";
import { bridgeInfo } from "./info.ts";

/** dockerd's default bridge MTU; it does not follow the host NIC (daemon "mtu" option changes it). */
export const DOCKER_BRIDGE_MTU = 1500;
const BRIDGE_DEV = "docker0";
const CONTAINER_DEV = "eth0";

export const bridge: Backend<BridgeConfig> = { ...bridgeInfo, analyze: analyzeBridge };

/** fd00:<host index>::/64: a stand-in for dockerd's sha256(hostID)-derived ULA, the same for the same document. */
function ulaSubnet(index: number): Cidr {
  return { family: 6, base: (0xfd00n << 112n) | (BigInt(index & 0xffff) << 96n), prefix: 64 };
}

/** --bip "172.17.0.1/16": docker0's own address and prefix. */
function parseBip(text: string): { net: DockerBridgeNet; gatewayOffset: number } | { error: string } {
  const slash = text.indexOf("/");
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  const prefixText = slash < 0 ? "" : text.slice(slash + 1);
  if (!ip.ok || ip.value.family !== 4 || !/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) {
    return { error: `bip "${text}" is not an IPv4 address with a prefix length, such as 172.17.0.1/16 (docker0's own address, then the prefix).` };
  }
  const prefix = Number(prefixText);
  const subnet = makeCidr(ip.value, prefix);
  const offset = offsetOf(subnet, ip.value);
  if (prefix > 30) return { error: `bip "${text}" leaves no room for containers: use a prefix of /30 or shorter (dockerd's default is a /16).` };
  if (offset === 0 || offset === 2 ** (32 - prefix) - 1) {
    return { error: `bip "${text}" gives docker0 the ${offset === 0 ? "network" : "broadcast"} address of ${formatCidr(subnet)}: write the bridge's own address, e.g. ${formatIp(addressAt(subnet, 1))}/${prefix}.` };
  }
  return { net: { subnet, gateway: formatIp(ip.value) }, gatewayOffset: offset };
}

function connectedRoute(subnet: Cidr, dev: string, src: string, linkdown: boolean): Route {
  const route: Route = subnet.family === 4
    ? { dst: formatCidr(subnet), dev, protocol: "kernel", scope: "link", prefsrc: src }
    : { dst: formatCidr(subnet), dev, protocol: "kernel", metric: 256 };
  if (linkdown) route.flags = ["linkdown"];
  return route;
}

interface FamilyPlan {
  subnet: Cidr;
  gateway: string;
  gatewayOffset: number;
}

function allocateFamily(h: HostContext, plan: FamilyPlan, pinned: (c: HostContext["containers"][number]) => string | undefined, diagnostics: Diagnostic[]): Map<string, Addr> {
  const usable = usableRange(plan.subnet, 1);
  const alloc = allocateAddresses(
    { cidr: plan.subnet, first: usable.first, last: usable.last, label: `${BRIDGE_DEV}'s subnet ${formatCidr(plan.subnet)} on host "${h.host.name}"`, subjects: [h.host.id] },
    h.containers.map((c) => ({ id: c.id, pinned: pinned(c), label: `container "${c.name}"` })),
    new Set([plan.gatewayOffset]),
  );
  diagnostics.push(...alloc.diagnostics);
  return alloc.addresses;
}

function analyzeBridge(ctx: ClusterContext<BridgeConfig>): ClusterAnalysis {
  const { cluster, config } = ctx;
  const diagnostics: Diagnostic[] = [];
  const wantV4 = cluster.ipFamily !== "ipv6";
  const wantV6 = cluster.ipFamily !== "ipv4";

  let bip: FamilyPlan | undefined;
  if (config.bip !== undefined) {
    const parsed = parseBip(config.bip.trim());
    if ("error" in parsed) {
      diagnostics.push({ code: "POOL_INVALID", severity: "error", subjects: [cluster.id], message: `Cluster "${cluster.name}": ${parsed.error} Topolab uses the default pools meanwhile.` });
    } else {
      bip = { subnet: parsed.net.subnet, gateway: parsed.net.gateway, gatewayOffset: parsed.gatewayOffset };
    }
  }

  const byUnderlay = new Map<string, FamilyPlan | undefined>();
  const v4PlanFor = (h: HostContext): FamilyPlan | undefined => {
    if (bip) return bip;
    const key = h.underlay.underlay.id;
    if (!byUnderlay.has(key)) {
      const net = dockerLocalNetworks(h.underlay.cidr, 1)[0];
      byUnderlay.set(key, net ? { subnet: net.subnet, gateway: net.gateway, gatewayOffset: 1 } : undefined);
    }
    return byUnderlay.get(key);
  };

  const pools = new Set<string>();
  const hosts: HostReport[] = [];
  const containers: ContainerReport[] = [];
  const lowMtuHosts: HostContext[] = [];

  for (const h of ctx.hosts) {
    const report = baseHostReport(ctx, h);
    hosts.push(report);
    if (h.underlay.mtu < DOCKER_BRIDGE_MTU) lowMtuHosts.push(h);
    const linkdown = h.containers.length === 0;
    const plans: FamilyPlan[] = [];
    if (wantV4) {
      const v4 = v4PlanFor(h);
      if (v4) plans.push(v4);
      else diagnostics.push({ code: "POOL_EXHAUSTED", severity: "error", subjects: [h.host.id, cluster.id], message: localPoolsExhaustedMessage(h.host.name, formatCidr(h.underlay.cidr), BRIDGE_DEV) });
    }
    if (wantV6) {
      const subnet = ulaSubnet(h.index);
      plans.push({ subnet, gateway: formatIp(addressAt(subnet, 1)), gatewayOffset: 1 });
    }
    const allocations = plans.map((p) => allocateFamily(h, p, (c) => (p.subnet.family === 4 ? c.ip : c.ip6), diagnostics));

    report.interfaces.push({ name: BRIDGE_DEV, kind: "bridge", addresses: plans.map((p) => `${p.gateway}/${p.subnet.prefix}`), mtu: DOCKER_BRIDGE_MTU });
    for (const p of plans) {
      pools.add(formatCidr(p.subnet));
      report.subnets.push(formatCidr(p.subnet));
      report.routes.push(connectedRoute(p.subnet, BRIDGE_DEV, p.gateway, linkdown));
    }
    // One default route object per host and family: every container on the host shares it.
    const defaults: Route[] = plans.map((p) => (p.subnet.family === 4
      ? { dst: "default", gateway: p.gateway, dev: CONTAINER_DEV }
      : { dst: "default", gateway: p.gateway, dev: CONTAINER_DEV, metric: 1024 }));

    const connectedDst = plans.map((p) => formatCidr(p.subnet));
    for (const c of h.containers) {
      const ips: string[] = [];
      const addresses: string[] = [];
      const routes: Route[] = [];
      for (let i = 0; i < plans.length; i++) {
        const addr = allocations[i]?.get(c.id);
        if (!addr) continue;
        const text = formatIp(addr);
        const dst = connectedDst[i] as string;
        ips.push(text);
        addresses.push(`${text}/${(plans[i] as FamilyPlan).subnet.prefix}`);
        routes.push(defaults[i] as Route, addr.family === 4
          ? { dst, dev: CONTAINER_DEV, protocol: "kernel", scope: "link", prefsrc: text }
          : { dst, dev: CONTAINER_DEV, protocol: "kernel", metric: 256 });
      }
      containers.push({
        id: c.id, name: c.name, host: h.host.id, cluster: cluster.id, ips, addresses,
        gateway: plans[0]?.gateway, mtu: DOCKER_BRIDGE_MTU, interface: CONTAINER_DEV, routes,
      });
    }
  }

  if (lowMtuHosts.length > 0) diagnostics.push(lowMtuDiagnostic(cluster.id, lowMtuHosts));

  const notes = [
    "Every host NATs its own docker0: the same subnet on several hosts is normal, and containers on different hosts reach each other only through ports published on the hosts' addresses.",
  ];
  if (wantV6) notes.push("IPv6: dockerd derives each host's ULA prefix from sha256 of its host ID; Topolab uses fd00:<host index>::/64 so the report is reproducible.");
  if (cluster.ipFamily === "ipv6") notes.push("dockerd always gives the default bridge an IPv4 subnet too; Topolab shows only the IPv6 side because the cluster is IPv6-only.");

  const clusterReport: ClusterReport = {
    id: cluster.id, backend: "bridge", mode: config.mode, pools: [...pools],
    encapsulation: "none", overhead: 0, mtu: DOCKER_BRIDGE_MTU, encryption: false, policy: false, firewall: [], notes,
  };
  return { cluster: clusterReport, hosts, containers, routerRoutes: [], diagnostics };
}

function lowMtuDiagnostic(clusterId: string, hosts: HostContext[]): Diagnostic {
  const lowest = Math.min(...hosts.map((h) => h.underlay.mtu));
  const names = hosts.slice(0, 5).map((h) => `"${h.host.name}" (${h.underlay.mtu})`).join(", ");
  const more = hosts.length > 5 ? ` and ${hosts.length - 5} more` : "";
  return {
    code: "BRIDGE_MTU_ABOVE_UNDERLAY", severity: "warning", subjects: [clusterId, ...hosts.map((h) => h.host.id)],
    message: `docker0 and its containers use MTU ${DOCKER_BRIDGE_MTU} (Docker's default, not the NIC's), but the underlay MTU is lower on host ${names}${more}. Large packets leaving those hosts need fragmentation or path-MTU discovery, and connections stall where ICMP is filtered. Set "mtu": ${lowest} in /etc/docker/daemon.json.`,
  };
}
