/**
 * The one interface every backend implements (a new backend is one folder plus a line in
 * configs.ts, catalog.ts and index.ts). Nothing outside backends/ switches on a backend's type: the
 * rest of the model reads what a backend says here. A backend is two halves: its BackendInfo
 * (<name>/info.ts, listed in catalog.ts: what the UI shows) and its analysis (<name>/index.ts adds
 * analyze() to the info, listed in index.ts: what analyze.ts runs in the worker and the CLI).
 */
import type { Addr, Cidr } from "../addr/index.ts";
import type { BackendConfig, Cluster, Container, Document, Host, Orchestrator, Underlay } from "../document.ts";
import type { ClusterReport, ContainerReport, Diagnostic, HostReport, Route } from "../report.ts";

export interface UnderlayInfo {
  underlay: Underlay;
  cidr: Cidr;
  /** The underlay's gateway: a router's address there, or the first usable address. */
  gateway: Addr;
  /** A dual-stack underlay's IPv6 network (document cidr6) and its gateway. */
  cidr6?: Cidr;
  gateway6?: Addr;
  mtu: number;
  /** Routers that join this underlay. */
  routers: string[];
}

export interface HostContext {
  host: Host;
  /** Position of the host in its cluster, in document order: allocation order everywhere. */
  index: number;
  underlay: UnderlayInfo;
  /** The host's own underlay address (pinned or next free). */
  ip: Addr;
  ipText: string;
  /** On a dual-stack underlay: the host's address on its cidr6. */
  ip6?: Addr;
  ip6Text?: string;
  containers: Container[];
}

export interface ClusterContext<C extends BackendConfig = BackendConfig> {
  document: Document;
  cluster: Cluster;
  config: C;
  hosts: HostContext[];
  underlays: ReadonlyMap<string, UnderlayInfo>;
  /** Networks the hosts are attached to (their on-link routes): auto-chosen pools must avoid them. */
  hostNetworks: Cidr[];
  /** Whether a and b share one L2 segment (same underlay). */
  sameL2(a: HostContext, b: HostContext): boolean;
  /** Whether a can reach b's underlay address at all (same underlay, or underlays joined by a router). */
  reachable(a: HostContext, b: HostContext): boolean;
}

export interface BackendCapabilities {
  /** Whether container networks can be IPv6 (and dual stack). */
  ipv6: boolean;
  orchestrators: readonly Orchestrator[];
  encryption: boolean;
  policy: boolean;
  /** Where the control state lives, in words ("Kubernetes API or etcd"). */
  datastore: string;
  /** The kernel release the backend needs, with why. */
  minKernel?: { version: string; reason: string };
  /** Container addresses are underlay addresses (macvlan, ipvlan l2): reachable from the LAN without NAT. */
  containersOnUnderlay: boolean;
  /** Containers on different hosts reach each other by their own addresses (false for the plain bridge). */
  crossHost: boolean;
}

/** What one backend computes for one cluster. Host and container entries follow ctx.hosts order. */
export interface ClusterAnalysis {
  cluster: ClusterReport;
  hosts: HostReport[];
  containers: ContainerReport[];
  /** Routes that the router on an underlay must hold (ipvlan l3, Calico without encapsulation across routers). */
  routerRoutes: { underlay: string; route: Route & { reason: string } }[];
  diagnostics: Diagnostic[];
}

export interface BackendMode {
  id: string;
  label: string;
}

/**
 * What a backend is, without its analysis: enough for the UI (names, explanation, capabilities).
 * Lives in <name>/info.ts, which must stay small and import no analysis module, so the main
 * thread's initial JS does not carry the analysis (that runs in the worker).
 */
export interface BackendInfo<C extends BackendConfig = BackendConfig> {
  type: C["type"];
  label: string;
  modes: readonly BackendMode[];
  /** How it works, in two or three sentences: encapsulation, L2/L3, state, encryption, policy, orchestrators, IPv6. */
  description: string;
  /** Which real defaults Topolab follows, and where it is deterministic where the real project is not. */
  topolabDefaults: string;
  /** Pure and cheap: the UI calls it on every config change. */
  capabilities(config: C): BackendCapabilities;
}

/** A backend's info plus its analysis: the one module analyze.ts calls for a cluster of this backend. */
export interface Backend<C extends BackendConfig = BackendConfig> extends BackendInfo<C> {
  analyze(ctx: ClusterContext<C>): ClusterAnalysis;
}
