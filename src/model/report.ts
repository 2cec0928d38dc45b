/**
 * The report (format "topolab-report", version 1; DESIGN.md §4): what analyze() returns, the CLI
 * prints and the panels show. Routes use the field names of `ip -j route` so they compare directly
 * with a real Linux host.
 */
export const REPORT_FORMAT = "topolab-report";
export const REPORT_VERSION = 1;

/** One route as `ip -j route` prints it. `dst` is "default" or a CIDR (host routes without "/32", as iproute2 prints them). */
export interface Route {
  dst: string;
  gateway?: string;
  dev?: string;
  protocol?: string;
  scope?: string;
  prefsrc?: string;
  type?: "blackhole" | "unreachable";
  flags?: string[];
  metric?: number;
  mtu?: number;
}

/** A static neighbour (ARP/NDP) entry, as `ip -j neigh`. */
export interface Neighbor {
  dst: string;
  lladdr: string;
  dev: string;
  state: string[];
}

/** A bridge forwarding entry, as `bridge -j fdb`. */
export interface FdbEntry {
  mac: string;
  dev: string;
  dst: string;
  flags?: string[];
}

/** A network device the backend creates on a host or in a container. */
export interface Interface {
  name: string;
  kind: "ethernet" | "bridge" | "vxlan" | "ipip" | "wireguard" | "tun" | "veth" | "ipvlan" | "macvlan" | "ovs" | "gre" | "geneve" | "xfrm" | "dummy";
  addresses: string[];
  mtu: number;
  mac?: string;
  /** Tunnel facts: VNI, UDP port, local address, the parent device. */
  vni?: number;
  port?: number;
  local?: string;
  parent?: string;
  mode?: string;
  /** A tunnel's peer underlay address (an OVS tunnel port's remote_ip, an OpenVPN client's server). */
  remote?: string;
  /** The far end of a point-to-point IPv4 address (`ip addr add 10.8.0.6 peer 10.8.0.5`, OpenVPN net30): that address is in `addresses` as a /32. */
  peer?: string;
  /** The bridge this device is a port of (OVS tunnel ports are ports of br0). */
  master?: string;
  /**
   * The network namespace the device lives in when it is not the host's own (Docker overlay's
   * per-network sandbox "1-<network id>"). The host's routes are its own namespace's table, so they
   * hold no route through such a device.
   */
  netns?: string;
}

export interface FirewallOpening {
  /** "tcp" | "udp" for ports, or an IP protocol ("esp", "ipip" = 4, "gre" = 47) without a port. */
  protocol: "tcp" | "udp" | "esp" | "ipip" | "gre";
  port?: number;
  /** Between which machines the opening is needed: all hosts of the cluster, or clients → server. */
  between: "hosts" | "to-server" | "managers" | "underlay-router";
  reason: string;
}

export interface ClusterReport {
  id: string;
  backend: string;
  mode: string;
  pools: string[];
  encapsulation: "none" | "vxlan" | "ipip" | "udp" | "wireguard" | "esp" | "gre" | "geneve" | "openvpn" | "sleeve";
  /** Underlay MTU minus the largest inner IP packet. */
  overhead: number;
  mtu: number;
  encryption: boolean;
  policy: boolean;
  firewall: FirewallOpening[];
  /** Where Topolab departs from the real project (e.g. random lease choice made deterministic). */
  notes: string[];
  /** A VXLAN backend's VTEPs, one table per device name (flannel.1, vxlan.calico, their IPv6 twins). */
  vteps?: VtepTable[];
}

/**
 * The VTEPs of one VXLAN device across a cluster (flannel's leases, Calico's VXLAN tunnel
 * addresses), kept once per cluster: each host of the table programs a neighbour and an FDB
 * entry for every VTEP of the table but its own, and, when `skip` is "same-underlay", but those on
 * its own underlay, which it routes to directly (flannel's DirectRouting). Copied per host, 1,000
 * hosts would hold the same million entries three times over. `hostNeighbors` and `hostFdb`
 * (model/vteps.ts) give one host's list, as `ip neigh` and `bridge fdb` show it.
 */
export interface VtepTable {
  dev: string;
  skip: "own" | "same-underlay";
  vteps: Vtep[];
}

export interface Vtep {
  host: string;
  underlay: string;
  neighbor: Neighbor;
  fdb: FdbEntry;
}

export interface HostReport {
  id: string;
  name: string;
  cluster: string;
  underlay: string;
  ip: string;
  /** The host's IPv6 address on a dual-stack underlay (its cidr6). */
  ip6?: string;
  /** The container subnets, blocks or shares this host holds (CIDRs, or "a–b" ranges for Weave shares). */
  subnets: string[];
  interfaces: Interface[];
  routes: Route[];
}

export interface ContainerReport {
  id: string;
  name: string;
  host: string;
  cluster: string;
  ips: string[];
  /** eth0's addresses with their prefix, "10.244.1.2/24". */
  addresses: string[];
  gateway?: string;
  mtu: number;
  interface: string;
  routes: Route[];
  /** The container's device when it is not a veth pair: an ipvlan/macvlan slave of the host's parent, with its MAC. */
  device?: Interface;
}

export interface RouterReport {
  id: string;
  name: string;
  addresses: { underlay: string; ip: string; ip6?: string }[];
  /** Routes the router needs for the design to work (ipvlan l3, Calico without encapsulation across subnets…). */
  routes: (Route & { reason: string })[];
}

export interface UnderlayReport {
  id: string;
  cidr: string;
  gateway: string;
  /** A dual-stack underlay's IPv6 network and gateway. */
  cidr6?: string;
  gateway6?: string;
  mtu: number;
  hosts: { id: string; ip: string; ip6?: string }[];
}

export interface PortMappingReport {
  container: string;
  host: string;
  port: number;
  protocol: string;
  hostIp: string;
  hostPort: number;
  reason: string;
}

export interface FlowHop {
  node: string;
  action: string;
  /** Extra facts at this hop, shown by the packet tracer. */
  device?: string;
  route?: string;
  mtu?: number;
  encapsulation?: { type: string; outerSrc: string; outerDst: string; overhead: number; port?: number };
  nat?: string;
}

export interface FlowReport {
  id: string;
  from: string;
  to: string;
  port: number;
  protocol: string;
  reachable: boolean;
  /**
   * Where the source aims: the target container's own address and the flow's port ("direct"), or
   * the host address and port its port is published on ("published"). Absent when the flow stops
   * before that is known (no such container, no address, a port that must be published and is not).
   */
  target?: { ip: string; port: number; protocol: string; via?: "published" | "direct" };
  /** Why the flow does not reach its target, and what would fix it. */
  reason?: string;
  path: FlowHop[];
  /** The reply, from the target back to the address it saw as the source; traced once the request arrives. */
  replyPath?: FlowHop[];
}

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  code: string;
  severity: Severity;
  subjects: string[];
  message: string;
}

export interface Report {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  underlays: UnderlayReport[];
  routers: RouterReport[];
  clusters: ClusterReport[];
  hosts: HostReport[];
  containers: ContainerReport[];
  portMappings: PortMappingReport[];
  flows: FlowReport[];
  diagnostics: Diagnostic[];
}
