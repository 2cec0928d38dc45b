/** A container: its address from the host's subnet, its ports; flows start and end here. */
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { FLOW_HANDLE_CLASS, HANDLE, type TopoNode, portLabel } from "../graph.ts";
import { useContainerIps, useObject } from "../use-facts.ts";
import { BadgeRow, INNER_WIDTH, NodeFrame, Title, sameNode } from "./parts.tsx";

export const ContainerNode = memo(function ContainerNode({ id, selected }: NodeProps<TopoNode>) {
  const container = useObject("containers", id);
  const ips = useContainerIps(id);
  if (!container) return null;
  const ports = container.ports.map((p) => portLabel(p.port, p.protocol)).join(" ");
  return (
    <NodeFrame id={id} kind="container" selected={selected} className="px-3 py-2">
      <Handle type="target" position={Position.Left} id={HANDLE.flowIn} className={FLOW_HANDLE_CLASS} />
      <Title kind="container" name={container.name} note={ports} />
      <div className="mt-1">
        <BadgeRow items={ips} max={2} title="no address yet" room={INNER_WIDTH.container} />
      </div>
      <Handle type="source" position={Position.Right} id={HANDLE.flowOut} className={FLOW_HANDLE_CLASS} />
    </NodeFrame>
  );
}, sameNode);
