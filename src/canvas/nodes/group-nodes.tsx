/**
 * Clusters and hosts: group nodes whose children (hosts, containers) React Flow draws inside them.
 * The selected one gets a resize handle (group-resizer.tsx); the others render none.
 */
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { backends } from "../../model/backends/index.ts";
import { HANDLE, type TopoNode } from "../graph.ts";
import { CLUSTER_BOX, HOST_BOX } from "../layout.ts";
import { useClusterFacts, useHostFacts, useObject } from "../use-facts.ts";
import { GroupResizer } from "./group-resizer.tsx";
import { Badge, BadgeRow, INNER_WIDTH, NodeFrame, Title, sameNode } from "./parts.tsx";

export const ClusterNode = memo(function ClusterNode({ id, selected }: NodeProps<TopoNode>) {
  const cluster = useObject("clusters", id);
  const facts = useClusterFacts(id);
  if (!cluster) return null;
  const backend = backends[cluster.backend.type].label;
  return (
    <>
      <NodeFrame id={id} kind="cluster" selected={selected} className="border-dashed">
        <div className="flex flex-col justify-center gap-1 px-4" style={{ height: CLUSTER_BOX.header - 8 }}>
          <Title kind="cluster" name={cluster.name} note={cluster.orchestrator} />
          <div className="flex min-w-0 items-center gap-1 overflow-hidden">
            <Badge tone="accent">
              {backend}
              {facts.mode ? ` · ${facts.mode}` : ""}
            </Badge>
            {facts.mtu !== undefined && <Badge>MTU {facts.mtu}</Badge>}
            <BadgeRow items={facts.pools} max={1} tone="muted" />
            <BadgeRow items={facts.firewall} max={2} tone="muted" title=" " />
          </div>
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
