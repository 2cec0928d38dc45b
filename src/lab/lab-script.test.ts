/**
 * The lab script generator, without running anything: the commands it writes for the sample
 * (flannel VXLAN), for Calico, OVS and Weave, what it skips, and the safety rules every line keeps.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { analyze } from "../model/analyze.ts";
import { SAMPLE_DOCUMENT } from "../model/sample.ts";
import { LAB_SCENARIOS } from "./lab-scenarios.ts";
import { labScript } from "./lab-script.ts";

function scriptFor(document: unknown): string {
  const r = analyze(document);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return labScript(r.document, r.report, { timeoutSeconds: 60 });
}

function scenario(name: string): unknown {
  const s = LAB_SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s.document;
}

const sample = scriptFor(SAMPLE_DOCUMENT);
const lines = sample.split("\n");

describe("the sample (flannel VXLAN, three hosts)", () => {
  it("creates flannel.1 as a VXLAN device with VNI 1, UDP 8472, the host's address and its VTEP MAC", () => {
    expect(lines).toContain('run ip -n "${P}h1" link add flannel.1 address ea:cf:3c:9d:d7:ac mtu 1450 type vxlan id 1 local 192.168.1.11 dev eth0 dstport 8472 nolearning');
    expect(lines).toContain('run ip -n "${P}h1" addr add 10.244.0.0/32 dev flannel.1');
    expect(lines).toContain('run ip -n "${P}h1" link add cni0 mtu 1450 type bridge');
    expect(lines).toContain('run ip -n "${P}h1" addr add 10.244.0.1/24 dev cni0');
  });

  it("adds the onlink routes, permanent neighbours and FDB entries the report gives", () => {
    expect(lines).toContain('run ip -n "${P}h1" route add 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink');
    expect(lines).toContain('run ip -n "${P}h1" route add 10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink');
    expect(lines).toContain('run ip -n "${P}h1" neigh replace 10.244.1.0 lladdr da:58:00:4e:ff:d5 dev flannel.1 nud permanent');
    expect(lines).toContain('run bridge -n "${P}h1" fdb append da:58:00:4e:ff:d5 dev flannel.1 dst 192.168.1.12 self permanent');
    expect(lines).toContain('run ip -n "${P}h1" route add default via 192.168.1.1 dev eth0');
  });

  it("lets the kernel add connected routes, and compares them", () => {
    expect(sample).not.toMatch(/route add 10\.244\.0\.0\/24 dev cni0/);
    expect(sample).toContain("check_routes node1 h1 0 '10.244.0.0/24 dev cni0\n10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink\n");
    expect(sample).toContain("check_routes web c1 0 '10.244.0.0/16 via 10.244.0.1 dev eth0\n10.244.0.0/24 dev eth0\ndefault via 10.244.0.1 dev eth0'");
  });

  it("puts containers on cni0 with their MTU, routes and a listener", () => {
    expect(lines).toContain('run ip -n "${P}h1" link add tlc10 mtu 1450 type veth peer name eth0 mtu 1450 netns "${P}c1"');
    expect(lines).toContain('run ip -n "${P}h1" link set tlc10 master cni0 up');
    expect(lines).toContain('run ip -n "${P}c1" route add 10.244.0.0/16 via 10.244.0.1 dev eth0');
    expect(lines).toContain("listen c2 tcp 8000 4 tl-c2-8000-tcp");
  });

  it("publishes web's port with DNAT and probes it from the Internet through the router", () => {
    expect(sample).toContain("ip daddr 192.168.1.11 tcp dport 8080 dnat to 10.244.0.2:80");
    expect(sample).toContain('oifname "eth0" ip saddr 10.244.0.0/16 ip daddr 192.168.1.12 masquerade');
    expect(lines).toContain('run ip -n "${P}x1" route add 192.168.1.0/24 via 198.18.0.100');
    expect(lines).toContain('probe "$TMPD/flow0" x1 tcp 192.168.1.11 8080 &');
    expect(lines).toContain('report_flow f-web internet web 80 tcp true "$TMPD/flow0" tl-c1-80-tcp 192.168.1.11:8080 tcp');
    expect(lines).toContain('probe "$TMPD/flow1" c1 tcp 10.244.1.2 8000 &');
  });

  it("probes the kernel for VXLAN before building, and skips when it lacks it", () => {
    expect(lines.indexOf("probe_kernel")).toBeLessThan(lines.indexOf("mkns u1 0"));
    expect(lines).toContain("need_kind vxlan 'flannel.1 on node-1'");
  });
});

describe("safety", () => {
  const all = LAB_SCENARIOS.map((s) => ({ name: s.name, script: scriptFor(s.document) }));

  it("touches only namespaces named with the run's tl-<pid>- prefix", () => {
    for (const { script } of all) {
      expect(script).toContain('P="tl-$$-"');
      for (const line of script.split("\n")) {
        if (/^run (ip|bridge) /.test(line)) expect(line, line).toMatch(/^run (ip|bridge) (-n "\$\{P\}\w+"|netns (add|exec) "\$\{P\}\w+")/);
        expect(line, line).not.toMatch(/\b(iptables|modprobe|sysctl -w)\b/);
      }
    }
  });

  it("cleans up on exit, Ctrl+C and TERM, and bounds the run", () => {
    expect(sample).toContain("trap cleanup EXIT\ntrap 'exit 130' INT\ntrap 'exit 143' TERM");
    expect(sample).toContain('case $n in "$P"*) ;; *) continue ;; esac');
    expect(sample).toContain('LAB_TIMEOUT="${TOPOLAB_LAB_TIMEOUT:-60}"');
    expect(sample).toContain("start_watchdog");
    expect(sample).toContain('ip netns exec "$n" timeout 2 bash -c');
  });

  it("writes scripts bash can parse", () => {
    for (const { name, script } of all) {
      const r = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
      expect(r.stderr, name).toBe("");
      expect(r.status, name).toBe(0);
    }
  });
});

describe("other backends", () => {
  it("Calico: the container's veth end on the host is the cali device, with its MAC and proxy ARP", () => {
    const s = scriptFor(scenario("Calico VXLAN cross-subnet"));
    expect(s).toMatch(/run ip -n "\$\{P\}h1" link add cali\w+ address ee:ee:ee:ee:ee:ee mtu 1450 type veth peer name eth0 mtu 1450 netns "\$\{P\}c1"/);
    expect(s).toMatch(/nsysctl "\$\{P\}h1" net\/ipv4\/conf\/cali\w+\/proxy_arp 1/);
    expect(s).toMatch(/run ip -n "\$\{P\}h1" route add blackhole 172\.16\.0\.0\/26 proto 80/);
    expect(s).toMatch(/type vxlan id 4096 local 192\.168\.20\.2 dev eth0 dstport 4789 nolearning/);
    expect(s).toContain('run ip -n "${P}c1" route add 169.254.1.1 dev eth0 scope link');
  });

  it("OVS: tunnel ports with one VNI become one VXLAN device flooding to each remote", () => {
    const s = scriptFor(scenario("OVS VXLAN mesh, three hosts"));
    expect(s).toContain('run ip -n "${P}h1" link add vxlan-n2 mtu 1450 type vxlan id 0 local 192.168.10.2 dstport 4789');
    expect(s).toContain('run bridge -n "${P}h1" fdb append 00:00:00:00:00:00 dev vxlan-n2 dst 192.168.10.4 self permanent');
    expect(s).toContain('run ip -n "${P}h1" link set vxlan-n2 master br0');
    expect(s).toMatch(/emit_note .*one VXLAN device vxlan-n2/);
  });

  it("Weave: the lab's VXLAN stand-in joins the datapath on fastdp's UDP 6784, and says so", () => {
    const s = scriptFor(scenario("Weave fastdp"));
    expect(s).toContain('run ip -n "${P}h1" link add tlvx0 mtu 1376 type vxlan id 1 local 192.168.10.2 dev eth0 dstport 6784');
    expect(s).toContain('run ip -n "${P}h1" link add docker0 mtu 1500 type bridge');
    expect(s).toContain('run ip -n "${P}h1" link set tlvx0 master datapath up');
    expect(s).toContain('run ip -n "${P}h1" link add vethwe-bridge mtu 1376 type veth peer name vethwe-datapath mtu 1376');
    expect(s).toMatch(/emit_note .*the lab adds tlvx0/);
  });

  it("Docker overlay: each network's bridge and VXLAN device in a namespace of their own, the VXLAN device made on the host and moved in", () => {
    const s = scriptFor(scenario("Docker overlay (swarm)"));
    expect(s).toContain("mkns h1n2 0");
    expect(s).toMatch(/^# {3}\$\{P\}h1n2 host n1's network namespace 1-[0-9a-z]{10}$/m);
    expect(s).toContain('run ip -n "${P}h1n2" link add br-001001 mtu 1450 type bridge');
    expect(s).toContain('run ip -n "${P}h1" link add vx-001001 mtu 1450 type vxlan id 4097 local 192.168.10.2 dev eth0 dstport 4789');
    expect(s).toContain('run ip -n "${P}h1" link set vx-001001 netns "${P}h1n2"');
    expect(s).toContain('run bridge -n "${P}h1n2" fdb append 00:00:00:00:00:00 dev vx-001001 dst 192.168.10.3 self permanent');
    expect(s).toContain('run ip -n "${P}h1n2" addr add 10.0.1.1/24 dev br-001001');
    // web's overlay leg plugs into the sandbox's bridge, its docker_gwbridge leg into the host's.
    expect(s).toContain('run ip -n "${P}h1n2" link set tlc10 master br-001001 up');
    expect(s).toContain('run ip -n "${P}h1" link set tlc11 master docker_gwbridge up');
    // The published port goes to web's docker_gwbridge address, as the model's flow says; the probe aims at the flow's target.
    expect(s).toContain("ip daddr 192.168.10.2 tcp dport 8080 dnat to 172.18.0.3:80");
    expect(s).toContain('probe "$TMPD/flow0" x1 tcp 192.168.10.2 8080 &');
  });

  it("macvlan: the container's eth0 is a macvlan of the host's eth0 with the report's MAC", () => {
    const s = scriptFor(scenario("macvlan bridge, with a client on the LAN"));
    expect(s).toMatch(/run ip -n "\$\{P\}h1" link add tlc10 link eth0 address [0-9a-f:]{17} mtu 1500 type macvlan mode bridge/);
    expect(s).toContain('run ip -n "${P}c1" link set tlc10 name eth0');
    expect(s).toContain("need_kind macvlan");
  });

  it("ipvlan l3: the router gets the routes the report lists", () => {
    const s = scriptFor(scenario("ipvlan l3 with router routes"));
    expect(s).toContain('run ip -n "${P}r1" route add 10.1.0.0/24 via 192.168.40.2');
    expect(s).toMatch(/type ipvlan mode l3/);
  });

  it("routes towards underlays a router does not join go through the next router", () => {
    const s = scriptFor(scenario("flannel VXLAN across two routers and three underlays"));
    expect(s).toContain('run ip -n "${P}r1" route add 10.10.3.0/24 via 10.10.2.2');
    expect(s).toContain('run ip -n "${P}r2" route add 10.10.1.0/24 via 10.10.2.1');
  });

  it("skips what needs a daemon or keys, before building anything", () => {
    const s = scriptFor({
      format: "topolab", version: 1, underlays: [{ id: "lan", cidr: "192.168.1.0/24" }],
      clusters: [{ id: "c", backend: { type: "openvpn" } }], hosts: [{ id: "a", cluster: "c", underlay: "lan" }, { id: "b", cluster: "c", underlay: "lan" }],
    });
    expect(s).toContain("skip 'cluster c (openvpn udp)' 'OpenVPN tunnels are made by the openvpn daemon");
    expect(s).toContain("finish_if_skipped");
    expect(s).not.toMatch(/^mkns /m);
    expect(s).not.toMatch(/^require_root$/m);
  });
});
