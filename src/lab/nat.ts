/**
 * NAT in each host namespace, with nftables (tables ip and ip6 topolab):
 * - every published port of report.portMappings on that host: DNAT from hostIp:hostPort (and from
 *   the host's ip6 on a dual-stack underlay, for a container with IPv6) to the
 *   container's address and port (prerouting) — its address on a host-namespace bridge when its own
 *   sits behind a bridge in another namespace (Docker overlay: the docker_gwbridge leg, as the model's
 *   flows say);
 * - masquerade where the model says a container's packets are rewritten (flows.ts `masquerades`):
 *   from the host's container networks (the cluster's pools, and the subnets of its bridges) to
 *   another host's underlay address (a published port elsewhere) or to another cluster's pools,
 *   leaving through eth0; and connections a DNAT sent back to a container of the same host
 *   (hairpin). Container networks that overlap an underlay (macvlan, ipvlan l2) are not masqueraded:
 *   those containers are on the underlay.
 */
import { containsCidr, formatCidr, overlaps } from "../model/addr/index.ts";
import type { ContainerReport, HostReport } from "../model/report.ts";
import { containerInterfaces } from "./containers.ts";
import { type LabIndex, interfaceHolds, isBridgeKind, networkOfAddress } from "./lab-index.ts";
import type { ScriptBuilder } from "./script-builder.ts";
import { ns } from "./shell.ts";

type Family = 4 | 6;
const inFamily = (family: Family) => (text: string) => text.includes(":") === (family === 6);

/** The nftables ruleset of a host (a table per address family it needs), or undefined when it needs none. */
export function hostRuleset(lab: LabIndex, host: HostReport): string | undefined {
  const tables = ([4, 6] as const).map((f) => familyTable(lab, host, f)).filter((t): t is string => t !== undefined);
  return tables.length === 0 ? undefined : tables.join("\n");
}

function familyTable(lab: LabIndex, host: HostReport, family: Family): string | undefined {
  const mine = inFamily(family);
  const ip = family === 4 ? "ip" : "ip6";
  const prerouting: string[] = [];
  for (const m of lab.report.portMappings) {
    if (m.host !== host.id) continue;
    // The port is open on the host's address of each family (Docker and the CNI portmap bind both): hostIp, and ip6 on a dual-stack underlay.
    const hostIp = [m.hostIp, host.ip6].find((a) => a !== undefined && mine(a));
    const c = lab.report.containers.find((x) => x.id === m.container);
    const target = c && dnatTarget(host, c, mine);
    if (!hostIp || !target) continue;
    prerouting.push(`${ip} daddr ${hostIp} ${m.protocol} dport ${m.hostPort} dnat to ${family === 6 ? `[${target}]` : target}:${m.port}`);
  }
  const local = localNetworks(lab, host).filter(mine);
  const uplink = host.interfaces.find((d) => d.kind === "ethernet")?.name ?? "eth0";
  const postrouting: string[] = [];
  if (local.length > 0) {
    const others = [
      ...lab.report.hosts.filter((h) => h.id !== host.id).flatMap((h) => h.interfaces.find((d) => d.kind === "ethernet")?.addresses ?? []).map((a) => a.split("/")[0] as string),
      ...lab.report.clusters.filter((c) => c.id !== host.cluster).flatMap((c) => c.pools).filter((p) => !overlapsAny(p, local)),
    ].filter(mine);
    for (const net of local) {
      postrouting.push(`ct status dnat ${ip} saddr ${net} masquerade`);
      for (const dst of [...new Set(others)]) postrouting.push(`oifname "${uplink}" ${ip} saddr ${net} ${ip} daddr ${dst} masquerade`);
    }
  }
  if (prerouting.length === 0 && postrouting.length === 0) return undefined;
  return [
    `table ${ip} topolab {`,
    "  chain prerouting {",
    "    type nat hook prerouting priority dstnat; policy accept;",
    ...prerouting.map((r) => `    ${r}`),
    "  }",
    "  chain postrouting {",
    "    type nat hook postrouting priority srcnat; policy accept;",
    ...postrouting.map((r) => `    ${r}`),
    "  }",
    "}",
  ].join("\n");
}

/** The container address a DNAT on its host sends to: its own, or its leg on a bridge of the host's own namespace. */
function dnatTarget(host: HostReport, c: ContainerReport, mine: (text: string) => boolean): string | undefined {
  const own = c.ips.find(mine);
  const holder = (ip: string) => host.interfaces.find((d) => isBridgeKind(d) && interfaceHolds(d, ip));
  if (own === undefined || holder(own)?.netns === undefined) return own;
  for (const i of containerInterfaces(c)) {
    for (const a of i.addresses) {
      const ip = a.split("/")[0] as string;
      const bridge = mine(ip) ? holder(ip) : undefined;
      if (bridge && bridge.netns === undefined) return ip;
    }
  }
  return own;
}

function localNetworks(lab: LabIndex, host: HostReport): string[] {
  const underlays = lab.report.underlays.map((u) => u.cidr);
  const nets = [
    ...(lab.clusters.get(host.cluster)?.pools ?? []),
    ...host.interfaces.filter((d) => isBridgeKind(d) && d.netns === undefined).flatMap((d) => d.addresses).map((a) => {
      const c = networkOfAddress(a);
      return c ? formatCidr(c) : undefined;
    }).filter((x): x is string => x !== undefined),
  ];
  const unique = [...new Set(nets)].filter((n) => !overlapsAny(n, underlays));
  // A bridge subnet inside the cluster's pool needs no rule of its own.
  return unique.filter((n) => !unique.some((o) => o !== n && containsNet(o, n)));
}

function containsNet(outer: string, inner: string): boolean {
  const a = networkOfAddress(outer);
  const b = networkOfAddress(inner);
  return a !== undefined && b !== undefined && containsCidr(a, b);
}

function overlapsAny(cidr: string, others: readonly string[]): boolean {
  const a = networkOfAddress(cidr);
  return a !== undefined && others.some((o) => {
    const b = networkOfAddress(o);
    return b !== undefined && overlaps(a, b);
  });
}

export function addNat(s: ScriptBuilder, lab: LabIndex, host: HostReport): boolean {
  const rules = hostRuleset(lab, host);
  if (!rules) return false;
  const h = lab.hostSuffix.get(host.id) as string;
  s.raw(`cat >"$TMPD/${h}.nft" <<'NFT'\n${rules}\nNFT`);
  s.run("ip", "netns", "exec", ns(h), "nft", "-f", `"$TMPD/${h}.nft"`);
  return true;
}
