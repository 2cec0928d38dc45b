/** The scenario a first visit opens: flannel VXLAN across three hosts on one LAN (kube subnet manager). */
export const SAMPLE_DOCUMENT = {
  format: "topolab",
  version: 1,
  name: "Flannel VXLAN across three hosts",
  underlays: [{ id: "lan", name: "Rack LAN", cidr: "192.168.1.0/24", mtu: 1500 }],
  routers: [{ id: "gw", name: "Gateway", underlays: ["lan"] }],
  clusters: [{ id: "k8s", name: "prod", orchestrator: "kubernetes", ipFamily: "ipv4", backend: { type: "flannel", mode: "vxlan", network: "10.244.0.0/16" } }],
  hosts: [
    { id: "node1", name: "node-1", cluster: "k8s", underlay: "lan", ip: "192.168.1.11" },
    { id: "node2", name: "node-2", cluster: "k8s", underlay: "lan", ip: "192.168.1.12" },
    { id: "node3", name: "node-3", cluster: "k8s", underlay: "lan", ip: "192.168.1.13" },
  ],
  containers: [
    { id: "web", name: "web", host: "node1", ports: [{ port: 80, protocol: "tcp", publish: 8080 }] },
    { id: "api", name: "api", host: "node2", ports: [{ port: 8000, protocol: "tcp" }] },
    { id: "db", name: "db", host: "node3", ports: [{ port: 5432, protocol: "tcp" }] },
  ],
  externals: [{ id: "internet", name: "Internet", kind: "internet" }],
  flows: [
    { id: "f-web", from: "internet", to: "web", port: 80, protocol: "tcp" },
    { id: "f-api", from: "web", to: "api", port: 8000, protocol: "tcp" },
    { id: "f-db", from: "api", to: "db", port: 5432, protocol: "tcp" },
  ],
  layout: {},
} as const;
