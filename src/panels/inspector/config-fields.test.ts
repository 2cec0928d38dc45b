import { describe, expect, it } from "vitest";
import { BACKEND_TYPES } from "../../model/backends/configs.ts";
import { checkConfigText, configFields, defaultBackend, withConfigValue } from "./config-fields.ts";
import { backendInfo } from "../../model/backends/catalog.ts";
import { backendSentence, configLabel, configPlaceholder, humanise } from "./config-labels.ts";
import { checkCidr, checkInteger, checkIp, checkKernel } from "./validate.ts";

const field = (type: Parameters<typeof configFields>[0], key: string) => configFields(type).find((f) => f.key === key)!;

describe("configFields", () => {
  it("reads each backend's fields, kinds, bounds and defaults from its schema", () => {
    expect(configFields("flannel").map((f) => f.key)).toEqual([
      "network", "subnetLen", "subnetMin", "subnetMax", "ipv6Network", "ipv6SubnetLen", "subnetManager", "vni", "port", "directRouting", "udpEncap",
    ]);
    expect(field("flannel", "network")).toEqual({ key: "network", kind: "text", optional: false, default: "10.244.0.0/16" });
    expect(field("flannel", "subnetLen")).toEqual({ key: "subnetLen", kind: "number", optional: true });
    expect(field("flannel", "subnetManager")).toEqual({ key: "subnetManager", kind: "enum", optional: true, options: ["kube", "etcd"] });
    expect(field("calico", "blockSize")).toEqual({ key: "blockSize", kind: "number", optional: false, min: 20, max: 32, default: 26 });
    expect(field("calico", "wireguard")).toEqual({ key: "wireguard", kind: "boolean", optional: false, default: false });
    expect(field("weave", "mtu")).toMatchObject({ kind: "number", optional: true, min: 576, max: 65535 });
  });

  it("gives every field of every backend a label", () => {
    for (const type of BACKEND_TYPES) {
      for (const f of configFields(type)) expect(configLabel(type, f.key)).toMatch(/^[A-Z]/);
    }
    expect(configLabel("calico", "pool")).toBe("Pool CIDR");
    expect(configLabel("openvpn", "port")).toBe("Server port");
    expect(humanise("dataPathPort")).toBe("Data path port");
    expect(configPlaceholder("flannel", "network", "10.244.0.0/16")).toBe("10.244.0.0/16");
    expect(configPlaceholder("weave", "mtu", undefined)).toMatch(/1376/);
  });

  it("says a backend and its mode in a sentence, without the labels' asides", () => {
    const say = (type: keyof typeof backendInfo, mode: string) => backendSentence(backendInfo[type].label, backendInfo[type].modes.find((m) => m.id === mode)!.label);
    expect(say("calico", "ipip")).toBe("Calico (IP-in-IP)");
    expect(say("calico", "vxlan-cross-subnet")).toBe("Calico (VXLAN across subnets only)");
    expect(say("flannel", "vxlan")).toBe("flannel (VXLAN)");
    expect(say("flannel", "host-gw")).toBe("flannel (host-gw)");
    expect(say("ipvlan", "l2")).toBe("IPVLAN (L2)");
    expect(say("bridge", "nat")).toBe("Docker bridge (NAT)");
  });

  it("gives a new backend type its defaults", () => {
    expect(defaultBackend("calico")).toMatchObject({ type: "calico", mode: "ipip", blockSize: 26, natOutgoing: true });
    expect(defaultBackend("flannel")).toMatchObject({ type: "flannel", mode: "vxlan", network: "10.244.0.0/16", vni: 1 });
  });
});

describe("checking typed values", () => {
  it("checks CIDRs and addresses with the model's parsers", () => {
    expect(checkCidr("10.244.0.0/16")).toEqual({ ok: true, value: "10.244.0.0/16" });
    expect(checkCidr("10.244.0.0/33")).toMatchObject({ ok: false, error: expect.stringMatching(/prefix length/) });
    expect(checkCidr("10.244.0.1/16")).toMatchObject({ ok: false, error: expect.stringMatching(/host bits/) });
    expect(checkCidr("fd00::/64", 4)).toMatchObject({ ok: false });
    expect(checkIp(" 192.168.1.20 ")).toEqual({ ok: true, value: "192.168.1.20" });
    expect(checkIp("192.168.1.300")).toMatchObject({ ok: false });
    expect(checkInteger("26", { min: 20, max: 32 })).toEqual({ ok: true, value: 26 });
    expect(checkInteger("33", { min: 20, max: 32 })).toEqual({ ok: false, error: "Expected a whole number from 20 to 32" });
    expect(checkInteger("2.5")).toMatchObject({ ok: false });
    expect(checkKernel("5.15")).toMatchObject({ ok: true });
    expect(checkKernel("latest")).toMatchObject({ ok: false });
  });

  it("checks backend fields against their schema; empty means the default", () => {
    expect(checkConfigText("flannel", field("flannel", "network"), "10.244.0.0/33")).toMatchObject({ ok: false, error: expect.stringMatching(/prefix length/) });
    expect(checkConfigText("flannel", field("flannel", "network"), "fd00::/64")).toMatchObject({ ok: false, error: expect.stringMatching(/IPv4 network/) });
    expect(checkConfigText("flannel", field("flannel", "network"), "")).toEqual({ ok: true, value: undefined });
    expect(checkConfigText("calico", field("calico", "blockSize"), "27")).toEqual({ ok: true, value: 27 });
    expect(checkConfigText("calico", field("calico", "blockSize"), "40")).toMatchObject({ ok: false });
  });

  it("changes one field, restores defaults for removed keys, and refuses an invalid backend", () => {
    const flannel = defaultBackend("flannel");
    expect(withConfigValue(flannel, "network", "10.50.0.0/16")).toMatchObject({ ok: true, value: { network: "10.50.0.0/16" } });
    expect(withConfigValue({ ...flannel, network: "10.50.0.0/16" } as typeof flannel, "network", undefined)).toMatchObject({ ok: true, value: { network: "10.244.0.0/16" } });
    expect(withConfigValue(flannel, "vni", -1)).toMatchObject({ ok: false });
  });
});
