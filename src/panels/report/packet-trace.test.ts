import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, analyzeDocument } from "../../model/analyze.ts";
import { parseDocument } from "../../model/document.ts";
import type { FlowReport } from "../../model/report.ts";
import { SAMPLE_DOCUMENT } from "../../model/sample.ts";
import { highlightOf, hopFacts, hopSentence, hopTraceOf, hopsOf, involvedIn, sameTrace, splitFix, startIndex, stopIndex, targetText } from "./packet-trace.ts";

function sampleFlow(id: string): FlowReport {
  const r = parseDocument(SAMPLE_DOCUMENT);
  if (!r.ok) throw new Error("sample invalid");
  const flow = analyzeDocument(r.document).flows.find((f) => f.id === id);
  if (!flow) throw new Error(`no flow ${id}`);
  return flow;
}

/** The scenario the browser test opens: the office client's replies go astray into the pod network. */
function corporateFlow(): FlowReport {
  const r = analyze(JSON.parse(readFileSync(new URL("../../../public/scenarios/ipam-overlap-corporate.json", import.meta.url), "utf8")));
  if (!r.ok) throw new Error("scenario invalid");
  return r.report.flows.find((f) => !f.reachable)!;
}

const names = new Map([
  ["web", "web"],
  ["node1", "node-1"],
  ["node2", "node-2"],
  ["lan", "Rack LAN"],
  ["api", "api"],
]);

describe("the packet tracer's reading of a flow", () => {
  it("lists the request's hops, then the reply's, numbered on", () => {
    const flow = sampleFlow("f-api");
    const hops = hopsOf(flow);
    expect(hops.map((h) => [h.index, h.leg, h.hop.node])).toEqual([
      [0, "request", "web"],
      [1, "request", "node1"],
      [2, "request", "lan"],
      [3, "request", "node2"],
      [4, "request", "api"],
      ...flow.replyPath!.map((h, i) => [5 + i, "reply", h.node]),
    ]);
    expect(flow.replyPath!.length).toBeGreaterThan(0);
    expect(stopIndex(flow)).toBeUndefined();
    expect(startIndex(flow)).toBe(0);
  });

  it("says each hop as the live region announces it", () => {
    const flow = sampleFlow("f-api");
    const n = hopsOf(flow).length;
    expect(hopSentence(flow, 3, names)).toBe(`Hop 4 of ${n}: node-2 — decapsulates it, then delivers it to api (10.244.1.2) on cni0`);
    expect(hopSentence(flow, 5, names)).toMatch(new RegExp(`^Hop 6 of ${n} \\(reply\\): api — replies `));
    expect(hopSentence(flow, 99, names)).toBe("");
  });

  it("gives a hop's facts: device, the route as ip route prints it, encapsulation with its port and overhead, MTU, NAT", () => {
    const flow = sampleFlow("f-api");
    expect(hopFacts(flow.path[1]!)).toEqual([
      ["Device", "flannel.1"],
      ["Route", "10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink"],
      ["Encapsulation", "VXLAN 192.168.1.11 → 192.168.1.12 port 8472, +50 B"],
      ["MTU", "1450"],
    ]);
    expect(hopFacts({ node: "n", action: "a", nat: "DNAT 1.2.3.4:80 → 10.0.0.2:80" })).toEqual([["NAT", "DNAT 1.2.3.4:80 → 10.0.0.2:80"]]);
  });

  it("puts the canvas cursor on a hop, clamped, and highlights the flow with every node it passes", () => {
    const flow = sampleFlow("f-api");
    const n = hopsOf(flow).length;
    const trace = hopTraceOf(flow, 2);
    expect(trace).toEqual({ flow: "f-api", nodes: hopsOf(flow).map((h) => h.hop.node), current: 2 });
    expect(hopTraceOf(flow, 99).current).toBe(n - 1);
    expect(hopTraceOf(flow, -3).current).toBe(0);
    expect(highlightOf(flow)).toEqual(["f-api", "web", "node1", "lan", "node2", "api"]);
    expect(sameTrace(trace, hopTraceOf(flow, 2))).toBe(true);
    expect(sameTrace(trace, hopTraceOf(flow, 3))).toBe(false);
  });

  it("an unreachable flow stops at its last hop (on the reply when the request arrived), with its reason and fix apart", () => {
    const flow = corporateFlow();
    const hops = hopsOf(flow);
    expect(flow.replyPath?.length).toBeGreaterThan(0);
    expect(stopIndex(flow)).toBe(hops.length - 1);
    expect(startIndex(flow)).toBe(hops.length - 1);
    expect(hops.at(-1)!.leg).toBe("reply");
    expect(hopTraceOf(flow, 0).stop).toBe(hops.length - 1);
    expect(involvedIn(flow)).toEqual([hops.at(-1)!.hop.node, flow.from, flow.to]);
    const { why, fix } = splitFix(flow.reason!);
    expect(why).toMatch(/so the replies end at node-2\.$/);
    expect(fix).toMatch(/^choose a pod pool that doesn't overlap Berlin office LAN/);
  });

  it("says where the source aims: the container's own address, or the port published on its host", () => {
    expect(targetText(sampleFlow("f-api").target!)).toBe("10.244.1.2:8000/tcp, the container's own address");
    expect(targetText(sampleFlow("f-web").target!)).toBe("192.168.1.11:8080/tcp, the port published on the host");
    expect(targetText({ ip: "fd00::2", port: 80, protocol: "tcp" })).toBe("[fd00::2]:80/tcp");
  });

  it("keeps a reason without a fix whole, and an unreachable flow with no hop has no stop", () => {
    expect(splitFix("there is no container \"db\".")).toEqual({ why: "there is no container \"db\"." });
    expect(splitFix("a. Fix:")).toEqual({ why: "a." });
    const none: FlowReport = { id: "f", from: "a", to: "b", port: 80, protocol: "tcp", reachable: false, reason: "x", path: [] };
    expect(stopIndex(none)).toBeUndefined();
    expect(involvedIn(none)).toEqual(["a", "b"]);
  });
});
