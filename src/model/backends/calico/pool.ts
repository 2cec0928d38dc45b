/**
 * Which IP pools a Calico cluster uses (BACKENDS.md §2.1): the configured ones, or calico-node's
 * defaults, and the configuration impossibilities Calico's own validation would refuse.
 */
import { type Cidr, cidr as knownCidr, formatCidr, overlaps, parseCidr, subnetCount } from "../../addr/index.ts";
import type { Diagnostic } from "../../report.ts";
import type { ClusterContext } from "../types.ts";
import type { CalicoConfig } from "./config.ts";

export const DEFAULT_IPV4_POOL = "192.168.0.0/16";

export interface PoolChoice {
  family: 4 | 6;
  pool: Cidr;
  blockPrefix: number;
}

export interface PoolPlan {
  v4?: PoolChoice;
  v6?: PoolChoice;
  diagnostics: Diagnostic[];
  notes: string[];
}

export function usesV4(ctx: ClusterContext): boolean {
  return ctx.cluster.ipFamily !== "ipv6";
}

export function usesV6(ctx: ClusterContext): boolean {
  return ctx.cluster.ipFamily !== "ipv4";
}

export function isIpipMode(mode: CalicoConfig["mode"]): boolean {
  return mode === "ipip" || mode === "ipip-cross-subnet";
}

export function isVxlanMode(mode: CalicoConfig["mode"]): boolean {
  return mode === "vxlan" || mode === "vxlan-cross-subnet";
}

/** calico-node's startup: 192.168.0.0/16 unless it overlaps a host network, then the first free 172.16–31.0.0/16. */
function defaultV4Pool(hostNetworks: readonly Cidr[]): { pool?: Cidr; clash?: Cidr } {
  const clashWith = (c: Cidr) => hostNetworks.find((h) => overlaps(c, h));
  const preferred = knownCidr(DEFAULT_IPV4_POOL);
  const clash = clashWith(preferred);
  if (clash === undefined) return { pool: preferred };
  for (let second = 16; second <= 31; second++) {
    const candidate = knownCidr(`172.${second}.0.0/16`);
    if (clashWith(candidate) === undefined) return { pool: candidate, clash };
  }
  return { clash };
}

export function choosePools(ctx: ClusterContext<CalicoConfig>): PoolPlan {
  const { config, cluster } = ctx;
  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  const plan: PoolPlan = { diagnostics, notes };
  const invalid = (message: string) => diagnostics.push({ code: "POOL_INVALID", severity: "error", subjects: [cluster.id], message });

  if (usesV4(ctx)) {
    let pool: Cidr | undefined;
    if (config.pool !== undefined) {
      const parsed = parseCidr(config.pool);
      if (parsed.ok) pool = parsed.value;
    } else {
      const chosen = defaultV4Pool(ctx.hostNetworks);
      pool = chosen.pool;
      if (pool === undefined) {
        invalid(`Cluster "${cluster.name}" sets no Calico pool, and calico-node's defaults are all taken: ${DEFAULT_IPV4_POOL} and every 172.16–31.0.0/16 overlap the hosts' networks. Set backend.pool to a free private range (e.g. 10.244.0.0/16).`);
      } else if (chosen.clash !== undefined) {
        notes.push(`The default pool ${DEFAULT_IPV4_POOL} overlaps the host network ${formatCidr(chosen.clash)}, so calico-node falls back to the first free 172.16–31.0.0/16: ${formatCidr(pool)}.`);
      }
    }
    if (pool !== undefined) {
      if (pool.prefix > config.blockSize) {
        invalid(`The Calico pool ${formatCidr(pool)} of cluster "${cluster.name}" is smaller than one /${config.blockSize} block: Calico requires the pool to hold at least one block. Use a pool of /${config.blockSize} or shorter, or a longer blockSize.`);
      } else {
        plan.v4 = { family: 4, pool, blockPrefix: config.blockSize };
        const blocks = subnetCount(pool, config.blockSize);
        const size = 2 ** (32 - config.blockSize);
        notes.push(`Pool ${formatCidr(pool)} holds ${blocks} block${blocks === 1 ? "" : "s"} of /${config.blockSize} (${size} address${size === 1 ? "" : "es"} each); every address of a block is usable, the network address (.0) too.`);
      }
    }
  }

  if (usesV6(ctx)) {
    const pool = knownCidr(config.ipv6Pool);
    if (isIpipMode(config.mode)) {
      invalid(`Cluster "${cluster.name}" is ${cluster.ipFamily === "dual" ? "dual-stack" : "IPv6"} with Calico mode "${config.mode}", but IP-in-IP cannot carry IPv6: Calico refuses IPIP on an IPv6 pool, so the IPv6 pool ${formatCidr(pool)} is not used. Use mode vxlan or vxlan-cross-subnet (VXLAN carries IPv6), or none (no encapsulation).`);
    } else if (pool.prefix > config.ipv6BlockSize) {
      invalid(`The Calico IPv6 pool ${formatCidr(pool)} of cluster "${cluster.name}" is smaller than one /${config.ipv6BlockSize} block. Use a pool of /${config.ipv6BlockSize} or shorter, or a longer ipv6BlockSize.`);
    } else {
      plan.v6 = { family: 6, pool, blockPrefix: config.ipv6BlockSize };
    }
  }
  return plan;
}
