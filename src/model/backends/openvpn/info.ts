/**
 * OpenVPN: what the UI shows of it (label, modes, explanation, capabilities), without the
 * analysis (index.ts). Imports no analysis module: the UI loads this at start through catalog.ts,
 * the analysis runs in the worker.
 */
import type { BackendInfo } from "../types.ts";
import type { OpenvpnConfig } from "./config.ts";

export const openvpnInfo: BackendInfo<OpenvpnConfig> = {
  type: "openvpn",
  label: "OpenVPN",
  modes: [
    { id: "udp", label: "UDP (sample server.conf)" },
    { id: "tcp", label: "TCP" },
  ],
  description:
    "A routed tun tunnel (L3) from every host to one server host, encrypted with TLS and AES-GCM; each host's container bridge has its own /24 (and /64 with IPv6), routed across the tunnel, so clients reach each other through the server. State is a PKI (certificates), no datastore; no network policy. A host-level VPN, not a CNI: plain Docker or hand-wired containers; IPv4 (topology subnet or the older net30), IPv6 (server-ipv6) and dual stack.",
  topolabDefaults:
    "The sample server.conf: port 1194, proto udp, dev tun, topology subnet, server 10.8.0.0/24 (server .1, clients .2–.253). topology net30 (the default before 2.7) gives the server 10.8.0.1 peer 10.8.0.2 and each client a /30 of the pool 10.8.0.4–.251 (first client 10.8.0.6 peer 10.8.0.5, then .10 peer .9; 62 clients in a /24); clients then get one pushed route to the whole container pool via their peer. With IPv6, server-ipv6 fd00:10:8::/64 (a ULA Topolab picks; OpenVPN has no default): server ::1, clients from ::1000. The server is config.server or the cluster's first host; clients get tunnel addresses in host order (pinned with ifconfig-push; the real pool goes by connection order). Each host's bridge ctr0 takes the next /24 of 172.20.0.0/16 (and /64 of fd00:172:20::/48) in host order, gateway .1, containers from .2.",
  capabilities: () => ({
    ipv6: true,
    orchestrators: ["docker", "none"],
    encryption: true,
    policy: false,
    datastore: "none (PKI)",
    containersOnUnderlay: false,
    crossHost: true,
  }),
};
