/**
 * Clusters and hosts: group nodes whose children (hosts, containers) React Flow draws inside them.
 * The selected one gets a resize handle (group-resizer.tsx); the others render none.
 */
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { backendInfo } from "../../model/backends/catalog.ts";
import { HANDLE, type TopoNode } from "../graph.ts";
import { CLUSTER_BOX, HOST_BOX } from "../layout.ts";
import { useClusterFacts, useHostFacts, useObject } from "../use-facts.ts";
import { GroupResizer } from "./group-resizer.tsx";
import { Badge, BadgeRow, BadgeRows, INNER_WIDTH, NodeFrame, Title, sameNode } from "./parts.tsx";

/**
 * The cluster's header band is opaque (the colour the translucent box has over the canvas): the
 * links from an underlay to its hosts pass under the cluster, and would otherwise cross its text.
 */
const CLUSTER_HEADER =
  "rounded-t-[7px] bg-[color-mix(in_srgb,var(--color-indigo-50)_60%,var(--color-slate-50))] dark:bg-[color-mix(in_srgb,var(--color-indigo-950)_40%,var(--color-slate-950))]";

export const ClusterNode = memo(function ClusterNode({ id, selected }: NodeProps<TopoNode>) {
  const cluster = useObject("clusters", id);
  const facts = useClusterFacts(id);
  if (!cluster) return null;
  const backend = `${backendInfo[cluster.backend.type].label}${facts.mode ? ` · ${facts.mode}` : ""}`;
  const mtu = facts.mtu !== undefined ? `MTU ${facts.mtu}` : undefined;
  const more = (items: string[], max: number) => (items.length > max ? [{ text: `+${items.length - max}`, tone: "muted" as const, title: items.slice(max).join(", ") }] : []);
  const chips = [
    { text: backend, tone: "accent" as const },
    ...(mtu ? [{ text: mtu }] : []),
    ...facts.pools.slice(0, 1).map((text) => ({ text, tone: "muted" as const })),
    ...more(facts.pools, 1),
    ...facts.firewall.slice(0, 2).map((text) => ({ text, tone: "muted" as const })),
    ...more(facts.firewall, 2),
  ];
  // Everything, in full, for the tooltip: the chips wrap onto two rows, and clip beyond.
  const full = [backend, mtu, facts.pools.join(", "), facts.firewall.join(", ")].filter(Boolean).join(" · ");
  return (
    <>
      <NodeFrame id={id} kind="cluster" selected={selected} className="border-dashed">
        <div className={`flex flex-col gap-1 px-4 pt-2.5 ${CLUSTER_HEADER}`} style={{ height: CLUSTER_BOX.header - 8 }}>
          <Title kind="cluster" name={cluster.name} note={cluster.orchestrator} />
          <BadgeRows items={chips} rows={2} room={INNER_WIDTH.cluster} title={full} />
        </div>
      </NodeFrame>
      {selected && <GroupResizer id={id} label={`cluster ${cluster.name}`} />}
    </>
  );
}, sameNode);

export const HostNode = memo(function HostNode({ id, selected }: NodeProps<TopoNode>) {
  const host = useObject("hosts", id);
  const facts = useHostFacts(id);
  if (!host) return null;
  return (
    <>
      <NodeFrame id={id} kind="host" selected={selected}>
        <Handle type="target" position={Position.Top} id={HANDLE.hostTop} />
        <div className="flex flex-col justify-center gap-1 border-b border-slate-200 px-3 dark:border-slate-700" style={{ height: HOST_BOX.header - 10 }}>
          <Title kind="host" name={host.name} />
          <div className="flex items-center gap-1">
            {facts.ip ? <Badge title="Underlay address">{facts.ip}</Badge> : <Badge tone="muted">no address</Badge>}
          </div>
          <BadgeRow items={facts.subnets} max={2} tone="accent" title="no container subnet" room={INNER_WIDTH.host} />
        </div>
      </NodeFrame>
      {selected && <GroupResizer id={id} label={`host ${host.name}`} />}
    </>
  );
}, sameNode);
