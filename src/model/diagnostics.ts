/**
 * Diagnostics that look across clusters, or at what a backend says it can do (its capabilities),
 * rather than inside one backend: pool overlaps, orchestrator and IP family support, IPv6 MTU,
 * hosts the underlay cannot join. Backends emit the ones only they can know.
 */
import { type Cidr, cidr, formatCidr, overlaps, parseCidr } from "./addr/index.ts";
import type { ClusterResult } from "./analyze.ts";
import type { Document } from "./document.ts";
import { IPV6_MIN_MTU } from "./encapsulation.ts";
import type { Diagnostic } from "./report.ts";

/** dockerd's docker0 when nothing else claims it first (BACKENDS.md §4). */
const DOCKER0_DEFAULT = cidr("172.17.0.0/16");
const RUNS_DOCKER = new Set(["docker", "swarm", "nomad"]);

function pools(result: ClusterResult): Cidr[] {
  return result.analysis.cluster.pools.flatMap((p) => {
    const r = parseCidr(p);
    return r.ok ? [r.value] : [];
  });
}

export function crossClusterDiagnostics(doc: Document, results: ClusterResult[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  out.push(...underlayOverlaps(doc));
  for (const result of results) {
    out.push(...capabilityChecks(result));
    out.push(...poolChecks(doc, result));
    out.push(...connectivityChecks(result));
  }
  out.push(...clusterPoolOverlaps(results));
  return out;
}

/** An underlay's networks: its cidr, and on a dual-stack underlay its cidr6 too. */
function underlayNetworks(u: Document["underlays"][number]): Cidr[] {
  return u.cidr6 === undefined ? [cidr(u.cidr)] : [cidr(u.cidr), cidr(u.cidr6)];
}

function underlayOverlaps(doc: Document): Diagnostic[] {
  const out: Diagnostic[] = [];
  const nets = doc.underlays.flatMap((u) => underlayNetworks(u).map((net) => ({ u, net })));
  for (let i = 0; i < nets.length; i++) {
    for (let j = i + 1; j < nets.length; j++) {
      const a = nets[i]!;
      const b = nets[j]!;
      if (a.u === b.u || !overlaps(a.net, b.net)) continue;
      out.push({
        code: "UNDERLAYS_OVERLAP", severity: "error", subjects: [a.u.id, b.u.id],
        message: `Underlays "${a.u.name}" (${formatCidr(a.net)}) and "${b.u.name}" (${formatCidr(b.net)}) overlap: a router between them could not tell them apart. Give each LAN its own range.`,
      });
    }
  }
  return out;
}

function capabilityChecks({ context, capabilities, analysis }: ClusterResult): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { cluster } = context;
  const backend = `${analysis.cluster.backend}${analysis.cluster.mode ? ` (${analysis.cluster.mode})` : ""}`;
  if (!capabilities.orchestrators.includes(cluster.orchestrator)) {
    out.push({
      code: "ORCHESTRATOR_UNSUPPORTED", severity: "error", subjects: [cluster.id],
      message: `Cluster "${cluster.name}" runs ${cluster.orchestrator}, which cannot use ${backend}: it works with ${capabilities.orchestrators.join(", ")}. Pick a backend made for ${cluster.orchestrator}, or change the orchestrator.`,
    });
  }
  if (cluster.ipFamily !== "ipv4" && !capabilities.ipv6) {
    out.push({
      code: "IPV6_UNSUPPORTED", severity: "error", subjects: [cluster.id],
      message: `Cluster "${cluster.name}" asks for ${cluster.ipFamily === "dual" ? "dual stack" : "IPv6"}, but ${backend} carries IPv4 only: containers get IPv4 addresses alone. Choose IPv4, or a backend with IPv6 (flannel vxlan/host-gw/wireguard, Calico VXLAN or unencapsulated, ipvlan, macvlan, the Docker bridge).`,
    });
  }
  if (cluster.ipFamily !== "ipv4" && capabilities.ipv6 && analysis.cluster.mtu < IPV6_MIN_MTU) {
    out.push({
      code: "IPV6_MTU_TOO_SMALL", severity: "error", subjects: [cluster.id, ...new Set(context.hosts.map((h) => h.underlay.underlay.id))],
      message: `Cluster "${cluster.name}" gives containers an MTU of ${analysis.cluster.mtu}, below the ${IPV6_MIN_MTU} bytes IPv6 requires on every link: IPv6 will not work. Raise the underlay MTU to at least ${IPV6_MIN_MTU + analysis.cluster.overhead}, or use an encapsulation with less overhead.`,
    });
  }
  if (context.hosts.length === 0) {
    out.push({ code: "EMPTY_CLUSTER", severity: "info", subjects: [cluster.id], message: `Cluster "${cluster.name}" has no hosts yet: add hosts to see its address plan and routes.` });
  }
  return out;
}

