/** The node types React Flow renders, one per kind of document object. Defined once, outside any component. */
import type { NodeTypes } from "@xyflow/react";
import { ContainerNode } from "./container-node.tsx";
import { ClusterNode, HostNode } from "./group-nodes.tsx";
import { ExternalNode, RouterNode, UnderlayNode } from "./infra-nodes.tsx";

export const nodeTypes = {
  underlay: UnderlayNode,
  router: RouterNode,
  cluster: ClusterNode,
  host: HostNode,
  container: ContainerNode,
  external: ExternalNode,
} satisfies NodeTypes;
