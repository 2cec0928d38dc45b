/**
 * Edge types: quiet links (host ↔ underlay, router ↔ underlay), in the highlight's colour where a
 * traced flow crosses them, and flows labelled "80/tcp", red when the report says they do not get through.
 */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, type EdgeTypes, getBezierPath, getSmoothStepPath } from "@xyflow/react";
import { memo } from "react";
import { useDocumentStore } from "../store/document-store.ts";
import { useSelectionStore } from "../store/selection-store.ts";
import type { FlowEdge as FlowEdgeType, LinkEdge as LinkEdgeType } from "./graph.ts";
import { useOnTracedPath } from "./highlight.tsx";
import { computeLayout } from "./layout.ts";
import { useFlowReachable, useHighlighted } from "./use-facts.ts";

/**
 * A link: down from the underlay, across, down into the host. Into a host, it crosses above its
 * cluster (halfway between the underlay and the cluster's top), then under the cluster's opaque
 * header (group-nodes.tsx), never across the cluster's text.
 */
const LinkEdge = memo(function LinkEdge(props: EdgeProps<LinkEdgeType>) {
  // The host's place below its cluster's top (relative position), while the target is a host.
  const hostTop = useDocumentStore((s) => {
    const box = computeLayout(s.document).boxes.get(props.target);
    return box?.kind === "host" ? box.y : undefined;
  });
  const clusterTop = hostTop === undefined ? undefined : props.targetY - hostTop;
  const centerY = clusterTop !== undefined && props.sourceY < clusterTop - 16 ? (props.sourceY + clusterTop) / 2 : undefined;
  const [path] = getSmoothStepPath({ ...props, borderRadius: 10, ...(centerY === undefined ? {} : { centerY }) });
  // A link the traced flow's packet crosses (host ↔ underlay, underlay ↔ router) is drawn in the highlight's colour.
  const traced = useOnTracedPath(props.source, props.target);
  return <BaseEdge id={props.id} path={path} className={`topolab-link${traced ? " topolab-link-traced" : ""}`} />;
});

const FlowEdge = memo(function FlowEdge(props: EdgeProps<FlowEdgeType>) {
  const { id, label, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const reachable = useFlowReachable(id);
  const highlighted = useHighlighted(id);
  const select = useSelectionStore((s) => s.select);
  const state = reachable === false ? "blocked" : "ok";
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`topolab-flow topolab-flow-${state}${highlighted ? " topolab-flow-highlighted" : ""}`} />
      <EdgeLabelRenderer>
        <div
          onClick={() => select([id])}
          className={`nodrag nopan absolute rounded-full px-2 py-px font-mono text-[11px] shadow-sm ring-1 ${
            state === "blocked"
              ? "bg-red-50 text-red-700 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800"
              : "bg-white text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600"
          } ${selected ? "ring-2 ring-blue-500" : ""} ${highlighted ? "ring-4 ring-fuchsia-500/70" : ""}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, pointerEvents: "all" }}
        >
          {label}
          {state === "blocked" && <span aria-hidden="true"> ✕</span>}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

export const edgeTypes = { link: LinkEdge, flow: FlowEdge } satisfies EdgeTypes;