function poolChecks(doc: Document, result: ClusterResult): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { cluster } = result.context;
  const own = pools(result);
  // A macvlan/ipvlan l2 pool *is* the underlay: overlapping it is the design, not a mistake.
  if (!result.capabilities.containersOnUnderlay) {
    for (const u of doc.underlays) {
      // IPv6 pools against a dual-stack underlay's cidr6, IPv4 ones against its cidr (overlaps never matches across families).
      for (const net of underlayNetworks(u)) {
        for (const p of own) {
          if (!overlaps(p, net)) continue;
          out.push({
            code: "POOL_OVERLAPS_UNDERLAY", severity: "error", subjects: [cluster.id, u.id],
            message: `Cluster "${cluster.name}"'s container pool ${formatCidr(p)} overlaps underlay "${u.name}" (${formatCidr(net)}): hosts would route those addresses to containers instead of the LAN. Choose a pool outside ${formatCidr(net)}.`,
          });
        }
      }
    }
  }
  if (cluster.orchestrator === "kubernetes") {
    const service = cidr(cluster.serviceCidr);
    for (const p of own) {
      if (!overlaps(p, service)) continue;
      out.push({
        code: "POOL_OVERLAPS_SERVICE_RANGE", severity: "error", subjects: [cluster.id],
        message: `Cluster "${cluster.name}"'s pod pool ${formatCidr(p)} overlaps the Kubernetes service range ${formatCidr(service)} (kube-apiserver --service-cluster-ip-range): Service IPs and pod IPs would collide. Move the pod pool or the service range.`,
      });
    }
  }
  if (RUNS_DOCKER.has(cluster.orchestrator) && result.capabilities.crossHost) {
    for (const p of own) {
      if (!overlaps(p, DOCKER0_DEFAULT)) continue;
      out.push({
        code: "POOL_OVERLAPS_DOCKER_BRIDGE", severity: "warning", subjects: [cluster.id],
        message: `Cluster "${cluster.name}"'s pool ${formatCidr(p)} overlaps ${formatCidr(DOCKER0_DEFAULT)}, the range dockerd gives docker0 on these hosts. Docker skips a range already routed on the host, but only if the network exists before dockerd starts; choose another pool or set dockerd's "bip".`,
      });
    }
  }
  return out;
}

function connectivityChecks({ context, capabilities }: ClusterResult): Diagnostic[] {
  if (!capabilities.crossHost) return [];
  const [first, ...rest] = context.hosts;
  if (!first) return [];
  const cut = rest.filter((h) => !context.reachable(first, h));
  if (cut.length === 0) return [];
  return [{
    code: "HOSTS_NOT_CONNECTED", severity: "error", subjects: [context.cluster.id, first.host.id, ...cut.map((h) => h.host.id)],
    message: `In cluster "${context.cluster.name}", ${cut.map((h) => `"${h.host.name}" (on ${h.underlay.underlay.name})`).join(", ")} cannot reach "${first.host.name}" (on ${first.underlay.underlay.name}): no router joins their underlays. Add a router between the underlays, or move the hosts onto one.`,
  }];
}

function clusterPoolOverlaps(results: ClusterResult[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Plain-bridge clusters keep their ranges behind NAT on each host, so reusing 172.17.0.0/16 is normal.
  const routed = results.filter((r) => r.capabilities.crossHost && !r.capabilities.containersOnUnderlay);
  for (let i = 0; i < routed.length; i++) {
    for (let j = i + 1; j < routed.length; j++) {
      const a = routed[i]!;
      const b = routed[j]!;
      for (const p of pools(a)) {
        for (const q of pools(b)) {
          if (!overlaps(p, q)) continue;
          out.push({
            code: "POOL_OVERLAPS_CLUSTER", severity: "error", subjects: [a.context.cluster.id, b.context.cluster.id],
            message: `Clusters "${a.context.cluster.name}" (${formatCidr(p)}) and "${b.context.cluster.name}" (${formatCidr(q)}) use overlapping container pools: traffic between them, and any network joining them, cannot tell the containers apart. Give each cluster its own pool.`,
          });
        }
      }
    }
  }
  return out;
}
