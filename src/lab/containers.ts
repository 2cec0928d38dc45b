/**
 * A container's namespace from report.containers[]: its interface (report.interface with
 * report.addresses and MTU) and any other interface its own table names — a kernel route with a
 * source address on another device (Docker overlay's eth1 on docker_gwbridge, Weave's eth0 on
 * docker0) gives that device and its address. Each interface is
 * - an ipvlan/macvlan device on the host's parent when the report gives one (report.device), or
 * - a veth whose host end is the host's own device for it when the host routes the container's
 *   address to a veth (Calico's cali…, with its MAC and proxy ARP as Calico sets it), or else a
 *   port of the host bridge whose subnet holds the address (cni0, docker0, weave, br0…), looked up
 *   on the host, then on the cluster's other hosts by the same name (OVS br0 holds the gateway on one
 *   host only), in the namespace that bridge lives in (Docker overlay's network sandbox).
 * An interface with nowhere to attach is left unattached, and a note says why.
 */
import type { ContainerReport, HostReport, Interface } from "../model/report.ts";
import { type LabIndex, deviceSuffix, interfaceHolds, isBridgeKind, networkOfAddress } from "./lab-index.ts";
import type { ScriptBuilder } from "./script-builder.ts";
import { ns, q } from "./shell.ts";

interface ContainerInterface {
  name: string;
  addresses: string[];
  mtu?: number;
  device?: Interface;
}

/** The container's interfaces: its own, then those its kernel routes name with a source address. */
export function containerInterfaces(c: ContainerReport): ContainerInterface[] {
  const out: ContainerInterface[] = [{ name: c.interface, addresses: [...c.addresses], mtu: c.mtu, ...(c.device ? { device: c.device } : {}) }];
  for (const r of c.routes) {
    if (r.protocol !== "kernel" || r.prefsrc === undefined || r.dev === undefined) continue;
    const net = networkOfAddress(r.dst);
    if (!net) continue;
    const address = `${r.prefsrc}/${net.prefix}`;
    const known = out.find((i) => i.name === r.dev);
    if (known) { if (!known.addresses.some((a) => a.split("/")[0] === r.prefsrc)) known.addresses.push(address); continue; }
    out.push({ name: r.dev, addresses: [address] });
  }
  return out;
}

export function buildContainer(s: ScriptBuilder, lab: LabIndex, c: ContainerReport): void {
  const cs = lab.containerSuffix.get(c.id) as string;
  const host = lab.hosts.get(c.host);
  const h = host ? lab.hostSuffix.get(host.id) : undefined;
  s.section(`container ${c.id}${c.name === c.id ? "" : ` (${c.name})`} ${c.ips.join(", ")} on ${c.host} = \${P}${cs}`);
  s.raw(`mkns ${cs} 0`);
  if (!host || !h) { s.note(`${c.name}: its host is not in the report; the container is left unconnected`); return; }
  containerInterfaces(c).forEach((iface, k) => {
    const tmp = `tl${cs}${k}`;
    if (iface.device) {
      const d = iface.device;
      const kind = d.kind === "ipvlan" ? ["type", "ipvlan", "mode", q(d.mode ?? "l3")] : ["type", "macvlan", "mode", q(d.mode ?? "bridge")];
      s.run("ip", "-n", ns(h), "link", "add", tmp, "link", q(d.parent ?? "eth0"), ...(d.mac && d.kind === "macvlan" ? ["address", q(d.mac)] : []), "mtu", String(d.mtu), ...kind);
      s.run("ip", "-n", ns(h), "link", "set", tmp, "netns", ns(cs));
      s.run("ip", "-n", ns(cs), "link", "set", tmp, "name", q(iface.name));
    } else {
      vethFor(s, lab, c, host, iface, tmp);
    }
    for (const a of iface.addresses) s.run("ip", "-n", ns(cs), "addr", "add", q(a), "dev", q(iface.name), ...(a.includes(":") ? ["nodad"] : []));
    s.run("ip", "-n", ns(cs), "link", "set", q(iface.name), "up");
  });
}

function vethFor(s: ScriptBuilder, lab: LabIndex, c: ContainerReport, host: HostReport, iface: ContainerInterface, tmp: string): void {
  const h = lab.hostSuffix.get(host.id) as string;
  const cs = lab.containerSuffix.get(c.id) as string;
  const veths = lab.containerVeths.get(host.id);
  const own = host.interfaces.find((d) => d.kind === "veth" && veths?.get(d.name) === c.id && iface.name === c.interface);
  const ips = iface.addresses.map((a) => a.split("/")[0] as string);
  if (own) {
    const mtu = String(iface.mtu ?? own.mtu);
    s.run("ip", "-n", ns(h), "link", "add", q(own.name), ...(own.mac ? ["address", q(own.mac)] : []), "mtu", String(own.mtu), "type", "veth", "peer", "name", q(iface.name), "mtu", mtu, "netns", ns(cs));
    s.comment(`${own.name} answers ARP for the container's gateway (proxy ARP, as Calico sets it)`);
    s.raw(`nsysctl ${ns(h)} net/ipv4/conf/${own.name}/proxy_arp 1`);
    s.run("ip", "-n", ns(h), "link", "set", q(own.name), "up");
    return;
  }
  const bridge = hostBridgeFor(lab, host, ips);
  const mtu = String(iface.mtu ?? bridge?.mtu ?? 1500);
  // The host end sits where the bridge is: the host's namespace, or a network sandbox (Docker overlay's br0).
  const where = ns(bridge ? deviceSuffix(lab, host, bridge) : h);
  s.run("ip", "-n", where, "link", "add", tmp, "mtu", mtu, "type", "veth", "peer", "name", q(iface.name), "mtu", mtu, "netns", ns(cs));
  if (bridge) {
    s.run("ip", "-n", where, "link", "set", tmp, "master", q(bridge.name), "up");
  } else {
    s.note(`${c.name}: ${iface.name} (${iface.addresses.join(", ")}) has no host device on ${host.name} to attach to: no bridge of ${host.name} holds that subnet in the report; left unattached`);
    s.run("ip", "-n", where, "link", "set", tmp, "up");
  }
}

/** The host bridge whose subnet holds the address; else a same-named bridge of the cluster that does. */
function hostBridgeFor(lab: LabIndex, host: HostReport, ips: readonly string[]): Interface | undefined {
  const bridges = host.interfaces.filter(isBridgeKind);
  const holds = (d: Interface) => ips.some((ip) => interfaceHolds(d, ip));
  const direct = bridges.find(holds);
  if (direct) return direct;
  for (const other of lab.report.hosts) {
    if (other.cluster !== host.cluster || other.id === host.id) continue;
    const twin = other.interfaces.find((d) => isBridgeKind(d) && holds(d) && bridges.some((b) => b.name === d.name));
    if (twin) return bridges.find((b) => b.name === twin.name);
  }
  return undefined;
}
