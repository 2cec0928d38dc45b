import { describe, expect, it } from "vitest";
import { formatFdb, formatNeighbor, formatRoute } from "./format-route.ts";

describe("formatRoute prints routes as `ip route` does", () => {
  it("flannel VXLAN: a remote subnet via its VTEP address, onlink (BACKENDS.md §11 vector 1)", () => {
    expect(formatRoute({ dst: "10.244.1.0/24", gateway: "10.244.1.0", dev: "flannel.1", flags: ["onlink"] })).toBe(
      "10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink",
    );
  });

  it("Calico: its own block as a blackhole, type first (BACKENDS.md §2)", () => {
    expect(formatRoute({ type: "blackhole", dst: "192.168.231.0/26", protocol: "bird" })).toBe("blackhole 192.168.231.0/26 proto bird");
  });

  it("Calico IPIP: proto comes before the onlink flag", () => {
    expect(formatRoute({ dst: "192.168.66.128/26", gateway: "10.0.0.12", dev: "tunl0", protocol: "bird", flags: ["onlink"] })).toBe(
      "192.168.66.128/26 via 10.0.0.12 dev tunl0 proto bird onlink",
    );
  });

  it("the kernel's connected route: proto, scope, then src", () => {
    expect(formatRoute({ dst: "192.168.1.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "192.168.1.11" })).toBe(
      "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11",
    );
  });

  it("a default route with a metric, and a route metric mtu last", () => {
    expect(formatRoute({ dst: "default", gateway: "192.168.1.1", dev: "eth0", protocol: "dhcp", prefsrc: "192.168.1.11", metric: 100 })).toBe(
      "default via 192.168.1.1 dev eth0 proto dhcp src 192.168.1.11 metric 100",
    );
    expect(formatRoute({ dst: "10.8.0.0/24", dev: "tun0", scope: "link", mtu: 1400 })).toBe("10.8.0.0/24 dev tun0 scope link mtu 1400");
  });

  it("leaves out what iproute2 leaves out: proto boot and scope global", () => {
    expect(formatRoute({ dst: "10.0.0.0/8", gateway: "192.168.1.1", dev: "eth0", protocol: "boot", scope: "global" })).toBe(
      "10.0.0.0/8 via 192.168.1.1 dev eth0",
    );
  });

  it("IPv6 and unreachable routes", () => {
    expect(formatRoute({ dst: "fd00:10:244:1::/64", gateway: "fd00:10:244:1::", dev: "flannel-v6.1", flags: ["onlink"] })).toBe(
      "fd00:10:244:1::/64 via fd00:10:244:1:: dev flannel-v6.1 onlink",
    );
    expect(formatRoute({ type: "unreachable", dst: "10.1.0.0/16" })).toBe("unreachable 10.1.0.0/16");
  });
});

describe("neighbour and FDB entries", () => {
  it("prints a static neighbour as `ip neigh`", () => {
    expect(formatNeighbor({ dst: "10.244.2.0", lladdr: "02:42:0a:f4:02:00", dev: "flannel.1", state: ["PERMANENT"] })).toBe(
      "10.244.2.0 dev flannel.1 lladdr 02:42:0a:f4:02:00 PERMANENT",
    );
  });

  it("prints a VXLAN forwarding entry as `bridge fdb`", () => {
    expect(formatFdb({ mac: "02:42:0a:f4:02:00", dev: "flannel.1", dst: "192.168.1.12", flags: ["self", "permanent"] })).toBe(
      "02:42:0a:f4:02:00 dev flannel.1 dst 192.168.1.12 self permanent",
    );
    expect(formatFdb({ mac: "02:42:0a:f4:02:00", dev: "vxlan0", dst: "10.0.0.2" })).toBe("02:42:0a:f4:02:00 dev vxlan0 dst 10.0.0.2");
  });
});
