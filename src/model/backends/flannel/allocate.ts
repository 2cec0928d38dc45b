/**
 * flannel's subnet plan (BACKENDS.md §1.1, §1.2, §8): which per-host subnets a Network splits into,
 * with flannel's own SubnetLen/SubnetMin/SubnetMax rules and error messages, and which host gets
 * which subnet. Deterministic: hosts take subnets in host order (real etcd mode picks at random).
 */
import {
  type Cidr, type Family, addrEquals, cidr as parseKnownCidr, contains, formatCidr, formatIp, networkAddress,
  parseIp, subnetAt, subnetCount, subnetIndexOf,
} from "../../addr/index.ts";
import type { Diagnostic } from "../../report.ts";
import type { ClusterContext } from "../types.ts";
import type { FlannelConfig } from "./config.ts";

export type SubnetManager = "kube" | "etcd";

/** One family's pool: the Network, the per-host prefix, and the run of subnets hosts take in order. */
export interface FamilyPlan {
  family: Family;
  network: Cidr;
  subnetLen: number;
  /** Index (counted in subnetLen-sized subnets from the Network's start) of the first subnet handed out. */
  firstIndex: number;
  /** How many subnets can be handed out from firstIndex on. */
  count: number;
}

/** What each family gives the hosts: the plan and each host's subnet (undefined when none was left). */
export interface FamilyLayout {
  plan: FamilyPlan;
  subnets: (Cidr | undefined)[];
}

export function subnetManagerOf(ctx: ClusterContext<FlannelConfig>): SubnetManager {
  return ctx.config.subnetManager ?? (ctx.cluster.orchestrator === "kubernetes" ? "kube" : "etcd");
}

type PlanResult = { ok: true; plan: FamilyPlan } | { ok: false; problem: string; fix: string };

/**
 * SubnetLen defaulting and checks exactly as flannel's CheckNetworkConfig (pkg/subnet/config.go).
 * Topolab applies the size rules in kube mode too, where SubnetLen stands for kube-controller-manager's
 * --node-cidr-mask-size: a network too small for flannel is too small for a bridge per node either way.
 */
function planIpv4(config: FlannelConfig, manager: SubnetManager): PlanResult {
  const network = parseKnownCidr(config.network);
  const explicit = config.subnetLen !== undefined && config.subnetLen !== 0 ? config.subnetLen : undefined;
  let subnetLen: number;
  if (explicit !== undefined) {
    if (explicit > 30) {
      return { ok: false, problem: `SubnetLen ${explicit} leaves no room for the bridge gateway and a container on each host: flanneld stops with "SubnetLen must be less than /31"`, fix: "Set subnetLen to 30 or less (24 is usual), or remove it to get flannel's default" };
    }
    if (manager === "etcd" && explicit < network.prefix + 2) {
      return { ok: false, problem: `SubnetLen ${explicit} splits Network ${formatCidr(network)} into fewer than four subnets, and etcd mode never leases the first: flanneld stops with "network must be able to accommodate at least four subnets"`, fix: `Set subnetLen to at least ${network.prefix + 2}, or use a larger Network` };
    }
    if (manager === "kube" && explicit < network.prefix) {
      return { ok: false, problem: `the node CIDR mask /${explicit} (subnetLen, kube-controller-manager's --node-cidr-mask-size) is wider than the cluster CIDR ${formatCidr(network)}`, fix: `Set subnetLen to at least ${network.prefix}, or use a larger Network` };
    }
    subnetLen = explicit;
  } else {
    if (network.prefix > 28) {
      return { ok: false, problem: `Network ${formatCidr(network)} is too small: flanneld stops with "network is too small. Minimum useful network prefix is /28"`, fix: "Use a Network of /28 or wider (flannel's manifest uses 10.244.0.0/16)" };
    }
    subnetLen = network.prefix <= 22 ? 24 : network.prefix + 2;
  }
  const total = subnetCount(network, subnetLen);
  if (manager === "kube") return { ok: true, plan: { family: 4, network, subnetLen, firstIndex: 0, count: total } };

  // etcd mode skips the first subnet so no interface ever holds the Network's own address.
  let minIndex = 1;
  let maxIndex = total - 1;
  for (const [field, text] of [["SubnetMin", config.subnetMin], ["SubnetMax", config.subnetMax]] as const) {
    if (text === undefined) continue;
    const parsed = parseIp(text);
    if (!parsed.ok || !contains(network, parsed.value)) {
      return { ok: false, problem: `${field} ${text} is outside Network ${formatCidr(network)}: flanneld stops with "${field} is not in the range of the Network"`, fix: `Pick a ${field} inside ${formatCidr(network)}, or remove it to get flannel's default` };
    }
    const index = subnetIndexOf(network, subnetLen, parsed.value);
    const start = networkAddress(subnetAt(network, subnetLen, index));
    if (!addrEquals(start, parsed.value)) {
      return { ok: false, problem: `${field} ${text} is not the start of a /${subnetLen} subnet: flanneld stops with "${field} is not on a SubnetLen boundary: ${text}"`, fix: `Use ${formatIp(start)} (the start of the /${subnetLen} subnet that holds it)` };
    }
    if (field === "SubnetMin") minIndex = index;
    else maxIndex = index;
  }
  return { ok: true, plan: { family: 4, network, subnetLen, firstIndex: minIndex, count: Math.max(0, maxIndex - minIndex + 1) } };
}

