/**
 * The Topolab document (format "topolab", version 1; DESIGN.md §3): its schema, the defaults
 * (the real projects' defaults, BACKENDS.md), reference checks and version migration.
 * Everything that reads a document — the app, a share link, the CLI — goes through parseDocument().
 */
import { z } from "zod";
import { BACKEND_TYPES, backendConfig } from "./backends/configs.ts";
import { IdIndex } from "./id-index.ts";
import { cidr6Text, cidrText, id, ipText, port } from "./schema-helpers.ts";

export const FORMAT = "topolab";
export const VERSION = 1;

export const ORCHESTRATORS = ["kubernetes", "swarm", "docker", "nomad", "none"] as const;
export const IP_FAMILIES = ["ipv4", "ipv6", "dual"] as const;
export const PROTOCOLS = ["tcp", "udp", "sctp"] as const;

const name = z.string().max(200).optional();

/** An IPv6 address where only IPv6 makes sense (the IPv6 side of a dual-stack underlay). */
const ip6Text = ipText.superRefine((text, ctx) => {
  if (!text.includes(":")) ctx.addIssue({ code: "custom", message: `"${text}" is IPv4; an IPv6 address is expected here` });
});

/**
 * Dual stack is optional and additive: `cidr` is the underlay's network (either family) and
 * `cidr6` an IPv6 network beside an IPv4 `cidr`. Hosts pin their IPv6 side with `ip6`, routers
 * with `ips6` (by underlay id), the gateway with `gateway6`; unpinned, the IPv6 side is planned
 * like the IPv4 one (gateway ::1, then routers, then hosts). Without `cidr6` nothing changes.
 */
const underlay = z.object({
  id,
  name,
  cidr: cidrText,
  /** An IPv6 network beside an IPv4 cidr: the hosts become dual-stack. */
  cidr6: cidr6Text.optional(),
  mtu: z.number().int().min(68).max(65535).default(1500),
  /** A cloud VPC subnet rather than a LAN you own: matters for macvlan and L2-only designs. */
  kind: z.enum(["lan", "cloud"]).default("lan"),
  /** The underlay's gateway; absent: the first usable address (held by the first router that joins it). */
  gateway: ipText.optional(),
  /** The gateway on cidr6; absent: its first usable address (::1), held by the first router. */
  gateway6: ip6Text.optional(),
});

const router = z.object({
  id,
  name,
  underlays: z.array(id).min(1, "a router joins at least one underlay"),
  /** Pinned addresses, by underlay id. */
  ips: z.record(z.string(), ipText).default({}),
  /** Pinned addresses on the underlays' cidr6, by underlay id. */
  ips6: z.record(z.string(), ip6Text).optional(),
});

const cluster = z.object({
  id,
  name,
  orchestrator: z.enum(ORCHESTRATORS).default("kubernetes"),
  ipFamily: z.enum(IP_FAMILIES).default("ipv4"),
  backend: z.preprocess(
    (v) => v ?? { type: "flannel" },
    backendConfig,
  ),
  /** Kubernetes' service range (kubeadm default 10.96.0.0/12); only used under kubernetes. */
  serviceCidr: cidrText.default("10.96.0.0/12"),
});

const host = z.object({
  id,
  name,
  cluster: id,
  underlay: id,
  ip: ipText.optional(),
  /** The host's address on its underlay's cidr6 (dual stack); absent: the next free one. */
  ip6: ip6Text.optional(),
  /** The kernel release, e.g. "5.15": IPVLAN, WireGuard and VXLAN have minimum versions. */
  kernel: z.string().regex(/^\d+\.\d+(\.\d+)?/, 'a kernel release such as "5.15" or "6.1.0"').default("6.1"),
});

const portMapping = z.object({
  port,
  protocol: z.enum(PROTOCOLS).default("tcp"),
  /** A host port, "auto" for the next free one, or absent when the port is not published. */
  publish: z.union([port, z.literal("auto")]).optional(),
});

const container = z.object({
  id,
  name,
  host: id,
  ip: ipText.optional(),
  ip6: ipText.optional(),
  ports: z.array(portMapping).default([]),
});

const external = z.object({
  id,
  name,
  kind: z.enum(["internet", "client"]).default("internet"),
  /** A client that sits on one of the underlays (an office PC on the LAN); absent: it comes from the Internet. */
  underlay: id.optional(),
  ip: ipText.optional(),
});

const flow = z.object({
  id: id.optional(),
  from: id,
  to: id,
  port,
  protocol: z.enum(PROTOCOLS).default("tcp"),
});

const position = z.object({ x: z.number().finite(), y: z.number().finite(), width: z.number().finite().optional(), height: z.number().finite().optional() });

export const documentSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  name: z.string().max(300).default("Untitled topology"),
  description: z.string().max(5000).optional(),
  underlays: z.array(underlay).default([]),
  routers: z.array(router).default([]),
  clusters: z.array(cluster).default([]),
  hosts: z.array(host).default([]),
  containers: z.array(container).default([]),
  externals: z.array(external).default([]),
  flows: z.array(flow).default([]),
  layout: z.record(z.string(), position).default({}),
});

