/** Docker's local default pools, in dockerd's order (BACKENDS.md §4, test vector 16). */
import { describe, expect, it } from "vitest";
import { cidr, formatCidr } from "../addr/index.ts";
import { LOCAL_DEFAULT_NETWORKS, dockerLocalNetworks, firstFreeLocalNetworks } from "./docker-pools.ts";

const texts = (nets: readonly Parameters<typeof formatCidr>[0][]) => nets.map(formatCidr);

describe("Docker local default networks (vector 16)", () => {
  it("lists 15 /16s from 172.17 to 172.31, then 16 /20s of 192.168.0.0/16: 31 in all", () => {
    const all = texts(LOCAL_DEFAULT_NETWORKS);
    expect(all).toHaveLength(31);
    expect(all.slice(0, 4)).toEqual(["172.17.0.0/16", "172.18.0.0/16", "172.19.0.0/16", "172.20.0.0/16"]);
    expect(all[14]).toBe("172.31.0.0/16");
    expect(all[15]).toBe("192.168.0.0/20");
    expect(all[30]).toBe("192.168.240.0/20");
  });

  it("picks first fit: docker0 172.17.0.0/16 with gateway .1, then 172.18, 172.19, 172.20 for three more networks", () => {
    expect(dockerLocalNetworks(cidr("192.168.1.0/24"), 4).map((n) => [formatCidr(n.subnet), n.gateway])).toEqual([
      ["172.17.0.0/16", "172.17.0.1"], ["172.18.0.0/16", "172.18.0.1"], ["172.19.0.0/16", "172.19.0.1"], ["172.20.0.0/16", "172.20.0.1"],
    ]);
  });

  it("skips a network that overlaps the host's on-link route", () => {
    expect(texts(firstFreeLocalNetworks([cidr("172.17.5.0/24")], 2))).toEqual(["172.18.0.0/16", "172.19.0.0/16"]);
    expect(texts(firstFreeLocalNetworks([cidr("172.16.0.0/12")], 1))).toEqual(["192.168.0.0/20"]);
    expect(texts(firstFreeLocalNetworks([cidr("192.168.0.0/24")], 31))).toHaveLength(30);
  });

  it("returns nothing when every default network overlaps the host", () => {
    expect(firstFreeLocalNetworks([cidr("128.0.0.0/1")], 1)).toEqual([]);
  });
});
