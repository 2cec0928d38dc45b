/**
 * New objects with sensible names and defaults, and copies of existing ones (duplicate, paste).
 * Pure: each function reads a document and returns the objects or the Edit to apply, so the canvas,
 * the keyboard and the tests create things the same way. Defaults come from the document schema
 * itself (a new host gets the schema's kernel, a new cluster its backend's defaults), and ids are
 * readable and unique across the whole document ("node-4", "lan-2").
 */
import { cidr as knownCidr, overlaps, parseCidr } from "./addr/index.ts";
import {
  type Cluster,
  type Container,
  type Document,
  type External,
  type Flow,
  type Host,
  type Router,
  type Underlay,
  documentSchema,
} from "./document.ts";
import { type Collection, type Edit, type Position, COLLECTIONS } from "./edits.ts";

export type NewObjectKind = "underlay" | "router" | "cluster" | "host" | "container" | "external";

export const COLLECTION_OF_KIND: Record<NewObjectKind, Collection> = {
  underlay: "underlays",
  router: "routers",
  cluster: "clusters",
  host: "hosts",
  container: "containers",
  external: "externals",
};

/** Every id in the document (ids are one namespace) and every object name. */
function takenNames(doc: Document): Set<string> {
  const taken = new Set<string>();
  for (const c of COLLECTIONS) {
    for (const o of doc[c] as { id: string; name?: string }[]) {
      taken.add(o.id);
      if (o.name) taken.add(o.name);
    }
  }
  return taken;
}

