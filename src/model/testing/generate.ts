/**
 * Deterministic documents of any size, for the benchmark and the property tests: the same options
 * always give the same document. Pure: it only builds plain objects (the input analyze() takes).
 */
import { cidr, formatCidr, subnetAt, subnetCount } from "../addr/index.ts";
import type { BackendType, IpFamily, Orchestrator } from "../document.ts";

export interface GenerateOptions {
  hosts: number;
  containersPerHost: number;
  /** The cluster's backend as a document holds it: `{ type, mode, …its own fields }`. */
  backend: { type: BackendType; mode?: string; [field: string]: unknown };
  /** How many underlays the hosts are spread over, in contiguous runs; one router joins them all. Default 1. */
  underlays?: number;
  orchestrator?: Orchestrator;
  ipFamily?: IpFamily;
  /** How many flows: the first from the Internet to the first container, the others between hosts. Default 5. */
  flows?: number;
}

export interface GeneratedDocument {
  format: "topolab";
  version: 1;
  name: string;
  underlays: { id: string; name: string; cidr: string }[];
  routers: { id: string; name: string; underlays: string[] }[];
  clusters: { id: string; name: string; orchestrator: Orchestrator; ipFamily: IpFamily; backend: GenerateOptions["backend"] }[];
  hosts: { id: string; name: string; cluster: string; underlay: string }[];
  containers: { id: string; name: string; host: string; ports: { port: number; protocol: "tcp"; publish?: "auto" }[] }[];
  externals: { id: string; name: string; kind: "internet" }[];
  flows: { id: string; from: string; to: string; port: number; protocol: "tcp" }[];
}

/** Underlays are carved from 172.16.0.0/12: clear of the backends' default pools (10.x, 192.168.0.0/16). */
const UNDERLAY_SPACE = cidr("172.16.0.0/12");
const FIRST_PORT = 8000;

export function generateDocument(options: GenerateOptions): GeneratedDocument {
  const { hosts: hostCount, containersPerHost } = options;
  const underlayCount = Math.max(1, Math.min(options.underlays ?? 1, Math.max(1, hostCount)));
  const perUnderlay = Math.ceil(hostCount / underlayCount);
  const prefix = underlayPrefix(perUnderlay);
  if (underlayCount > subnetCount(UNDERLAY_SPACE, prefix)) {
    throw new RangeError(`${underlayCount} underlays of /${prefix} do not fit in ${formatCidr(UNDERLAY_SPACE)}`);
  }
  const underlays = Array.from({ length: underlayCount }, (_, i) => ({
    id: `lan${i}`, name: `LAN ${i}`, cidr: formatCidr(subnetAt(UNDERLAY_SPACE, prefix, i)),
  }));
  const hosts = Array.from({ length: hostCount }, (_, i) => ({
    id: `h${i}`, name: `host-${i}`, cluster: "c1", underlay: `lan${Math.floor((i * underlayCount) / hostCount)}`,
  }));
  const containers: GeneratedDocument["containers"] = [];
  for (let i = 0; i < hostCount; i++) {
    for (let j = 0; j < containersPerHost; j++) {
      // The first container of each host publishes its port on an automatic host port: a fixed number
      // would clash where publishing is cluster-wide (Swarm's routing mesh, NodePorts).
      const port = j === 0 ? { port: FIRST_PORT, protocol: "tcp" as const, publish: "auto" as const } : { port: FIRST_PORT + j, protocol: "tcp" as const };
      containers.push({ id: `h${i}c${j}`, name: `app-${i}-${j}`, host: `h${i}`, ports: [port] });
    }
  }
  return {
    format: "topolab",
    version: 1,
    name: `Generated: ${options.backend.type}${options.backend.mode ? ` ${options.backend.mode}` : ""}, ${hostCount} hosts × ${containersPerHost} containers`,
    underlays,
    routers: [{ id: "core", name: "Core router", underlays: underlays.map((u) => u.id) }],
    clusters: [{ id: "c1", name: "cluster", orchestrator: options.orchestrator ?? "kubernetes", ipFamily: options.ipFamily ?? "ipv4", backend: options.backend }],
    hosts,
    containers,
    externals: [{ id: "internet", name: "Internet", kind: "internet" }],
    flows: generateFlows(hostCount, containersPerHost, options.flows ?? 5),
  };
}

/** The longest prefix (at most /24) whose usable addresses hold the gateway and `hosts` hosts. */
function underlayPrefix(hosts: number): number {
  let prefix = 24;
  while (prefix > UNDERLAY_SPACE.prefix && 2 ** (32 - prefix) - 3 < hosts) prefix--;
  return prefix;
}

function generateFlows(hostCount: number, containersPerHost: number, count: number): GeneratedDocument["flows"] {
  if (hostCount === 0 || containersPerHost === 0 || count <= 0) return [];
  const flows: GeneratedDocument["flows"] = [{ id: "f0", from: "internet", to: "h0c0", port: FIRST_PORT, protocol: "tcp" }];
  for (let k = 1; k < count; k++) {
    // Spread the ends over the cluster (a prime stride), the target about half the cluster away.
    const a = (k * 7919) % hostCount;
    const b = (a + Math.floor(hostCount / 2) + k) % hostCount;
    const from = k % containersPerHost;
    const to = (k + 1) % containersPerHost;
    flows.push({ id: `f${k}`, from: `h${a}c${from}`, to: `h${b}c${to}`, port: FIRST_PORT + to, protocol: "tcp" });
  }
  return flows;
}
