/** Underlay networks, routers and external endpoints: the nodes outside the clusters. */
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { FLOW_HANDLE_CLASS, HANDLE, type TopoNode } from "../graph.ts";
import { useObject, useRouterIps, useUnderlayFacts } from "../use-facts.ts";
import { Badge, BadgeRow, INNER_WIDTH, NodeFrame, Title, sameNode } from "./parts.tsx";

export const UnderlayNode = memo(function UnderlayNode({ id, selected }: NodeProps<TopoNode>) {
  const underlay = useObject("underlays", id);
  const facts = useUnderlayFacts(id);
  if (!underlay) return null;
  return (
    <NodeFrame id={id} kind="underlay" selected={selected} className="rounded-full px-5 py-2">
      <Handle type="target" position={Position.Top} id={HANDLE.underlayTop} />
      <Handle type="target" position={Position.Left} id={HANDLE.underlayLeft} />
      <Title kind="underlay" name={underlay.name} note={underlay.kind === "cloud" ? "cloud" : "LAN"} />
      <div className="mt-1 flex items-center gap-1">
        <Badge tone="accent">{facts.cidr ?? underlay.cidr}</Badge>
        <Badge tone="muted">MTU {facts.mtu ?? underlay.mtu}</Badge>
      </div>
      <Handle type="source" position={Position.Bottom} id={HANDLE.underlayBottom} />
    </NodeFrame>
  );
}, sameNode);

export const RouterNode = memo(function RouterNode({ id, selected }: NodeProps<TopoNode>) {
  const router = useObject("routers", id);
  const ips = useRouterIps(id);
  if (!router) return null;
  return (
    <NodeFrame id={id} kind="router" selected={selected} className="px-3 py-2">
      <Title kind="router" name={router.name} />
      <div className="mt-1">
        <BadgeRow items={ips} max={2} room={INNER_WIDTH.router} />
      </div>
      <Handle type="source" position={Position.Bottom} id={HANDLE.routerBottom} />
    </NodeFrame>
  );
}, sameNode);

export const ExternalNode = memo(function ExternalNode({ id, selected }: NodeProps<TopoNode>) {
  const external = useObject("externals", id);
  if (!external) return null;
  return (
    <NodeFrame id={id} kind="external" selected={selected} className="px-3 py-2">
      <Handle type="source" position={Position.Top} id={HANDLE.externalLink} />
      <Title kind="external" name={external.name} note={external.kind === "client" ? "client" : undefined} />
      <div className="mt-1 text-[11px] text-slate-500 dark:text-slate-400">
        {external.ip ? <Badge>{external.ip}</Badge> : external.underlay ? "on the LAN" : "public address"}
      </div>
      <Handle type="source" position={Position.Right} id={HANDLE.flowOut} className={FLOW_HANDLE_CLASS} />
    </NodeFrame>
  );
}, sameNode);