/** `base-1`, `base-2`, …: the first not in `taken` (`base 2` when the base has spaces, "Rack LAN 2"). */
export function nextFreeName(base: string, taken: ReadonlySet<string>): string {
  const sep = base.includes(" ") ? " " : "-";
  for (let n = 1; ; n++) {
    const candidate = `${base}${sep}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The name without a trailing number: "node-3" → "node", "node3" → "node", "Rack LAN 2" → "Rack LAN". */
export function nameBase(name: string): string {
  const base = name.replace(/[-_ ]?\d+$/, "");
  return base === "" ? name : base;
}

/** Runs one element of the document schema, so a new object gets exactly the defaults a file would. */
function withDefaults<C extends Exclude<Collection, "flows">>(collection: C, raw: Record<string, unknown>): Document[C][number] {
  const field = documentSchema.shape[collection] as unknown as { unwrap(): { element: { parse(v: unknown): Record<string, unknown> } } };
  const parsed = field.unwrap().element.parse(raw);
  return { ...parsed, name: (parsed.name as string | undefined) ?? (parsed.id as string) } as Document[C][number];
}

function freeNetwork(candidates: Iterable<string>, avoid: readonly string[]): string | undefined {
  const used = avoid.flatMap((text) => {
    const r = parseCidr(text);
    return r.ok ? [r.value] : [];
  });
  for (const text of candidates) {
    const c = knownCidr(text);
    if (!used.some((u) => u.family === c.family && overlaps(u, c))) return text;
  }
  return undefined;
}

function* underlayCandidates() {
  for (let n = 1; n < 256; n++) yield `192.168.${n}.0/24`;
  for (let n = 0; n < 256; n++) yield `172.16.${n}.0/24`;
}

function* poolCandidates() {
  for (let n = 244; n < 256; n++) yield `10.${n}.0.0/16`;
  for (let n = 16; n < 32; n++) yield `172.${n}.0.0/16`;
}

/** A LAN on the next free 192.168.N.0/24. `avoid`: other networks in play (container pools). */
export function newUnderlay(doc: Document, avoid: readonly string[] = []): Underlay {
  const name = nextFreeName("lan", takenNames(doc));
  const cidr = freeNetwork(underlayCandidates(), [...doc.underlays.map((u) => u.cidr), ...avoid]) ?? "192.168.0.0/24";
  return withDefaults("underlays", { id: name, name, cidr });
}

/** A router joining the given underlays (default: the first two, so two LANs become routable). */
export function newRouter(doc: Document, underlays: readonly string[] = doc.underlays.slice(0, 2).map((u) => u.id)): Router {
  const name = nextFreeName("router", takenNames(doc));
  return withDefaults("routers", { id: name, name, underlays: [...underlays] });
}

/** A Kubernetes cluster on flannel VXLAN whose pool overlaps nothing in `avoid` (the report's pools) nor the underlays. */
export function newCluster(doc: Document, avoid: readonly string[] = []): Cluster {
  const name = nextFreeName("cluster", takenNames(doc));
  const network = freeNetwork(poolCandidates(), [...avoid, ...doc.underlays.map((u) => u.cidr)]) ?? "10.244.0.0/16";
  return withDefaults("clusters", { id: name, name, backend: { type: "flannel", mode: "vxlan", network } });
}

/** A host of `cluster` on `underlay`; its address is left to the model (the next free one of the underlay). */
export function newHost(doc: Document, cluster: string, underlay: string): Host {
  const name = nextFreeName("node", takenNames(doc));
  return withDefaults("hosts", { id: name, name, cluster, underlay });
}

/** A container on `host` serving 80/tcp (unpublished); its address comes from the host's subnet. */
export function newContainer(doc: Document, host: string): Container {
  const name = nextFreeName("app", takenNames(doc));
  return withDefaults("containers", { id: name, name, host, ports: [{ port: 80, protocol: "tcp" }] });
}

/** An endpoint on the Internet. */
export function newExternal(doc: Document): External {
  const name = nextFreeName("internet", takenNames(doc));
  return withDefaults("externals", { id: name, name, kind: "internet" });
}

/** A flow to a container's first declared port (80/tcp when it declares none). */
export function newFlow(doc: Document, from: string, to: string): Flow {
  const port = doc.containers.find((c) => c.id === to)?.ports[0];
  const id = nextFreeName("flow", takenNames(doc));
  return { id, from, to, port: port?.port ?? 80, protocol: port?.protocol ?? "tcp" };
}

/** Whether a flow may go from `from` to `to`: from a container or endpoint to another container. */
export function canConnectFlow(doc: Document, from: string, to: string): boolean {
  if (from === to) return false;
  const source = doc.containers.some((c) => c.id === from) || doc.externals.some((e) => e.id === from);
  return source && doc.containers.some((c) => c.id === to);
}

/**
 * Where a new host or container goes when the user did not point at a parent: the cluster (for a
 * host) or host (for a container) of the selection, else the first one. Undefined when there is none.
 */
export function parentFor(doc: Document, kind: NewObjectKind, selected?: string): string | undefined {
  const host = (id: string | undefined) => doc.hosts.find((h) => h.id === id);
  const container = doc.containers.find((c) => c.id === selected);
  if (kind === "host") {
    if (doc.clusters.some((c) => c.id === selected)) return selected;
    const h = host(selected) ?? host(container?.host);
    return h?.cluster ?? doc.clusters[0]?.id;
  }
  if (kind === "container") {
    if (host(selected)) return selected;
    if (container) return container.host;
    if (doc.clusters.some((c) => c.id === selected)) {
      const first = doc.hosts.find((h) => h.cluster === selected);
      if (first) return first.id;
    }
    return doc.hosts[0]?.id;
  }
  return undefined;
}

/** The underlay a new host of `cluster` joins: the one its cluster's hosts already use, else the first. */
function underlayFor(doc: Document, cluster: string): string | undefined {
  return doc.hosts.find((h) => h.cluster === cluster)?.underlay ?? doc.underlays[0]?.id;
}

export interface PlaceOptions {
  /** The selected object: new hosts go into its cluster, containers into its host. */
  selected?: string;
  /** An explicit parent (the cluster or host under the drop point); wins over `selected`. */
  parent?: string;
  /** Layout position: relative to the parent for hosts and containers, absolute otherwise. */
  position?: Position;
  /** Networks a new cluster or underlay must not overlap (the report's pools). */
  avoid?: readonly string[];
}

export interface Placement {
  /** One edit (one undo step) adding the object and anything it needs (a host needs a cluster and an underlay). */
  edit: Edit;
  /** The id of the object asked for. */
  id: string;
  /** Everything created, prerequisites first. */
  created: { id: string; kind: NewObjectKind; name: string }[];
}

/**
 * Adds a new object of `kind` where the user asked, creating what it cannot exist without: a host
 * needs a cluster and an underlay, a container a host, a router an underlay. The report shows
 * something true at once: addresses come from the model, pools avoid each other.
 */
export function placeNew(doc: Document, kind: NewObjectKind, options: PlaceOptions = {}): Placement {
  const edits: Edit[] = [];
  const created: Placement["created"] = [];
  let current = doc;
  const add = (k: NewObjectKind, object: { id: string; name: string }, position?: Position) => {
    const edit: Edit = { kind: "add", collection: COLLECTION_OF_KIND[k], object: object as Document[Collection][number], ...(position ? { position } : {}) };
    edits.push(edit);
    created.push({ id: object.id, kind: k, name: object.name });
    current = {
      ...current,
      [COLLECTION_OF_KIND[k]]: [...current[COLLECTION_OF_KIND[k]], object],
      layout: position ? { ...current.layout, [object.id]: position } : current.layout,
    } as Document;
    return object.id;
  };
  const avoid = options.avoid ?? [];
  const ensureUnderlay = () => current.underlays[0]?.id ?? add("underlay", newUnderlay(current, avoid));
  const ensureCluster = (): string => {
    const found = kind === "host" && options.parent && current.clusters.some((c) => c.id === options.parent) ? options.parent : parentFor(current, "host", options.selected);
    return found ?? add("cluster", newCluster(current, avoid));
  };
  const ensureHost = (): string => {
    const found = options.parent && current.hosts.some((h) => h.id === options.parent) ? options.parent : parentFor(current, "container", options.selected);
    if (found) return found;
    const cluster = ensureCluster();
    const underlay = underlayFor(current, cluster) ?? ensureUnderlay();
    return add("host", newHost(current, cluster, underlay));
  };

  let id: string;
  switch (kind) {
    case "underlay":
      id = add("underlay", newUnderlay(current, avoid), options.position);
      break;
    case "router": {
      if (current.underlays.length === 0) ensureUnderlay();
      id = add("router", newRouter(current), options.position);
      break;
    }
    case "cluster":
      id = add("cluster", newCluster(current, avoid), options.position);
      break;
    case "host": {
      const cluster = ensureCluster();
      const underlay = underlayFor(current, cluster) ?? ensureUnderlay();
      // A position is relative to the parent the caller meant; when a new parent had to be made, let the layout choose.
      const position = created.some((c) => c.kind === "cluster") ? undefined : options.position;
      id = add("host", newHost(current, cluster, underlay), position);
      break;
    }
    case "container": {
      const host = ensureHost();
      const position = created.some((c) => c.kind === "host") ? undefined : options.position;
      id = add("container", newContainer(current, host), position);
      break;
    }
    case "external":
      id = add("external", newExternal(current), options.position);
      break;
  }
  return { edit: edits.length === 1 ? edits[0]! : { kind: "batch", edits }, id, created };
}

// ——— Copy, paste, duplicate ———

/** Objects lifted out of a document: what the clipboard holds. */
export interface Fragment {
  format: "topolab-fragment";
  underlays: Underlay[];
  routers: Router[];
  clusters: Cluster[];
  hosts: Host[];
  containers: Container[];
  externals: External[];
  flows: Flow[];
  layout: Document["layout"];
}

/** The objects with these ids and what they hold (a cluster its hosts, a host its containers), plus the flows among them. */
export function copyFragment(doc: Document, ids: readonly string[]): Fragment {
  const keep = new Set(ids);
  for (const h of doc.hosts) if (keep.has(h.cluster)) keep.add(h.id);
  for (const c of doc.containers) if (keep.has(c.host)) keep.add(c.id);
  for (const f of doc.flows) if (keep.has(f.from) && keep.has(f.to)) keep.add(f.id);
  const pick = <T extends { id: string }>(xs: T[]) => xs.filter((x) => keep.has(x.id));
  return {
    format: "topolab-fragment",
    underlays: pick(doc.underlays),
    routers: pick(doc.routers),
    clusters: pick(doc.clusters),
    hosts: pick(doc.hosts),
    containers: pick(doc.containers),
    externals: pick(doc.externals),
    flows: pick(doc.flows),
    layout: Object.fromEntries(Object.entries(doc.layout).filter(([id]) => keep.has(id))),
  };
}

export function isFragmentEmpty(f: Fragment): boolean {
  return COLLECTIONS.every((c) => f[c].length === 0);
}

export interface PasteOptions {
  /** Added to the position of every pasted object whose parent is not pasted with it. */
  offset?: { x: number; y: number };
  /** Where hosts and containers go when their cluster or host is neither pasted nor still there. */
  selected?: string;
  /** Networks a pasted underlay must not overlap (the report's pools). */
  avoid?: readonly string[];
}

/**
 * Pastes a fragment as new objects: fresh ids and names ("node-4"), references to pasted objects
 * remapped, references to objects still in the document kept, pinned addresses dropped (the copies
 * get their own), and pasted underlays moved to a free network. One edit, one undo step.
 */
export function pasteFragment(doc: Document, fragment: Fragment, options: PasteOptions = {}): { edit: Edit; ids: string[] } {
  const offset = options.offset ?? { x: 24, y: 24 };
  const taken = takenNames(doc);
  const idMap = new Map<string, string>();
  const fresh = (old: string, name: string) => {
    const id = nextFreeName(nameBase(name), taken);
    taken.add(id);
    idMap.set(old, id);
    return id;
  };
  const exists = (collection: Collection, id: string) => (doc[collection] as { id: string }[]).some((o) => o.id === id);
  const mapped = (collection: Collection, id: string) => idMap.get(id) ?? (exists(collection, id) ? id : undefined);

  const usedNetworks = [...doc.underlays.map((u) => u.cidr), ...(options.avoid ?? [])];
  const underlays = fragment.underlays.map((u) => {
    const id = fresh(u.id, u.name);
    const cidr = freeNetwork(underlayCandidates(), usedNetworks) ?? u.cidr;
    usedNetworks.push(cidr);
    const { gateway: _gateway, ...rest } = u;
    return { ...rest, id, name: id, cidr };
  });
  const clusters = fragment.clusters.map((c) => ({ ...c, id: fresh(c.id, c.name), name: idMap.get(c.id) ?? c.name }));
  const fallbackCluster = parentFor(doc, "host", options.selected);
  const hosts: Host[] = [];
  for (const h of fragment.hosts) {
    const cluster = mapped("clusters", h.cluster) ?? fallbackCluster;
    const underlay = mapped("underlays", h.underlay) ?? (cluster ? underlayFor(doc, cluster) : undefined);
    if (!cluster || !underlay) continue;
    const { ip: _ip, ...rest } = h;
    const id = fresh(h.id, h.name);
    hosts.push({ ...rest, id, name: id, cluster, underlay });
  }
  // A cluster that named one of its hosts (OpenVPN's server) names the copy, or falls back to its default.
  const pastedClusters = clusters.map((c) => {
    if (!("server" in c.backend) || c.backend.server === undefined) return c;
    const server = idMap.get(c.backend.server);
    if (server) return { ...c, backend: { ...c.backend, server } };
    const { server: _server, ...backend } = c.backend;
    return { ...c, backend: backend as typeof c.backend };
  });
  const fallbackHost = parentFor(doc, "container", options.selected);
  const containers: Container[] = [];
  for (const c of fragment.containers) {
    const host = mapped("hosts", c.host) ?? fallbackHost;
    if (!host) continue;
    const { ip: _ip, ip6: _ip6, ...rest } = c;
    const id = fresh(c.id, c.name);
    containers.push({ ...rest, id, name: id, host });
  }
  const routers = fragment.routers.flatMap((r) => {
    const joined = r.underlays.flatMap((u) => mapped("underlays", u) ?? []);
    if (joined.length === 0) return [];
    const id = fresh(r.id, r.name);
    return [{ ...r, id, name: id, underlays: joined, ips: {} }];
  });
  const externals = fragment.externals.map((e) => {
    const { ip: _ip, underlay, ...rest } = e;
    const id = fresh(e.id, e.name);
    const onUnderlay = underlay === undefined ? undefined : mapped("underlays", underlay);
    return { ...rest, id, name: id, ...(onUnderlay ? { underlay: onUnderlay } : {}) };
  });
  const flows = fragment.flows.flatMap((f) => {
    const from = idMap.get(f.from) ?? (exists("containers", f.from) || exists("externals", f.from) ? f.from : undefined);
    const to = mapped("containers", f.to);
    if (!from || !to) return [];
    const id = nextFreeName("flow", taken);
    taken.add(id);
    idMap.set(f.id, id);
    return [{ ...f, id, from, to }];
  });

  const parentOf = new Map<string, string>([...fragment.hosts.map((h) => [h.id, h.cluster] as const), ...fragment.containers.map((c) => [c.id, c.host] as const)]);
  const positions: Record<string, Position> = {};
  for (const [oldId, position] of Object.entries(fragment.layout)) {
    const newId = idMap.get(oldId);
    if (!newId) continue;
    const parent = parentOf.get(oldId);
    const parentPasted = parent !== undefined && idMap.has(parent);
    positions[newId] = parentPasted ? position : { ...position, x: position.x + offset.x, y: position.y + offset.y };
  }

  const added: Record<Collection, { id: string }[]> = {
    underlays, routers, clusters: pastedClusters, hosts, containers, externals, flows,
  };
  const edits: Edit[] = [];
  for (const collection of COLLECTIONS) {
    for (const object of added[collection]) edits.push({ kind: "add", collection, object: object as Document[Collection][number] });
  }
  if (Object.keys(positions).length > 0) edits.push({ kind: "move", positions });
  // The objects a person sees as "what I pasted": the top of each pasted tree.
  const top = [
    ...underlays, ...routers, ...pastedClusters, ...externals,
    ...hosts.filter((h) => !clusters.some((c) => c.id === h.cluster)),
    ...containers.filter((c) => !hosts.some((h) => h.id === c.host)),
    ...flows.filter((f) => !containers.some((c) => c.id === f.to)),
  ].map((o) => o.id);
  return { edit: { kind: "batch", edits }, ids: top };
}

/** Copies of these objects (and what they hold), offset a little: Ctrl/Cmd+D. */
export function duplicateObjects(doc: Document, ids: readonly string[], options: PasteOptions = {}): { edit: Edit; ids: string[] } {
  return pasteFragment(doc, copyFragment(doc, ids), options);
}
