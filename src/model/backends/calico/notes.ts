/** What a Calico cluster needs opened, the caveats only Calico knows, and where Topolab departs from it. */
import { type Diagnostic, type FirewallOpening } from "../../report.ts";
import { hostAddress, kernelAtLeast } from "../common.ts";
import type { ClusterContext } from "../types.ts";
import type { FamilyAllocation } from "./allocate.ts";
import type { CalicoConfig } from "./config.ts";
import { BGP_PORT, TYPHA_PORT, TYPHA_THRESHOLD, VXLAN_PORT, VXLAN_VNI, WIREGUARD_PORT, type FamiliesInUse } from "./devices.ts";
import { isIpipMode, isVxlanMode } from "./pool.ts";

const WIREGUARD_KERNEL = "5.6";

/** Modes that run BIRD (calico_backend: bird): BGP sessions between the nodes. */
function runsBird(mode: CalicoConfig["mode"]): boolean {
  return isIpipMode(mode) || mode === "none";
}

export function firewallOpenings(ctx: ClusterContext<CalicoConfig>, use: FamiliesInUse, needsFabric: boolean): FirewallOpening[] {
  const { mode, wireguard, asNumber } = ctx.config;
  const crossSubnet = mode.endsWith("-cross-subnet");
  const out: FirewallOpening[] = [];
  if (runsBird(mode)) {
    out.push({ protocol: "tcp", port: BGP_PORT, between: "hosts", reason: `BGP: BIRD in every calico-node peers with every other node (node-to-node full mesh, AS ${asNumber}) to exchange the pod block routes` });
  }
  if (needsFabric) {
    out.push({ protocol: "tcp", port: BGP_PORT, between: "underlay-router", reason: "BGP between the nodes and the routers, so the fabric learns the pod blocks (Calico without encapsulation across subnets)" });
  }
  if (isIpipMode(mode) && use.v4) {
    out.push({ protocol: "ipip", between: "hosts", reason: `IP-in-IP (IP protocol 4) carries pod traffic between nodes${crossSubnet ? " on different subnets (CrossSubnet: same-subnet traffic is not encapsulated)" : ""}` });
  }
  if (isVxlanMode(mode)) {
    out.push({ protocol: "udp", port: VXLAN_PORT, between: "hosts", reason: `VXLAN (VNI ${VXLAN_VNI}) carries pod traffic between nodes${crossSubnet ? " on different subnets (CrossSubnet: same-subnet traffic is not encapsulated)" : ""}` });
  }
  if (wireguard && use.v4) out.push({ protocol: "udp", port: WIREGUARD_PORT[4], between: "hosts", reason: "WireGuard (wireguard.cali) encrypts IPv4 pod traffic between nodes" });
  if (wireguard && use.v6) out.push({ protocol: "udp", port: WIREGUARD_PORT[6], between: "hosts", reason: "WireGuard (wg-v6.cali) encrypts IPv6 pod traffic between nodes" });
  if (ctx.hosts.length > TYPHA_THRESHOLD) {
    out.push({ protocol: "tcp", port: TYPHA_PORT, between: "hosts", reason: `Typha: with more than ${TYPHA_THRESHOLD} nodes Calico runs Typha, and Felix on every node connects to it instead of to the datastore` });
  }
  return out;
}

