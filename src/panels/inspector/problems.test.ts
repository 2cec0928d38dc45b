import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../../model/analyze.ts";
import type { Container, Flow } from "../../model/document.ts";
import type { Diagnostic } from "../../model/report.ts";
import { sampleDocument } from "../../store/document-store.ts";
import { cidrsIn, diagnosticsOf, placeClusterDiagnostics, poolInUse, portFixFor } from "./problems.ts";

const diag = (code: string, message: string, subjects: string[] = ["k8s"], severity: Diagnostic["severity"] = "error"): Diagnostic => ({ code, severity, subjects, message });

describe("diagnosticsOf", () => {
  it("lists the diagnostics naming an object, worst first, the same array for the same report", () => {
    const all = [diag("A", "a", ["x"], "info"), diag("B", "b", ["x", "y"], "warning"), diag("C", "c", ["x", "x"], "error")];
    expect(diagnosticsOf(all, "x").map((d) => d.code)).toEqual(["C", "B", "A"]);
    expect(diagnosticsOf(all, "y").map((d) => d.code)).toEqual(["B"]);
    expect(diagnosticsOf(all, "z")).toEqual([]);
    expect(diagnosticsOf(all, "x")).toBe(diagnosticsOf(all, "x"));
  });
});

describe("a cluster's pools", () => {
  it("reads the pool in use of an empty pool field from the report, by family", () => {
    expect(poolInUse("pool", ["172.16.0.0/16", "fd00:192:168::/48"])).toBe("172.16.0.0/16");
    expect(poolInUse("ipv6Pool", ["172.16.0.0/16", "fd00:192:168::/48"])).toBe("fd00:192:168::/48");
    expect(poolInUse("containerPool6", ["172.20.0.0/16"])).toBeUndefined();
    expect(poolInUse("blockSize", ["172.16.0.0/16"])).toBeUndefined();
    expect(poolInUse("pool", undefined)).toBeUndefined();
  });

  it("finds the CIDRs a message names", () => {
    expect(cidrsIn('Cluster "c"\'s container pool 192.168.0.0/16 overlaps underlay "lan" (192.168.1.0/24): …')).toEqual(["192.168.0.0/16", "192.168.1.0/24"]);
    expect(cidrsIn("The pool fd00:192:168::/48 of cluster x holds 64 blocks of /122")).toEqual(["fd00:192:168::/48"]);
    expect(cidrsIn("no address here, 10:30 and a/b")).toEqual([]);
  });

  it("puts POOL_* diagnostics beside the pool field they name, the rest at the top", () => {
    const fields = [{ key: "pool", value: undefined }, { key: "blockSize", value: "26" }, { key: "ipv6Pool", value: "fd00:192:168::/48" }];
    const pools = ["192.168.0.0/16", "fd00:192:168::/48"];
    const overlap = diag("POOL_OVERLAPS_UNDERLAY", 'Cluster "c"\'s container pool 192.168.0.0/16 overlaps underlay "lan" (192.168.1.0/24).');
    const v6 = diag("POOL_EXHAUSTED", "The Calico pool fd00:192:168::/48 of cluster c holds 1 block");
    const v6Other = diag("POOL_INVALID", "fd00:1::/64 is too small");
    const noCidr = diag("POOL_INVALID", "data path port 1 is refused");
    const empty = diag("EMPTY_CLUSTER", "Cluster c has no hosts yet", ["k8s"], "info");
    const placed = placeClusterDiagnostics([overlap, v6, v6Other, noCidr, empty], fields, pools);
    expect(placed.byField.get("pool")).toEqual([overlap, noCidr]);
    expect(placed.byField.get("ipv6Pool")).toEqual([v6, v6Other]);
    expect(placed.rest).toEqual([empty]);
  });

  it("lists everything at the top when the backend has no pool field", () => {
    const d = diag("POOL_INVALID", "bip 172.17.0.1/33 is not valid");
    expect(placeClusterDiagnostics([d], [{ key: "bip", value: "172.17.0.1/33" }], [])).toEqual({ byField: new Map(), rest: [d] });
  });
});

describe("a flow's one-click port fix", () => {
  const flow: Flow = { id: "flow-1", from: "web", to: "api", port: 8000, protocol: "tcp" };
  const api: Container = { ...sampleDocument().containers[1]!, ports: [{ port: 80, protocol: "tcp" }] };

  it("adds the flow's port to the target for PORT_NOT_DECLARED", () => {
    const fix = portFixFor(diag("PORT_NOT_DECLARED", "…", ["flow-1", "api"], "warning"), flow, api);
    expect(fix).toEqual({
      label: "Add 8000/tcp to api",
      container: "api",
      ports: [{ port: 80, protocol: "tcp" }, { port: 8000, protocol: "tcp" }],
      done: "Added port 8000/tcp to api",
    });
  });

  it("publishes the port for PORT_NOT_PUBLISHED, adding it first when it is not declared", () => {
    const notPublished = diag("PORT_NOT_PUBLISHED", "…", ["flow-1", "api", "node2"]);
    expect(portFixFor(notPublished, flow, api)).toMatchObject({ label: "Add 8000/tcp to api, published", ports: [{ port: 80, protocol: "tcp" }, { port: 8000, protocol: "tcp", publish: "auto" }] });
    const declared = { ...api, ports: [{ port: 8000, protocol: "tcp" as const }] };
    expect(portFixFor(notPublished, flow, declared)).toMatchObject({ label: "Publish 8000/tcp on api", ports: [{ port: 8000, protocol: "tcp", publish: "auto" }] });
  });

  it("offers nothing for other diagnostics, another flow's, or when the document already has the port", () => {
    expect(portFixFor(diag("FLOW_UNREACHABLE", "…", ["flow-1", "web", "api"]), flow, api)).toBeUndefined();
    expect(portFixFor(diag("PORT_NOT_DECLARED", "…", ["flow-2", "api"]), flow, api)).toBeUndefined();
    expect(portFixFor(diag("PORT_NOT_DECLARED", "…", ["flow-1", "api"]), flow, { ...api, ports: [{ port: 8000, protocol: "tcp" }] })).toBeUndefined();
    expect(portFixFor(diag("PORT_NOT_DECLARED", "…", ["flow-1", "api"]), flow, undefined)).toBeUndefined();
  });

  it("the fix clears the model's warning and keeps the flow reachable", () => {
    const doc = sampleDocument();
    const f = { ...doc.flows[1]!, port: 9000 };
    const withFlow = { ...doc, flows: [doc.flows[0]!, f, doc.flows[2]!] };
    const warning = analyzeDocument(withFlow).diagnostics.find((d) => d.code === "PORT_NOT_DECLARED");
    expect(warning?.message).toBe("Flow web → api 9000/tcp: api declares only 8000/tcp, so nothing may listen on 9000/tcp. Fix: add port 9000/tcp to api's ports, or point the flow at a declared port.");
    const fix = portFixFor(warning!, f, withFlow.containers.find((c) => c.id === "api"));
    const fixed = { ...withFlow, containers: withFlow.containers.map((c) => (c.id === fix!.container ? { ...c, ports: fix!.ports } : c)) };
    const report = analyzeDocument(fixed);
    expect(report.diagnostics).toEqual([]);
    expect(report.flows.find((x) => x.id === f.id)?.reachable).toBe(true);
  });
});
