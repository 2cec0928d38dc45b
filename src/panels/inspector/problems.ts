/**
 * The report's diagnostics as the inspector shows them beside the fields they concern: the ones
 * naming an object (by id, worst first), where a cluster's go (its pool field, or a short list at
 * the top of its form), and the one-click fix a flow's port diagnostic offers. Pure: no React.
 */
import type { Container, Flow, PortMapping } from "../../model/document.ts";
import type { Diagnostic, Severity } from "../../model/report.ts";

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const NONE: readonly Diagnostic[] = [];

const bySubjectCache = new WeakMap<readonly Diagnostic[], ReadonlyMap<string, readonly Diagnostic[]>>();

/** Every diagnostic naming `id`, worst first (the same array while the report is the same). */
export function diagnosticsOf(diagnostics: readonly Diagnostic[], id: string): readonly Diagnostic[] {
  let index = bySubjectCache.get(diagnostics);
  if (!index) {
    const map = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) {
      for (const subject of new Set(d.subjects)) {
        const list = map.get(subject);
        if (list) list.push(d);
        else map.set(subject, [d]);
      }
    }
    for (const list of map.values()) list.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    index = map;
    bySubjectCache.set(diagnostics, index);
  }
  return index.get(id) ?? NONE;
}

/* ---------- a cluster's pools ---------- */

/** Backend config keys that hold an address pool (a CIDR the containers' addresses come from). */
const POOL_KEYS = new Set(["network", "ipv6Network", "pool", "ipv6Pool", "range", "cidr", "defaultAddrPool", "containerPool", "containerPool6", "tunnelNetwork", "tunnelNetwork6"]);

export const isPoolKey = (key: string) => POOL_KEYS.has(key);

/** The address family of a pool key: "ipv6Pool", "containerPool6" are IPv6. */
const familyOfKey = (key: string): 4 | 6 => (/ipv6|6$/i.test(key) ? 6 : 4);
const familyOfCidr = (cidr: string): 4 | 6 => (cidr.includes(":") ? 6 : 4);

/**
 * The pool in use for a pool field left empty (the backend chose it), read from the cluster
 * report's pools: the first of the field's family. Undefined for other fields.
 */
export function poolInUse(key: string, pools: readonly string[] | undefined): string | undefined {
  if (!isPoolKey(key) || !pools) return undefined;
  const family = familyOfKey(key);
  return pools.find((p) => familyOfCidr(p) === family);
}

/** The CIDRs a message names ("… pool 192.168.0.0/16 overlaps … (192.168.1.0/24)"). */
export function cidrsIn(message: string): string[] {
  return [...message.matchAll(/(?<![\w:.])(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})\/\d{1,3}(?!\d)/gi)].map((m) => m[0]);
}

export interface PoolField {
  key: string;
  /** The field's value, or undefined when empty (the backend's choice applies). */
  value: string | undefined;
}

export interface PlacedDiagnostics {
  /** Per pool field key, the diagnostics shown beside it. */
  byField: ReadonlyMap<string, readonly Diagnostic[]>;
  /** The others, listed at the top of the form. */
  rest: readonly Diagnostic[];
}

/**
 * Where a cluster's diagnostics show: each POOL_* one (POOL_OVERLAPS_*, POOL_INVALID,
 * POOL_EXHAUSTED…) beside the pool field whose value (or pool in use) the message names, else the
 * first pool field of the family it names, else the first pool field; the rest at the top.
 */
export function placeClusterDiagnostics(diagnostics: readonly Diagnostic[], fields: readonly PoolField[], pools: readonly string[] | undefined): PlacedDiagnostics {
  const pooled = fields.filter((f) => isPoolKey(f.key)).map((f) => ({ key: f.key, family: familyOfKey(f.key), value: f.value ?? poolInUse(f.key, pools) }));
  const byField = new Map<string, Diagnostic[]>();
  const rest: Diagnostic[] = [];
  for (const d of diagnostics) {
    const field = d.code.startsWith("POOL_") ? fieldFor(d, pooled) : undefined;
    if (!field) {
      rest.push(d);
      continue;
    }
    const list = byField.get(field);
    if (list) list.push(d);
    else byField.set(field, [d]);
  }
  return { byField, rest };
}

function fieldFor(d: Diagnostic, fields: readonly { key: string; family: 4 | 6; value: string | undefined }[]): string | undefined {
  if (fields.length === 0) return undefined;
  const named = cidrsIn(d.message);
  const exact = fields.find((f) => f.value !== undefined && named.includes(f.value));
  if (exact) return exact.key;
  const family = named[0] === undefined ? undefined : familyOfCidr(named[0]);
  return (fields.find((f) => f.family === family) ?? fields[0])?.key;
}

/* ---------- a flow's one-click fix ---------- */

export interface PortFix {
  /** The button's text: "Add 8000/tcp to api". */
  label: string;
  /** The container to change, and its ports after the fix. */
  container: string;
  ports: PortMapping[];
  /** What the status line says once done. */
  done: string;
}

/**
 * The one edit that fixes a flow's port diagnostic: PORT_NOT_DECLARED adds the flow's port to the
 * target's ports; PORT_NOT_PUBLISHED publishes it (on a free host port, "auto"), adding it first
 * when it is not declared. Undefined for other diagnostics, or when the document already differs.
 */
export function portFixFor(d: Diagnostic, flow: Flow, target: Container | undefined): PortFix | undefined {
  if (!target || target.id !== flow.to || !d.subjects.includes(flow.id)) return undefined;
  const service = `${flow.port}/${flow.protocol}`;
  const declared = target.ports.findIndex((p) => p.port === flow.port && p.protocol === flow.protocol);
  if (d.code === "PORT_NOT_DECLARED") {
    if (declared >= 0) return undefined;
    return {
      label: `Add ${service} to ${target.name}`,
      container: target.id,
      ports: [...target.ports, { port: flow.port, protocol: flow.protocol }],
      done: `Added port ${service} to ${target.name}`,
    };
  }
  if (d.code === "PORT_NOT_PUBLISHED") {
    if (declared < 0) {
      return {
        label: `Add ${service} to ${target.name}, published`,
        container: target.id,
        ports: [...target.ports, { port: flow.port, protocol: flow.protocol, publish: "auto" }],
        done: `Added port ${service} to ${target.name}, published on a free host port`,
      };
    }
    if (target.ports[declared]?.publish !== undefined) return undefined;
    return {
      label: `Publish ${service} on ${target.name}`,
      container: target.id,
      ports: target.ports.map((p, i) => (i === declared ? { ...p, publish: "auto" as const } : p)),
      done: `Published ${target.name}'s ${service} on a free host port`,
    };
  }
  return undefined;
}
