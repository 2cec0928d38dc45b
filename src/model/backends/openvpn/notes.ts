/** The cluster notes: where Topolab departs from a real OpenVPN server, and the config it implies. */
import { type Cidr, formatCidr, formatIp, formatIp4, mask4, networkAddress } from "../../addr/index.ts";
import type { ClusterContext, HostContext } from "../types.ts";
import type { OpenvpnConfig } from "./config.ts";
import { CONTAINER_BRIDGE } from "./containers.ts";
import type { TunnelEnd } from "./tunnel.ts";

export interface NoteFacts {
  server: HostContext | undefined;
  serverEnd: TunnelEnd | undefined;
  mtu: number;
  /** The per-packet overhead over an IPv4 underlay. */
  base: number;
  net30: boolean;
  /** The IPv4 container pool, when the cluster uses IPv4. */
  pool: Cidr | undefined;
  v6: boolean;
}

export function notes(ctx: ClusterContext<OpenvpnConfig>, f: NoteFacts): string[] {
  const { config: c } = ctx;
  const out: string[] = [];
  const { server } = f;
  const poolText = f.pool ? formatCidr(f.pool) : undefined;
  if (server) {
    out.push(
      `"${server.host.name}" runs the OpenVPN server (${c.server !== undefined ? "config.server" : "the cluster's first host"}); the other hosts are clients. Topolab pins each client's tunnel address in host order (ifconfig-push in its client-config-dir file); the real pool hands them out in connection order.`,
      `Clients reach each other through the server's kernel: "${server.host.name}" forwards from tun0 back to tun0 (net.ipv4.ip_forward=1 and a FORWARD rule allowing it). client-to-client would route inside OpenVPN instead, bypassing the server's firewall.`,
    );
  }
  if (f.pool && f.net30) {
    const peer = f.serverEnd?.peer ? formatIp(f.serverEnd.peer) : "the server's peer address";
    const own = f.serverEnd?.v4 ? formatIp(f.serverEnd.v4) : "the server's tunnel address";
    out.push(
      `topology net30: tun0 holds point-to-point addresses (server ${own} peer ${peer}; each client the .2 of its own /30, peer the .1). server.conf holds \`route <client /24> 255.255.255.0\` per client, which OpenVPN sends via ${peer}, and each client's ccd file an \`iroute\` for its /24. One \`push "route ${formatIp(networkAddress(f.pool))} ${formatIp4(mask4(f.pool.prefix))}"\` gives every client the whole pool via its own peer, its own /24 on ${CONTAINER_BRIDGE} staying more specific; \`server\` itself pushes \`route ${own}\`.`,
    );
  } else if (poolText) {
    out.push(
      `server.conf holds \`route <client /24> 255.255.255.0 <client tunnel address>\` per client and each client's ccd file an \`iroute\` for its /24; each client's ccd file also pushes routes to every other host's /24 (push "route …"). A single pushed route to the whole pool ${poolText} would do as well: a client's own /24 stays more specific.`,
    );
  }
  if (f.v6) {
    out.push(
      `server-ipv6 ${c.tunnelNetwork6}: the server takes ::1, clients the pool from ::1000 (::2 in a /112 or smaller), one address each whatever the topology. The server holds \`route-ipv6\` and each client's ccd file \`iroute-ipv6\` for that client's /64; every host routes the other hosts' /64s into tun0 without a gateway, as OpenVPN installs IPv6 routes on a tun device.${poolText ? "" : " Without IPv4 the config has no `server` line (IPv6-only tunnels need OpenVPN 2.5 or later)."}`,
    );
  }
  out.push(
    `Container MTU ${f.mtu} = underlay MTU − ${f.base} (${c.mode === "udp" ? "IP 20 + UDP 8" : "IP 20 + TCP 20 + length 2"} + opcode/peer-id 4 + packet-id 4 + AES-GCM tag 16; derived, partly unverified); set tun-mtu to it. OpenVPN's defaults (tun-mtu 1500, mssfix 1492) clamp TCP instead, and larger non-TCP packets leave as outer packets the underlay must fragment.`,
  );
  if (poolText) {
    out.push(`If ${CONTAINER_BRIDGE} is a Docker bridge, Docker masquerades traffic leaving it: exclude the container pool (iptables -t nat -I POSTROUTING -s ${poolText} -d ${poolText} -j RETURN) so hosts see the containers' own addresses.`);
  }
  if (c.mode === "tcp") out.push("proto tcp tunnels TCP inside TCP: under packet loss both layers retransmit and throughput collapses. UDP is the sample's default.");
  return out;
}
