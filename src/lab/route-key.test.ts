import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { JQ_ROUTE_KEY, routeKey, routeKeys } from "./route-key.ts";

describe("route comparison lines", () => {
  it("keeps type, destination, gateway, device and onlink; drops protocol, scope, source and metric", () => {
    expect(routeKey({ dst: "10.244.1.0/24", gateway: "10.244.1.0", dev: "flannel.1", flags: ["onlink"] })).toBe("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink");
    expect(routeKey({ dst: "192.168.1.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "192.168.1.11", metric: 100 })).toBe("192.168.1.0/24 dev eth0");
    expect(routeKey({ type: "blackhole", dst: "172.16.0.0/26", protocol: "bird" })).toBe("blackhole 172.16.0.0/26");
    expect(routeKey({ dst: "10.0.0.1/32", dev: "cali1" })).toBe("10.0.0.1 dev cali1");
    expect(routeKey({ dst: "0.0.0.0/0", gateway: "10.0.0.1" })).toBe("default via 10.0.0.1");
    expect(routeKeys([{ dst: "default", gateway: "1.1.1.1" }, { dst: "10.0.0.0/8", dev: "x" }, { dst: "default", gateway: "1.1.1.1" }])).toEqual(["10.0.0.0/8 dev x", "default via 1.1.1.1"]);
  });

  const hasJq = spawnSync("jq", ["--version"]).status === 0;
  it.skipIf(!hasJq)("jq computes the same lines from `ip -j route` output", () => {
    const kernel = [
      { dst: "default", gateway: "192.168.1.1", dev: "eth0", flags: [] },
      { dst: "192.168.1.0/24", dev: "eth0", protocol: "kernel", scope: "link", prefsrc: "192.168.1.11", flags: ["linkdown"] },
      { type: "blackhole", dst: "172.16.0.0/26", protocol: "bird", flags: [] },
      { dst: "10.244.1.0/24", gateway: "10.244.1.0", dev: "flannel.1", flags: ["onlink"] },
      { dst: "fe80::/64", dev: "eth0", protocol: "kernel", metric: 256, flags: [] },
      { type: "multicast", dst: "ff00::/8", dev: "eth0", flags: [] },
      { type: "blackhole", dst: "fd00:192:168::/122", dev: "lo", protocol: "80", flags: [] },
    ];
    const r = spawnSync("jq", ["-r", JQ_ROUTE_KEY], { input: JSON.stringify(kernel), encoding: "utf8" });
    expect(r.stdout.trim().split("\n")).toEqual([
      routeKey({ dst: "default", gateway: "192.168.1.1", dev: "eth0" }),
      "192.168.1.0/24 dev eth0",
      "blackhole 172.16.0.0/26",
      "10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink",
      routeKey({ type: "blackhole", dst: "fd00:192:168::/122", protocol: "80" }),
    ]);
  });
});
