/** Port publishing: host ports for "auto", conflicts, and the flows that need a published port (DESIGN §4). */
import { describe, expect, it } from "vitest";
import { analyze } from "./analyze.ts";
import type { Report } from "./report.ts";

type Port = { port: number; protocol?: string; publish?: number | "auto" };
interface Options {
  backend?: Record<string, unknown>;
  orchestrator?: string;
  containers: { id: string; host: string; ports?: Port[] }[];
  flows?: { id: string; from: string; to: string; port: number; protocol?: string }[];
  externals?: Record<string, unknown>[];
}

function run(o: Options): Report {
  const r = analyze({
    format: "topolab", version: 1,
    underlays: [{ id: "lan", cidr: "192.168.1.0/24" }],
    routers: [{ id: "gw", underlays: ["lan"] }],
    clusters: [{ id: "c1", name: "prod", orchestrator: o.orchestrator ?? "docker", backend: o.backend ?? { type: "bridge" } }],
    hosts: [
      { id: "node1", cluster: "c1", underlay: "lan", ip: "192.168.1.11" },
      { id: "node2", cluster: "c1", underlay: "lan", ip: "192.168.1.12" },
    ],
    containers: o.containers,
    externals: o.externals ?? [{ id: "internet", name: "Internet" }],
    flows: o.flows ?? [],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

const hostPorts = (r: Report) => r.portMappings.map((m) => `${m.container}:${m.port}/${m.protocol}→${m.host}:${m.hostPort}`);
const diags = (r: Report, code: string) => r.diagnostics.filter((d) => d.code === code);

describe("port mappings", () => {
  it("maps a pinned publish on the host's underlay address, said the way docker run says it", () => {
    const r = run({ containers: [{ id: "web", host: "node1", ports: [{ port: 80, publish: 8080 }] }] });
    expect(r.portMappings).toEqual([{
      container: "web", host: "node1", port: 80, protocol: "tcp", hostIp: "192.168.1.11", hostPort: 8080,
      reason: "docker run -p 8080:80/tcp: node1 forwards 192.168.1.11:8080 to web's 80/tcp.",
    }]);
  });

  it("leaves ports without publish unmapped", () => {
    const r = run({ containers: [{ id: "db", host: "node1", ports: [{ port: 5432 }] }] });
    expect(r.portMappings).toEqual([]);
  });

  it('gives "auto" the lowest free port of Docker\'s ephemeral range 32768–60999, per host and protocol', () => {
    const r = run({
      containers: [
        { id: "a", host: "node1", ports: [{ port: 80, publish: "auto" }, { port: 81, publish: "auto" }, { port: 53, protocol: "udp", publish: "auto" }] },
        { id: "b", host: "node2", ports: [{ port: 80, publish: "auto" }] },
      ],
    });
    expect(hostPorts(r)).toEqual(["a:80/tcp→node1:32768", "a:81/tcp→node1:32769", "a:53/udp→node1:32768", "b:80/tcp→node2:32768"]);
    expect(r.portMappings[0]?.reason).toMatch(/^docker run -p 80\/tcp: .*32768 is the lowest free port of Docker's ephemeral range 32768–60999/);
  });

  it("never moves a pinned port: auto skips it", () => {
    const r = run({
      containers: [
        { id: "a", host: "node1", ports: [{ port: 80, publish: "auto" }] },
        { id: "b", host: "node1", ports: [{ port: 80, publish: 32768 }] },
      ],
    });
    expect(hostPorts(r)).toEqual(["a:80/tcp→node1:32769", "b:80/tcp→node1:32768"]);
  });

  it('under Kubernetes, "auto" is a NodePort from 30000–32767, unique across the cluster', () => {
    const r = run({
      orchestrator: "kubernetes", backend: { type: "flannel" },
      containers: [
        { id: "web", host: "node1", ports: [{ port: 80, publish: "auto" }] },
        { id: "api", host: "node2", ports: [{ port: 8000, publish: "auto" }, { port: 9000, protocol: "udp", publish: "auto" }] },
      ],
    });
    expect(hostPorts(r)).toEqual(["web:80/tcp→node1:30000", "api:8000/tcp→node2:30001", "api:9000/udp→node2:30002"]);
    expect(r.portMappings[0]?.reason).toBe(
      'A NodePort Service (30000 is the lowest free port of the NodePort range 30000–32767): every node of cluster "prod" forwards 30000/tcp to web\'s 80/tcp; 192.168.1.11:30000 is web\'s own node.',
    );
  });

  it("under Kubernetes, a number outside the NodePort range is a pod hostPort on one node", () => {
    const r = run({ orchestrator: "kubernetes", backend: { type: "flannel" }, containers: [{ id: "web", host: "node1", ports: [{ port: 80, publish: 8080 }] }] });
    expect(r.portMappings[0]?.reason).toBe("hostPort 8080 in the pod spec: only node1 forwards 192.168.1.11:8080 to web's 80/tcp.");
  });

  it('under Swarm, "auto" comes from swarmkit\'s 30000–32767 and the routing mesh opens it on every node', () => {
    const r = run({
      orchestrator: "swarm", backend: { type: "docker-overlay" },
      containers: [{ id: "a", host: "node1", ports: [{ port: 80, publish: "auto" }] }, { id: "b", host: "node2", ports: [{ port: 80, publish: "auto" }] }],
    });
    expect(hostPorts(r)).toEqual(["a:80/tcp→node1:30000", "b:80/tcp→node2:30001"]);
    expect(r.portMappings[0]?.reason).toMatch(/^docker service create --publish 80\/tcp .*the routing mesh opens 30000\/tcp on every node of cluster "prod"/);
  });
});

describe("HOST_PORT_CONFLICT", () => {
  it("is an error when two containers on one host publish the same host port and protocol, naming both and the fix", () => {
    const r = run({
      containers: [
        { id: "web", host: "node1", ports: [{ port: 80, publish: 8080 }] },
        { id: "api", host: "node1", ports: [{ port: 8000, publish: 8080 }] },
      ],
    });
    const d = diags(r, "HOST_PORT_CONFLICT");
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: "error", subjects: ["web", "api", "node1"] });
    expect(d[0]?.message).toBe(
      "web and api both publish host port 8080/tcp on node1 (192.168.1.11): only one can bind it, so api's 8000/tcp is not reachable there. " +
        'Fix: publish api\'s 8000/tcp on another host port ("auto" or a free number).',
    );
    expect(r.portMappings.map((m) => m.container)).toEqual(["web", "api"]);
  });

  it("is no conflict on another protocol or, with plain Docker, on another host", () => {
    const r = run({
      containers: [
        { id: "web", host: "node1", ports: [{ port: 80, publish: 8080 }] },
        { id: "dns", host: "node1", ports: [{ port: 53, protocol: "udp", publish: 8080 }] },
        { id: "api", host: "node2", ports: [{ port: 8000, publish: 8080 }] },
      ],
    });
    expect(diags(r, "HOST_PORT_CONFLICT")).toEqual([]);
  });

  it("spans the cluster for NodePorts: the same NodePort on two nodes clashes", () => {
    const r = run({
      orchestrator: "kubernetes", backend: { type: "flannel" },
      containers: [
        { id: "web", host: "node1", ports: [{ port: 80, publish: 30080 }] },
        { id: "api", host: "node2", ports: [{ port: 8000, publish: 30080 }] },
      ],
    });
    const d = diags(r, "HOST_PORT_CONFLICT");
    expect(d.map((x) => x.subjects)).toEqual([["web", "api", "node1", "node2"]]);
    expect(d[0]?.message).toMatch(/^web and api both publish host port 30080\/tcp on every node of cluster "prod"/);
  });
});

describe("ports that flows need published", () => {
  it("PORT_NOT_PUBLISHED: a bridge container reached from another host, with the flow, container, port and fix", () => {
    const r = run({
      containers: [{ id: "web", host: "node1" }, { id: "api", host: "node2", ports: [{ port: 8000 }] }],
      flows: [{ id: "f1", from: "web", to: "api", port: 8000 }],
    });
    const d = diags(r, "PORT_NOT_PUBLISHED");
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: "error", subjects: ["f1", "api", "node2"] });
    expect(d[0]?.message).toBe(
      'Flow web → api 8000/tcp needs 8000/tcp published on node2: web (on node1) and api (on node2) are on different hosts, and the bridge backend does not connect containers across hosts. ' +
        'Fix: publish api\'s port 8000/tcp on host port 8000, or "auto" for a free one.',
    );
  });

  it("PORT_NOT_PUBLISHED from the Internet suggests 8080 for port 80, and an undeclared port gets a ports entry", () => {
    const r = run({
      containers: [{ id: "web", host: "node1", ports: [{ port: 80 }] }],
      flows: [{ id: "f1", from: "internet", to: "web", port: 80 }, { id: "f2", from: "internet", to: "web", port: 443 }],
    });
    const [a, b] = diags(r, "PORT_NOT_PUBLISHED");
    expect(a?.message).toMatch(/Fix: publish web's port 80\/tcp on host port 8080, or "auto" for a free one\.$/);
    expect(b?.message).toMatch(/Fix: add port 443\/tcp to web's ports and publish it \("auto" for a free host port\)\.$/);
  });

  it("PORT_NOT_PUBLISHED under Kubernetes offers a hostPort or a NodePort", () => {
    const r = run({
      backend: { type: "flannel" }, orchestrator: "kubernetes",
      containers: [{ id: "web", host: "node1", ports: [{ port: 80 }] }],
      flows: [{ id: "f1", from: "internet", to: "web", port: 80 }, { id: "f2", from: "internet", to: "web", port: 443 }],
    });
    const [a, b] = diags(r, "PORT_NOT_PUBLISHED");
    expect(a?.message).toMatch(/^Flow Internet → web 80\/tcp needs 80\/tcp published on node1: /);
    expect(a?.message).toMatch(/Fix: publish web's port 80\/tcp on host port 8080 \(a hostPort\), or "auto" for a NodePort\.$/);
    expect(b?.message).toMatch(/Fix: add port 443\/tcp to web's ports and publish it \("auto" for a NodePort\)\.$/);
  });

  it("nothing to publish on the same host, or once the port is published", () => {
    const r = run({
      containers: [{ id: "web", host: "node1" }, { id: "cache", host: "node1", ports: [{ port: 6379 }] }, { id: "api", host: "node2", ports: [{ port: 8000, publish: 8000 }] }],
      flows: [{ id: "f1", from: "web", to: "cache", port: 6379 }, { id: "f2", from: "web", to: "api", port: 8000 }],
    });
    expect(diags(r, "PORT_NOT_PUBLISHED")).toEqual([]);
  });

  it("containers on the underlay (macvlan) need no published port; publishing there is ignored with a warning", () => {
    const r = run({
      backend: { type: "macvlan" },
      containers: [{ id: "web", host: "node1", ports: [{ port: 80, publish: 8080 }] }],
      flows: [{ id: "f1", from: "internet", to: "web", port: 80 }],
    });
    expect(diags(r, "PORT_NOT_PUBLISHED")).toEqual([]);
    expect(r.portMappings).toEqual([]);
    expect(diags(r, "PUBLISH_IGNORED")).toMatchObject([{ severity: "warning", subjects: ["web", "node1"] }]);
  });

  it("PORT_NOT_DECLARED warns about a flow to a port the container does not declare", () => {
    const r = run({
      backend: { type: "flannel" }, orchestrator: "kubernetes",
      containers: [{ id: "web", host: "node1" }, { id: "api", host: "node2", ports: [{ port: 8000 }] }],
      flows: [{ id: "f1", from: "web", to: "api", port: 9000 }],
    });
    expect(diags(r, "PORT_NOT_DECLARED")).toEqual([{
      code: "PORT_NOT_DECLARED", severity: "warning", subjects: ["f1", "api"],
      message: "Flow web → api 9000/tcp: api declares only 8000/tcp, so nothing may listen on 9000/tcp. Fix: add port 9000/tcp to api's ports, or point the flow at a declared port.",
    }]);
  });
});
