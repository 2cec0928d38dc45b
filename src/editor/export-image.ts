/**
 * The canvas as an image: the whole drawing fitted (not just what is in view), at 100% zoom, in
 * the current theme, with the nodes' computed badges, every edge and every flow label — a picture
 * of React Flow's viewport element taken with html-to-image (React Flow's documented recipe:
 * getNodesBounds → a transform that puts the drawing's top-left corner at the image's, then
 * toSvg/toBlob of `.react-flow__viewport`).
 *
 * html-to-image is pinned to 1.11.11: 1.11.12 and 1.11.13 clone <svg> subtrees without their
 * computed styles, and React Flow's edges (styled by CSS classes) vanish from the picture
 * (bubkoo/html-to-image#516, xyflow/xyflow#5194).
 *
 * The document itself travels inside the image (src/io/png-text.ts, src/io/svg-embed.ts), so an
 * exported picture opens again as the scenario.
 */
import type { ReactFlowInstance } from "@xyflow/react";
import { toBlob, toSvg } from "html-to-image";
import type { Document } from "../model/document.ts";
import { PNG_KEYWORD, pngSize, writePngText } from "../io/png-text.ts";
import { embedDocumentInSvg } from "../io/svg-embed.ts";
import { compactSvg } from "./svg-compact.ts";

/** Space around the drawing, in CSS pixels. */
const PADDING = 32;
/** PNG: twice the CSS pixels for sharp text, unless that passes this many pixels on a side. */
const MAX_PNG_SIDE = 8192;

export interface DiagramImage {
  blob: Blob;
  /** The picture's size in CSS pixels (a PNG has pixelRatio times as many pixels). */
  width: number;
  height: number;
  /** PNG only: the bitmap's pixels. */
  pixelWidth?: number;
  pixelHeight?: number;
}

interface Frame {
  element: HTMLElement;
  width: number;
  height: number;
  options: Parameters<typeof toSvg>[1];
}

/** Where the picture is taken from, and how it is framed. */
function frame(flow: ReactFlowInstance): Frame {
  const element = document.querySelector<HTMLElement>(".react-flow__viewport");
  const pane = document.querySelector<HTMLElement>(".react-flow");
  if (!element || !pane) throw new Error("The canvas is not on the page.");
  const nodes = flow.getNodes();
  const bounds = nodes.length > 0 ? flow.getNodesBounds(nodes) : { x: 0, y: 0, width: 200, height: 120 };
  const width = Math.ceil(bounds.width + 2 * PADDING);
  const height = Math.ceil(bounds.height + 2 * PADDING);
  // The canvas's own background colour in this theme (React Flow's --xy-background-color).
  const backgroundColor = getComputedStyle(pane).getPropertyValue("--xy-background-color").trim() || getComputedStyle(pane).backgroundColor;
  return {
    element,
    width,
    height,
    options: {
      width,
      height,
      backgroundColor,
      skipFonts: true, // system fonts: nothing to fetch or embed
      style: {
        width: `${width}px`,
        height: `${height}px`,
        transform: `translate(${PADDING - bounds.x}px, ${PADDING - bounds.y}px) scale(1)`,
        transformOrigin: "0 0",
      },
      // Connection handles are invisible until hovered; leave them out.
      filter: (node) => !(node instanceof HTMLElement && node.classList.contains("react-flow__handle")),
    },
  };
}

/** A CSS colour as rgb()/rgba(), which every SVG viewer reads (Tailwind's oklch() is recent). */
function asRgb(color: string): string {
  const context = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  if (!context) return color;
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
  return a === 255 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${((a ?? 0) / 255).toFixed(3)})`;
}

/**
 * The canvas colour behind the whole picture. (The background html-to-image gives the viewport
 * element moves with the element's transform, leaving a band uncovered in an SVG; a PNG is
 * painted on a filled canvas.)
 */
function withBackground(svg: string, color: string | undefined): string {
  if (!color) return svg;
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  const end = open.index + open[0].length;
  return `${svg.slice(0, end)}<rect width="100%" height="100%" fill="${asRgb(color)}"/>${svg.slice(end)}`;
}

/** The drawing as an SVG file with the document in its <metadata>. */
export async function diagramSvg(flow: ReactFlowInstance, doc: Document): Promise<DiagramImage> {
  const f = frame(flow);
  const dataUrl = await toSvg(f.element, f.options);
  const svg = withBackground(compactSvg(decodeURIComponent(dataUrl.slice(dataUrl.indexOf(",") + 1))), f.options?.backgroundColor);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${embedDocumentInSvg(svg, JSON.stringify(doc), doc.name)}`;
  return { blob: new Blob([text], { type: "image/svg+xml" }), width: f.width, height: f.height };
}

/** The drawing as a PNG file with the document in a "topolab" iTXt chunk. */
export async function diagramPng(flow: ReactFlowInstance, doc: Document): Promise<DiagramImage> {
  const f = frame(flow);
  const pixelRatio = Math.max(0.25, Math.min(2, MAX_PNG_SIDE / Math.max(f.width, f.height)));
  const blob = await toBlob(f.element, { ...f.options, pixelRatio });
  if (!blob) throw new Error("The browser could not draw the picture.");
  const png = writePngText(new Uint8Array(await blob.arrayBuffer()), PNG_KEYWORD, JSON.stringify(doc));
  const size = pngSize(png);
  return { blob: new Blob([png], { type: "image/png" }), width: f.width, height: f.height, pixelWidth: size?.width, pixelHeight: size?.height };
}