/** IPv6 mirrors IPv4 (IPv6SubnetLen 64 up to a /62 Network, else prefix + 2; at most /124), plus kube's 16-bit limit. */
function planIpv6(config: FlannelConfig, manager: SubnetManager): PlanResult {
  const network = parseKnownCidr(config.ipv6Network);
  const explicit = config.ipv6SubnetLen !== undefined && config.ipv6SubnetLen !== 0 ? config.ipv6SubnetLen : undefined;
  let subnetLen: number;
  if (explicit !== undefined) {
    if (explicit > 126) {
      return { ok: false, problem: `IPv6SubnetLen ${explicit} leaves no room for the bridge gateway and a container: flanneld stops with "SubnetLen must be less than /127"`, fix: "Set ipv6SubnetLen to 126 or less (64 is usual), or remove it" };
    }
    if (explicit < network.prefix + (manager === "etcd" ? 2 : 0)) {
      return manager === "etcd"
        ? { ok: false, problem: `IPv6SubnetLen ${explicit} splits IPv6Network ${formatCidr(network)} into fewer than four subnets: flanneld stops with "network must be able to accommodate at least four subnets"`, fix: `Set ipv6SubnetLen to at least ${network.prefix + 2}` }
        : { ok: false, problem: `the node IPv6 CIDR mask /${explicit} is wider than the cluster CIDR ${formatCidr(network)}`, fix: `Set ipv6SubnetLen to at least ${network.prefix}` };
    }
    subnetLen = explicit;
  } else {
    if (network.prefix > 124) {
      return { ok: false, problem: `IPv6Network ${formatCidr(network)} is too small: flanneld stops with "IPv6Network is too small. Minimum useful network prefix is /124"`, fix: "Use an IPv6Network of /124 or wider (a /56 or /48 is usual)" };
    }
    subnetLen = network.prefix <= 62 ? 64 : network.prefix + 2;
  }
  if (manager === "kube" && subnetLen - network.prefix > 16) {
    return { ok: false, problem: `the node IPv6 CIDR /${subnetLen} is more than 16 bits longer than the cluster CIDR ${formatCidr(network)}: kube-controller-manager stops with "New CIDR set failed; the node CIDR size is too big"`, fix: `Use an IPv6Network of /${subnetLen - 16} or wider (a /48 with /64 per node is the widest split), or a shorter ipv6SubnetLen` };
  }
  const total = subnetCount(network, subnetLen);
  return manager === "kube"
    ? { ok: true, plan: { family: 6, network, subnetLen, firstIndex: 0, count: total } }
    : { ok: true, plan: { family: 6, network, subnetLen, firstIndex: 1, count: total - 1 } };
}

/** Plans one family and hands its subnets to the hosts in order; problems become diagnostics. */
export function layoutFamily(ctx: ClusterContext<FlannelConfig>, family: Family, manager: SubnetManager, diagnostics: Diagnostic[]): FamilyLayout | undefined {
  const result = family === 4 ? planIpv4(ctx.config, manager) : planIpv6(ctx.config, manager);
  const clusterName = `cluster "${ctx.cluster.name}"`;
  if (!result.ok) {
    diagnostics.push({ code: "POOL_INVALID", severity: "error", subjects: [ctx.cluster.id], message: `In ${clusterName}, ${result.problem}. ${result.fix}.` });
    return undefined;
  }
  const { plan } = result;
  const subnets: (Cidr | undefined)[] = ctx.hosts.map((_, i) => (i < plan.count ? subnetAt(plan.network, plan.subnetLen, plan.firstIndex + i) : undefined));
  if (ctx.hosts.length > plan.count) {
    const left = ctx.hosts.slice(plan.count);
    const first = subnetAt(plan.network, plan.subnetLen, plan.firstIndex);
    const range = plan.count === 0
      ? "no subnet at all (SubnetMin is after SubnetMax)"
      : `${plan.count} subnet${plan.count === 1 ? "" : "s"} of /${plan.subnetLen} (${formatCidr(first)} to ${formatCidr(subnetAt(plan.network, plan.subnetLen, plan.firstIndex + plan.count - 1))}${manager === "etcd" ? `; etcd mode never leases the first, ${formatCidr(subnetAt(plan.network, plan.subnetLen, 0))}` : ""})`;
    const longer = plan.subnetLen + 1 <= (family === 4 ? 30 : 126);
    diagnostics.push({
      code: "POOL_EXHAUSTED", severity: "error", subjects: [ctx.cluster.id, ...left.map((h) => h.host.id)],
      message: `In ${clusterName}, flannel's ${family === 4 ? "Network" : "IPv6Network"} ${formatCidr(plan.network)} holds ${range} but the cluster has ${ctx.hosts.length} hosts: ${nameList(left.map((h) => h.host.name))} ${left.length === 1 ? "gets" : "get"} no subnet and no pod networking. Use a larger ${family === 4 ? "Network" : "IPv6Network"}${longer ? ` or a longer ${family === 4 ? "subnetLen" : "ipv6SubnetLen"} (smaller per-host subnets)` : ""}.`,
    });
  }
  return { plan, subnets };
}

/** "a, b, c and 7 more": readable however many hosts a message concerns. */
export function nameList(names: readonly string[], max = 6, quote = true): string {
  const quoted = quote ? names.map((n) => `"${n}"`) : names;
  if (quoted.length <= max) return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
  return `${quoted.slice(0, max).join(", ")} and ${quoted.length - max} more`;
}

/** The subnet's gateway (the bridge's address) and first container offset, as the CNI bridge plugin uses them. */
export const GATEWAY_OFFSET = 1;
export const FIRST_CONTAINER_OFFSET = 2;
