/**
 * A host's namespace rebuilt from report.hosts[]: eth0 on its underlay, then every device the report
 * lists with its MAC, MTU and addresses — bridges (OVS bridges and Weave's datapath become Linux
 * bridges), VXLAN, IPIP, GRE and Geneve devices with their VNI, port, local address and parent, the
 * veth pairs between bridges — then its permanent neighbour and FDB entries. Routes and NAT come
 * later (routes.ts, nat.ts), once the containers' devices exist.
 *
 * Where Linux cannot take the report literally, the lab says so in a note:
 * - OVS tunnel ports of one bridge with the same VNI and port (vxlan-h2, vxlan-h3…) become one
 *   VXLAN device flooding to each remote (Linux allows one VXLAN device per VNI, port and local
 *   address); GRE/Geneve ports stay one device per peer, isolated from each other (split horizon).
 * - A flat L2 VXLAN device without FDB entries in the report (Docker overlay's vx-…) gets a flood
 *   entry per peer host in place of the control plane (Docker's gossip) that programs it.
 * A device with a netns (Docker overlay's network sandbox) is built in a namespace of its own
 * (`h1n1`…), as Docker does: bridges there directly, a VXLAN device in the host's namespace first and
 * then moved in, so that its UDP socket stays on the host's eth0.
 */
import type { HostReport, Interface } from "../model/report.ts";
import { hostFdb, hostNeighbors } from "../model/vteps.ts";
import { attach } from "./fabric.ts";
import { type LabIndex, deviceSuffix, isBridgeKind } from "./lab-index.ts";
import { LAB_TUNNEL_NAME, LAB_TUNNEL_VNI, labTunnelFor } from "./lab-tunnel.ts";
import type { ScriptBuilder } from "./script-builder.ts";
import { ns, q } from "./shell.ts";

const FLOOD_MAC = "00:00:00:00:00:00";

