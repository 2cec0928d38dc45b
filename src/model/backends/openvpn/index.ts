/**
 * OpenVPN as a host-level VPN between container hosts (BACKENDS.md §6, vector 21): hub and spoke,
 * each host's container bridge routed across the tunnel. analyze.ts holds the plan.
 */
import type { Backend } from "../types.ts";
import { analyzeOpenvpn } from "./analyze.ts";
import type { OpenvpnConfig } from "./config.ts";

export const openvpn: Backend<OpenvpnConfig> = {
  type: "openvpn",
  label: "OpenVPN",
  modes: [
    { id: "udp", label: "UDP (sample server.conf)" },
    { id: "tcp", label: "TCP" },
  ],
  description:
    "A routed tun tunnel (L3) from every host to one server host, encrypted with TLS and AES-GCM; each host's container bridge has its own /24, routed across the tunnel, so clients reach each other through the server. State is a PKI (certificates), no datastore; no network policy. A host-level VPN, not a CNI: plain Docker or hand-wired containers, IPv4 only in Topolab.",
  topolabDefaults:
    "The sample server.conf: port 1194, proto udp, dev tun, topology subnet, server 10.8.0.0/24 (server .1, clients .2–.253). The server is config.server or the cluster's first host; clients get tunnel addresses in host order (pinned with ifconfig-push; the real pool goes by connection order). Each host's bridge ctr0 takes the next /24 of 172.20.0.0/16 in host order, gateway .1, containers from .2. OpenVPN carries IPv6 too (server-ipv6, route-ipv6), but Topolab models the IPv4 sample only.",
  capabilities: () => ({
    ipv6: false,
    orchestrators: ["docker", "none"],
    encryption: true,
    policy: false,
    datastore: "none (PKI)",
    containersOnUnderlay: false,
    crossHost: true,
  }),
  analyze: analyzeOpenvpn,
};