/**
 * What parseDocument runs: zod's ahead-of-time compiled clone of documentSchema. A valid document
 * takes one generated function instead of a parser call (and its payload objects) per field, several
 * times faster on 50,000 containers; an invalid one falls back to the runtime parser, so the issues,
 * their messages and paths are exactly documentSchema's. Where `new Function` is refused (a strict
 * CSP), z.compile hands the schema back unchanged.
 */
const compiledDocumentSchema = z.compile(documentSchema);

type Parsed = z.infer<typeof documentSchema>;
type Named<T> = Omit<T, "name"> & { name: string };

export type Underlay = Named<Parsed["underlays"][number]>;
export type Router = Named<Parsed["routers"][number]>;
export type Cluster = Named<Parsed["clusters"][number]>;
export type Host = Named<Parsed["hosts"][number]>;
export type Container = Named<Parsed["containers"][number]>;
export type External = Named<Parsed["externals"][number]>;
export type Flow = Parsed["flows"][number] & { id: string };
export type PortMapping = Container["ports"][number];
export type Orchestrator = (typeof ORCHESTRATORS)[number];
export type IpFamily = (typeof IP_FAMILIES)[number];
export type Protocol = (typeof PROTOCOLS)[number];
export type { BackendConfig, BackendType } from "./backends/configs.ts";

/** A valid document with every default filled in: what analyze() and the app work on. */
export interface Document {
  format: typeof FORMAT;
  version: typeof VERSION;
  name: string;
  description?: string | undefined;
  underlays: Underlay[];
  routers: Router[];
  clusters: Cluster[];
  hosts: Host[];
  containers: Container[];
  externals: External[];
  flows: Flow[];
  layout: Parsed["layout"];
}

/** One problem in a document, located by its JSON path (`hosts[2].underlay`). */
export interface ValidationError {
  path: string;
  message: string;
}

export type DocumentResult = { ok: true; document: Document } | { ok: false; errors: ValidationError[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out || "(document)";
}

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;
/** migrations[n] turns a version-n document into version n+1. None yet: version 1 is the first. */
const migrations: Record<number, Migration> = {};

/** Brings an older document up to VERSION; refuses other formats and newer versions with a clear reason. */
export function migrate(input: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; errors: ValidationError[] } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ path: "(document)", message: "a Topolab document is a JSON object" }] };
  }
  let doc = input as Record<string, unknown>;
  if (doc.format !== FORMAT) {
    return { ok: false, errors: [{ path: "format", message: `expected "${FORMAT}", found ${JSON.stringify(doc.format) ?? "nothing"}: this is not a Topolab document` }] };
  }
  const version = doc.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    return { ok: false, errors: [{ path: "version", message: `expected a whole number from 1 to ${VERSION}, found ${JSON.stringify(version) ?? "nothing"}` }] };
  }
  if (version > VERSION) {
    return { ok: false, errors: [{ path: "version", message: `this document is version ${version}, made by a newer Topolab; this one reads versions up to ${VERSION}` }] };
  }
  for (let v = version; v < VERSION; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, errors: [{ path: "version", message: `no migration from version ${v}` }] };
    doc = { ...step(doc), version: v + 1 };
  }
  return { ok: true, value: doc };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union" && issue.path.at(-1) === "backend") {
    return `expected a backend object whose "type" is one of ${BACKEND_TYPES.join(", ")}`;
  }
  return issue.message;
}

/** Validates and normalises any input (parsed JSON) into a Document, or lists every problem with its path. */
export function parseDocument(input: unknown): DocumentResult {
  const migrated = migrate(input);
  if (!migrated.ok) return migrated;
  const parsed = compiledDocumentSchema.safeParse(migrated.value);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: issueMessage(i) })) };
  }
  const doc = withNames(parsed.data);
  const errors = checkReferences(doc);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, document: doc };
}

/** Fills in names (an object's name defaults to its id). zod's output is fresh, so filling in place is safe and saves a copy per object. */
function withNames(p: Parsed): Document {
  const named = <T extends { id: string; name?: string | undefined }>(xs: T[]) => {
    for (const x of xs) x.name ??= x.id;
    return xs as (T & { name: string })[];
  };
  return {
    ...p,
    underlays: named(p.underlays),
    routers: named(p.routers),
    clusters: named(p.clusters),
    hosts: named(p.hosts),
    containers: named(p.containers),
    externals: named(p.externals),
    flows: p.flows.map((f, i) => ({ ...f, id: f.id ?? `flow-${i + 1}` })),
  };
}

const COLLECTIONS = ["underlays", "routers", "clusters", "hosts", "containers", "externals", "flows"] as const;
type Collection = (typeof COLLECTIONS)[number];