export function buildHost(s: ScriptBuilder, lab: LabIndex, host: HostReport): void {
  const h = lab.hostSuffix.get(host.id) as string;
  const u = lab.underlays.get(host.underlay);
  s.section(`host ${host.id}${host.name === host.id ? "" : ` (${host.name})`} ${host.ip} = \${P}${h}`);
  s.raw(`mkns ${h} 1`);
  const eth0 = host.interfaces.find((d) => d.kind === "ethernet");
  if (u && eth0) attach(s, lab.underlaySuffix.get(u.id) as string, h, h, eth0.name, eth0.mtu, eth0.addresses);

  const ip = (...words: string[]) => s.run("ip", "-n", ns(h), ...words);
  /** `ip` in the namespace the device lives in. */
  const ipOf = (dev: Interface | undefined) => (...words: string[]) => s.run("ip", "-n", ns(deviceSuffix(lab, host, dev)), ...words);
  const byName = (name: string) => host.interfaces.find((d) => d.name === name);
  const made: Interface[] = [];
  const containerVeths = lab.containerVeths.get(host.id) ?? new Map<string, string>();

  for (const [netns, suffix] of lab.sandboxSuffix.get(host.id) ?? []) {
    s.comment(`network namespace ${netns} of ${host.name} = \${P}${suffix}`);
    s.raw(`mkns ${suffix} 0`);
  }
  for (const dev of host.interfaces.filter(isBridgeKind)) {
    if (dev.kind === "ovs") s.comment(`${dev.name}: an Open vSwitch bridge in the design, a Linux bridge here`);
    ipOf(dev)("link", "add", q(dev.name), ...mac(dev), "mtu", String(dev.mtu), "type", "bridge");
    made.push(dev);
  }
  const pending = host.interfaces.filter((d) => d.kind === "veth" && !containerVeths.has(d.name));
  for (let i = 0; i + 1 < pending.length; i += 2) {
    const [a, b] = [pending[i] as Interface, pending[i + 1] as Interface];
    s.comment(`${a.name} and ${b.name}: a veth pair (listed together in the report)`);
    ip("link", "add", q(a.name), ...mac(a), "mtu", String(a.mtu), "type", "veth", "peer", "name", q(b.name), ...mac(b), "mtu", String(b.mtu));
    made.push(a, b);
  }
  if (pending.length % 2 === 1) s.note(`${host.name}: veth ${pending.at(-1)?.name} has no partner in the report; not built`);

  buildTunnels(s, lab, host, made);
  for (const dev of host.interfaces) {
    if (dev.kind === "ethernet" || (dev.kind === "veth" && containerVeths.has(dev.name))) continue;
    if (!made.includes(dev)) continue;
    if (dev.master !== undefined) ipOf(dev)("link", "set", q(dev.name), "master", q(dev.master));
    for (const a of dev.addresses) ipOf(dev)("addr", "add", q(a), "dev", q(dev.name), ...(a.includes(":") ? ["nodad"] : []));
  }
  for (const dev of made) ipOf(dev)("link", "set", q(dev.name), "up");
  isolateTunnelPorts(s, lab, host, made);

  const tunnel = labTunnelFor(lab, host);
  if (tunnel) {
    s.note(`${host.name}: the lab adds ${LAB_TUNNEL_NAME}, a VXLAN device (VNI ${LAB_TUNNEL_VNI}, UDP ${tunnel.port}) on ${tunnel.master.name} flooding to ${tunnel.peers.join(", ")}: the report keeps the cluster's VXLAN port inside ${tunnel.master.name}${tunnel.master.kind === "ovs" ? ", an Open vSwitch datapath" : ""}`);
    ip("link", "add", LAB_TUNNEL_NAME, "mtu", String(tunnel.master.mtu), "type", "vxlan", "id", String(LAB_TUNNEL_VNI), "local", q(host.ip), "dev", eth0?.name ?? "eth0", "dstport", String(tunnel.port));
    ip("link", "set", LAB_TUNNEL_NAME, "master", q(tunnel.master.name), "up");
    for (const peer of tunnel.peers) s.run("bridge", "-n", ns(h), "fdb", "append", FLOOD_MAC, "dev", LAB_TUNNEL_NAME, "dst", q(peer), "self", "permanent");
  }

  for (const n of hostNeighbors(lab.report, host)) {
    ipOf(byName(n.dev))("neigh", "replace", q(n.dst), "lladdr", q(n.lladdr), "dev", q(n.dev), "nud", n.state.some((x) => x.toUpperCase() === "PERMANENT") ? "permanent" : "reachable");
  }
  for (const f of hostFdb(lab.report, host)) {
    const flags = f.flags ?? ["self", "permanent"];
    s.run("bridge", "-n", ns(deviceSuffix(lab, host, byName(f.dev))), "fdb", "append", q(f.mac), "dev", q(f.dev), "dst", q(f.dst), ...(flags.includes("master") ? ["master"] : ["self"]), ...(flags.includes("permanent") || flags.length === 0 ? ["permanent"] : []));
  }
}

function mac(dev: Interface): string[] {
  return dev.mac ? ["address", q(dev.mac)] : [];
}

