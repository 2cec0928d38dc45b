/**
 * The `topolab` command as a user runs it: a real `node bin/topolab.js` process, its exit code,
 * stdout and stderr. Inputs are files written under the OS temporary directory.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "bin", "topolab.js");
const FLANNEL = join(ROOT, "public", "scenarios", "flannel-vxlan.json");
const TMP = mkdtempSync(join(tmpdir(), "topolab-cli-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function topolab(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1" } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempFile(name: string, content: string): string {
  const path = join(TMP, name);
  writeFileSync(path, content);
  return path;
}

const doc = (extra: Record<string, unknown>) => JSON.stringify({ format: "topolab", version: 1, ...extra });

// Each test starts node + tsx (a few hundred ms, seconds on a busy CI machine): well past the 5 s default.
const SLOW = { timeout: 60_000 };

describe("topolab analyze", SLOW, () => {
  it("prints the flannel VXLAN scenario as text and exits 0", () => {
    const r = topolab("analyze", FLANNEL);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Flannel VXLAN across three hosts\n=+\n/);
    for (const heading of ["Clusters", "Address plan", "Routes per host", "Firewall openings", "Port mappings", "Flows", "Diagnostics"]) {
      expect(r.stdout).toContain(`\n${heading}\n`);
    }
    expect(r.stdout).toContain("flannel.1");
    expect(r.stdout).toContain("8472");
    expect(r.stdout).toContain("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink");
    expect(r.stdout).not.toContain("\u001b["); // no colour when stdout is not a terminal
  });

  it("shows dual-stack hosts' IPv6 addresses, rewrites, and each flow's reply after its request", () => {
    const r = topolab("analyze", join(ROOT, "public", "scenarios", "flannel-vxlan-dual-stack.json"));
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^ {2}HOST +CLUSTER +UNDERLAY IP +UNDERLAY IPV6 +SUBNETS +CONTAINER +ADDRESSES$/m);
    expect(r.stdout).toMatch(/^ {2}node-1 +k8s +192\.168\.1\.11 +2001:db8:1::11 +10\.244\.0\.0\/24, fd00:10:244::\/64 +web +10\.244\.0\.2\/24, fd00:10:244::2\/64$/m);
    expect(r.stdout).toContain("\n  node-1 (192.168.1.11, 2001:db8:1::11)\n");
    expect(r.stdout).toContain("fd00:10:244:: dev flannel-v6.1 proto kernel metric 256");
    const flow = r.stdout.slice(r.stdout.indexOf("\n  f-web\n"), r.stdout.indexOf("\n  f-api\n"));
    expect(flow.split("\n").slice(2)).toEqual([
      "    internet: sends → 192.168.1.11:443/tcp from the Internet",
      "    gw: routes it onto Rack LAN (connected)",
      "    lan: carries the packet to node-1 (192.168.1.11)",
      "    node1: takes hostPort 443/tcp and rewrites it to web (DNAT), then delivers it to web (10.244.0.2) on cni0 [DNAT 192.168.1.11:443 → 10.244.0.2:443]",
      "    web: receives 443/tcp on eth0 (10.244.0.2)",
      "    reply:",
      "      web: replies 10.244.0.2:443/tcp → 203.0.113.100 (Internet) to its gateway 10.244.0.1 via eth0",
      "      node1: forwards it out of eth0 to its gateway 192.168.1.1 (Gateway) [un-DNAT 10.244.0.2:443 → 192.168.1.11:443 (conntrack)]",
      "      lan: carries the packet to Gateway (192.168.1.1)",
      "      gw: sends it on to Internet",
      "      internet: receives the reply from 192.168.1.11:443",
    ]);
    // An IPv4-only design keeps the address plan narrow.
    expect(topolab("analyze", FLANNEL).stdout).not.toContain("UNDERLAY IPV6");
  });

  it("prints the report as JSON with --format json", () => {
    const r = topolab("analyze", FLANNEL, "--format", "json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { format: string; version: number; hosts: { id: string }[] };
    expect(report.format).toBe("topolab-report");
    expect(report.version).toBe(1);
    expect(report.hosts.map((h) => h.id)).toEqual(["node1", "node2", "node3"]);
    expect(r.stdout).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it("exits 1 when the report holds an error diagnostic, and prints it", () => {
    // A pinned host address outside its underlay: the document is valid, the design is not.
    const file = tempFile("outside.json", doc({
      underlays: [{ id: "lan", cidr: "192.168.1.0/24" }],
      clusters: [{ id: "k8s", backend: { type: "flannel", mode: "vxlan" } }],
      hosts: [{ id: "node1", cluster: "k8s", underlay: "lan", ip: "10.9.9.9" }],
    }));
    const r = topolab("analyze", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error\s+ADDRESS_OUTSIDE_SUBNET\s+node1/);
    expect(topolab("analyze", file, "--format", "json").code).toBe(1);
  });

  it("exits 2 on an invalid document and names every problem by its JSON path", () => {
    const file = tempFile("invalid.json", doc({
      underlays: [{ id: "lan", cidr: "192.168.1.0/24" }],
      clusters: [{ id: "k8s" }],
      hosts: [{ id: "a", cluster: "k8s", underlay: "lan" }, { id: "b", cluster: "k8s", underlay: "lan" }, { id: "c", cluster: "k8s", underlay: "lan3" }],
      containers: [{ id: "web", host: "a", ports: [{ port: 70000 }] }],
    }));
    const r = topolab("analyze", file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("containers[0].ports[0].port:");
    expect(topolab("analyze", tempFile("ref.json", doc({
      underlays: [{ id: "lan", cidr: "192.168.1.0/24" }],
      clusters: [{ id: "k8s" }],
      hosts: [{ id: "a", cluster: "k8s", underlay: "lan" }, { id: "b", cluster: "k8s", underlay: "lan" }, { id: "c", cluster: "k8s", underlay: "lan3" }],
    }))).stderr).toContain('hosts[2].underlay: no underlay "lan3"');
  });

  it("exits 2 on a file that is not JSON, with the line and column", () => {
    const file = tempFile("broken.json", '{\n  "format": "topolab",\n  "version": 1\n  "name": "x"\n}\n');
    const r = topolab("analyze", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:4:3: not JSON`);
    expect(r.stderr).toContain("line 4, column 3");
  });

  it("exits 2 on a missing file", () => {
    const r = topolab("analyze", join(TMP, "nope.json"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nope.json: cannot read the file: no such file");
  });

  it("exits 2 on bad usage and explains it", () => {
    const r = topolab("analyze", FLANNEL, "--format", "yaml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format is "text" or "json", not "yaml"');
    expect(topolab("frobnicate").code).toBe(2);
    expect(topolab("analyze").stderr).toContain("analyze needs a FILE");
  });
});

describe("topolab validate, --help, --version", SLOW, () => {
  it("says a good file is valid and exits 0", () => {
    const r = topolab("validate", FLANNEL);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("valid Topolab document");
    expect(r.stdout).toContain("3 hosts, 3 containers, 3 flows");
  });

  it("exits 2 on an invalid file, with the path", () => {
    const r = topolab("validate", tempFile("v.json", doc({ hosts: [{ id: "a", cluster: "k8s", underlay: "lan" }] })));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('hosts[0].cluster: no cluster "k8s"');
    expect(r.stderr).toContain('hosts[0].underlay: no underlay "lan"');
  });

  it("prints the usage and the version", () => {
    const help = topolab("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("topolab analyze FILE [--format text|json]");
    expect(help.stdout).toContain("Exit codes:");
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(topolab("--version").stdout).toBe(`topolab ${version}\n`);
  });
});