/** Ids are one namespace (diagnostics, layout and the canvas refer to any object by id); references must resolve. */
function checkReferences(doc: Document): ValidationError[] {
  const errors: ValidationError[] = [];
  // Paths and messages are built only for errors: this runs over every container of a 50,000-container document.
  let total = 0;
  for (const key of COLLECTIONS) total += doc[key].length;
  const owners = new IdIndex(total);
  let alsoOfKind: Set<string> | undefined;
  // Containers' host references are checked in the same pass as their ids (every host is indexed by then)
  // and reported in their usual place below.
  const hostErrors: ValidationError[] = [];
  const HOSTS = COLLECTIONS.indexOf("hosts");
  const CONTAINERS = COLLECTIONS.indexOf("containers");
  let known: string | undefined; // containers come in runs on one host: look each run's host up once
  for (let k = 0; k < COLLECTIONS.length; k++) {
    const key = COLLECTIONS[k] as Collection;
    const list: readonly { id: string }[] = doc[key];
    for (let index = 0; index < list.length; index++) {
      const item = list[index] as { id: string };
      if (k === CONTAINERS) {
        const host = (item as Container).host;
        if (host !== known) {
          if (owners.kindOf(host) === HOSTS || alsoOfKind?.has(`${HOSTS}|${host}`) === true) known = host;
          else hostErrors.push({ path: `containers[${index}].host`, message: `no host "${host}"` });
        }
      }
      const id = item.id;
      const first = owners.add(id, k, index);
      if (first < 0) continue;
      errors.push({ path: `${key}[${index}].id`, message: `id "${id}" is already used at ${COLLECTIONS[owners.kindAt(first)]}[${owners.indexAt(first)}].id` });
      // A reused id still names an object of this kind too (a host "lan" beside underlay "lan" is a host).
      (alsoOfKind ??= new Set()).add(`${k}|${id}`);
    }
  }
  const is = (kind: Collection, id: string) => {
    const k = COLLECTIONS.indexOf(kind);
    const first = owners.kindOf(id);
    return first === k || (first >= 0 && alsoOfKind?.has(`${k}|${id}`) === true);
  };
  const need = (ok: boolean, path: string, message: string) => { if (!ok) errors.push({ path, message }); };
  doc.routers.forEach((r, i) => r.underlays.forEach((u, j) => need(is("underlays", u), `routers[${i}].underlays[${j}]`, `no underlay "${u}"`)));
  doc.routers.forEach((r, i) => Object.keys(r.ips).forEach((u) => need(r.underlays.includes(u), `routers[${i}].ips.${u}`, `the router does not join underlay "${u}"`)));
  doc.routers.forEach((r, i) => Object.keys(r.ips6 ?? {}).forEach((u) => need(r.underlays.includes(u), `routers[${i}].ips6.${u}`, `the router does not join underlay "${u}"`)));
  doc.underlays.forEach((u, i) => {
    if (u.cidr6 !== undefined && u.cidr.includes(":")) {
      errors.push({ path: `underlays[${i}].cidr6`, message: `cidr ${u.cidr} is already IPv6: cidr6 adds an IPv6 network beside an IPv4 cidr. Remove cidr6, or set cidr to the underlay's IPv4 network.` });
    } else if (u.gateway6 !== undefined && u.cidr6 === undefined) {
      errors.push({
        path: `underlays[${i}].gateway6`,
        message: u.cidr.includes(":")
          ? `cidr ${u.cidr} is IPv6, so its gateway is set with gateway; gateway6 belongs to a cidr6 beside an IPv4 cidr. Move the address to gateway.`
          : "gateway6 is the gateway on the underlay's IPv6 network (cidr6), and this underlay has none: set cidr6 too, or remove gateway6.",
      });
    }
  });
  doc.hosts.forEach((h, i) => {
    if (!is("clusters", h.cluster)) errors.push({ path: `hosts[${i}].cluster`, message: `no cluster "${h.cluster}"` });
    if (!is("underlays", h.underlay)) errors.push({ path: `hosts[${i}].underlay`, message: `no underlay "${h.underlay}"` });
  });
  for (const e of hostErrors) errors.push(e);
  doc.externals.forEach((e, i) => need(e.underlay === undefined || is("underlays", e.underlay), `externals[${i}].underlay`, `no underlay "${e.underlay}"`));
  doc.flows.forEach((f, i) => {
    need(is("containers", f.from) || is("externals", f.from), `flows[${i}].from`, `no container or external endpoint "${f.from}"`);
    need(is("containers", f.to), `flows[${i}].to`, `no container "${f.to}" (a flow ends at a container)`);
  });
  doc.clusters.forEach((c, i) => {
    if (c.backend.type === "openvpn" && c.backend.server !== undefined) {
      const server = c.backend.server;
      need(doc.hosts.some((h) => h.id === server && h.cluster === c.id), `clusters[${i}].backend.server`, `no host "${server}" in cluster "${c.id}"`);
    }
  });
  return errors;
}

/** An empty, valid document: what "New" opens. */
export function emptyDocument(name = "Untitled topology"): Document {
  const r = parseDocument({ format: FORMAT, version: VERSION, name });
  if (!r.ok) throw new Error("internal: the empty document is invalid");
  return r.document;
}