function buildTunnels(s: ScriptBuilder, lab: LabIndex, host: HostReport, made: Interface[]): void {
  const h = lab.hostSuffix.get(host.id) as string;
  const ip = (...words: string[]) => s.run("ip", "-n", ns(h), ...words);
  const meshGroups = new Map<string, Interface[]>();
  for (const dev of host.interfaces) {
    if (dev.kind === "vxlan" && dev.remote !== undefined) {
      const key = `${dev.master ?? ""}|${dev.vni ?? 0}|${dev.port ?? 4789}`;
      meshGroups.set(key, [...(meshGroups.get(key) ?? []), dev]);
      continue;
    }
    const base = ["link", "add", q(dev.name), ...mac(dev), "mtu", String(dev.mtu)];
    const local = dev.local === undefined ? [] : ["local", q(dev.local)];
    switch (dev.kind) {
      case "vxlan": {
        const programmed = hostFdb(lab.report, host).some((f) => f.dev === dev.name);
        ip(...base, "type", "vxlan", "id", String(dev.vni ?? 1), ...local, ...(dev.parent ? ["dev", q(dev.parent)] : []), "dstport", String(dev.port ?? 4789), ...(programmed ? ["nolearning"] : []));
        if (dev.netns !== undefined) ip("link", "set", q(dev.name), "netns", ns(deviceSuffix(lab, host, dev)));
        if (!programmed && dev.master !== undefined) {
          const peers = vxlanPeers(lab, host, dev);
          s.note(`${host.name}: ${dev.name} has no FDB entries in the report; the lab floods it to ${peers.join(", ") || "no peer"} in place of the control plane that programs it`);
          for (const peer of peers) s.run("bridge", "-n", ns(deviceSuffix(lab, host, dev)), "fdb", "append", FLOOD_MAC, "dev", q(dev.name), "dst", q(peer), "self", "permanent");
        }
        break;
      }
      case "gre":
        ip(...base, "type", dev.master === undefined ? "gre" : "gretap", ...(dev.remote ? ["remote", q(dev.remote)] : []), ...(local.length > 0 ? local : ["local", q(host.ip)]));
        break;
      case "geneve":
        ip(...base, "type", "geneve", "id", String(dev.vni ?? 0), "remote", q(dev.remote ?? ""), ...(dev.port ? ["dstport", String(dev.port)] : []));
        break;
      case "ipip":
        if (dev.name === "tunl0") {
          s.comment("tunl0 is the kernel's fallback IPIP device: it appears in every namespace once ipip is loaded");
          s.raw(`ip -n ${ns(h)} link show tunl0 >/dev/null 2>&1 || run ip -n ${ns(h)} link add tunl0 type ipip`);
          ip("link", "set", "tunl0", "mtu", String(dev.mtu));
        } else {
          ip(...base, "type", "ipip", ...local, ...(dev.remote ? ["remote", q(dev.remote)] : []), ...(dev.parent ? ["dev", q(dev.parent)] : []));
        }
        break;
      default:
        continue;
    }
    made.push(dev);
  }
  for (const group of meshGroups.values()) {
    const first = group[0] as Interface;
    const remotes = group.map((d) => d.remote as string);
    if (group.length > 1) {
      s.note(`${host.name}: ${group.map((d) => d.name).join(", ")} (tunnel ports with one VNI and port) are one VXLAN device ${first.name} flooding to ${remotes.join(", ")}: Linux allows one VXLAN device per VNI, port and local address`);
    }
    ip("link", "add", q(first.name), ...mac(first), "mtu", String(first.mtu), "type", "vxlan", "id", String(first.vni ?? 0), "local", q(host.ip), "dstport", String(first.port ?? 4789), ...(group.length === 1 ? ["remote", q(first.remote as string)] : []));
    if (group.length > 1) for (const r of remotes) s.run("bridge", "-n", ns(h), "fdb", "append", FLOOD_MAC, "dev", q(first.name), "dst", q(r), "self", "permanent");
    made.push(first);
  }
}

/** Peer VTEPs of a flat L2 VXLAN device: the other hosts of the cluster with a device of the same VNI and port. */
function vxlanPeers(lab: LabIndex, host: HostReport, dev: Interface): string[] {
  const out: string[] = [];
  for (const other of lab.report.hosts) {
    if (other.id === host.id || other.cluster !== host.cluster) continue;
    const twin = other.interfaces.find((d) => d.kind === "vxlan" && d.vni === dev.vni && d.port === dev.port);
    if (twin) out.push(twin.local ?? other.ip);
  }
  return out;
}

/** Per-peer tunnel ports of one bridge must not forward to each other, or a full mesh loops. */
function isolateTunnelPorts(s: ScriptBuilder, lab: LabIndex, host: HostReport, made: readonly Interface[]): void {
  const perMaster = new Map<string, Interface[]>();
  for (const dev of made) {
    if ((dev.kind === "gre" || dev.kind === "geneve") && dev.master !== undefined) perMaster.set(dev.master, [...(perMaster.get(dev.master) ?? []), dev]);
  }
  for (const ports of perMaster.values()) {
    if (ports.length < 2) continue;
    s.comment(`${host.name}: tunnel ports of one bridge are isolated from each other (split horizon)`);
    for (const p of ports) s.run("bridge", "-n", ns(deviceSuffix(lab, host, p)), "link", "set", "dev", q(p.name), "isolated", "on");
  }
}