export function clusterNotes(ctx: ClusterContext<CalicoConfig>, needsFabric: boolean): string[] {
  const { mode, natOutgoing, wireguard } = ctx.config;
  const notes: string[] = [
    natOutgoing
      ? "natOutgoing is on: pod traffic to destinations outside the Calico pools (the Internet, the hosts' LAN) leaves masqueraded to the node's address; traffic between pods keeps the pod addresses."
      : "natOutgoing is off: pod traffic leaving the pools keeps the pod source address, so whatever it reaches must route the pool back to the nodes.",
  ];
  if (ctx.cluster.ipFamily !== "ipv4") {
    notes.push("Calico's own default IPv6 pool has natOutgoing off (CALICO_IPV6POOL_NAT_OUTGOING=false); Topolab's natOutgoing setting applies to both pools.");
  }
  notes.push(
    "Real Calico starts each node's block search at a pseudo-random index seeded by the FNV hash of its hostname; Topolab claims blocks in host order from the pool's start so the plan is reproducible.",
    "Each node's tunnel and WireGuard addresses are taken from its first block when calico-node starts, before any pod.",
  );
  if (isIpipMode(mode)) {
    notes.push("IPIP routes to other blocks are BIRD's (proto bird, via the peer's address dev tunl0 onlink), as released v3.32 programs them. On master (commit f473f52b) Felix owns IPIP cluster routes (ProgramClusterRoutes=EnabledIPIPOnly, protocol 80); BIRD's are deprecated in v3.33 and due for removal in v3.35.");
  }
  if (isVxlanMode(mode)) {
    notes.push("With VXLAN there is no BIRD (calico_backend: vxlan): Felix programs the routes (via each peer's VTEP address, dev vxlan.calico onlink), the VTEP ARP and FDB entries, and blackholes for its own blocks (protocol 80).");
  }
  if (mode.endsWith("-cross-subnet")) {
    notes.push("CrossSubnet: peers on the same underlay are routed directly via their address on eth0; only peers on other subnets go through the tunnel.");
  }
  if (mode === "none") {
    notes.push("Without encapsulation BIRD routes to peers on the same subnet directly; a peer on another subnet is resolved recursively, so the kernel route goes via this subnet's gateway, which must itself know the block.");
  }
  if (needsFabric) notes.push("The routers between the underlays need a route to every pod block (listed on each router): peer calico-node with them over BGP, or switch to a CrossSubnet mode.");
  if (wireguard) {
    notes.push("With WireGuard, Felix steers traffic to nodes that publish a WireGuard key into wireguard.cali by policy routing (its own routing table); the main-table routes shown stay as the path to nodes without WireGuard.");
  }
  if (ctx.hosts.length > TYPHA_THRESHOLD) notes.push(`More than ${TYPHA_THRESHOLD} nodes: Calico's manifests run Typha to fan out datastore updates to Felix.`);
  return notes;
}

export function hostDiagnostics(ctx: ClusterContext<CalicoConfig>, fams: { v4: FamilyAllocation | undefined; v6: FamilyAllocation | undefined }, fabricUnderlays: string[]): Diagnostic[] {
  const { cluster, config } = ctx;
  const out: Diagnostic[] = [];
  for (const fam of [fams.v4, fams.v6]) {
    if (!fam) continue;
    const family = fam.choice.family;
    const missing = ctx.hosts.filter((h) => hostAddress(h, family) === undefined);
    if (missing.length === 0) continue;
    out.push({
      code: "UNDERLAY_FAMILY_MISSING", severity: "warning", subjects: [cluster.id, ...missing.map((h) => h.host.id)],
      message: `Calico carries IPv${family} pod traffic between nodes over the nodes' own IPv${family} addresses, but ${missing.length === 1 ? "host" : "hosts"} ${missing.map((h) => `"${h.host.name}"`).join(", ")} of cluster "${cluster.name}" ${missing.length === 1 ? "has" : "have"} only IPv${family === 4 ? 6 : 4} on the underlay: their IPv${family} pods are not routed to or from other nodes. Give the underlay IPv${family} addresses (dual-stack nodes), or use IPv${family === 4 ? 6 : 4} only.`,
    });
  }
  if (fabricUnderlays.length > 0) {
    const names = fabricUnderlays.map((u) => `"${ctx.underlays.get(u)?.underlay.name ?? u}"`);
    const routers = [...new Set(fabricUnderlays.flatMap((u) => ctx.underlays.get(u)?.routers ?? []))];
    out.push({
      code: "NEEDS_FABRIC_ROUTES", severity: "warning", subjects: [cluster.id, ...fabricUnderlays, ...routers],
      message: `Cluster "${cluster.name}" uses Calico without encapsulation, and its hosts sit on different underlays (${names.join(", ")}): pod packets cross the routers with pod addresses, so the routers must route every pod block to its node. Peer calico-node with the routers over BGP (a BGPPeer; Topolab lists the routes they would learn), or use ipip-cross-subnet or vxlan-cross-subnet to encapsulate only between subnets.`,
    });
  }
  if (config.wireguard) {
    const old = ctx.hosts.filter((h) => !kernelAtLeast(h.host.kernel, WIREGUARD_KERNEL));
    if (old.length > 0) {
      out.push({
        code: "KERNEL_TOO_OLD", severity: "warning", subjects: old.map((h) => h.host.id),
        message: `Calico WireGuard needs kernel WireGuard support, in the mainline kernel from ${WIREGUARD_KERNEL}; ${old.map((h) => `"${h.host.name}" runs ${h.host.kernel}`).join(", ")}. Upgrade the kernel or install a backported wireguard module (some distributions ship one), or turn WireGuard off.`,
      });
    }
  }
  return out;
}
