import { describe, expect, it } from "vitest";
import { analyze } from "../model/analyze.ts";
import { emptyDocument } from "../model/document.ts";
import { SAMPLE_DOCUMENT } from "../model/sample.ts";
import { escapeMarkdown, markdownFileName, markdownReport } from "./markdown-report.ts";

function reportOf(input: unknown) {
  const r = analyze(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return markdownReport(r.document, r.report);
}

/** The lines of the first fenced block after a heading. */
function blockAfter(markdown: string, heading: string): string[] {
  const at = markdown.indexOf(`${heading}\n`);
  expect(at, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const rest = markdown.slice(at).split("\n");
  const start = rest.findIndex((l) => l.startsWith("```"));
  const end = rest.findIndex((l, i) => i > start && l.startsWith("```"));
  return rest.slice(start + 1, end);
}

describe("the Markdown report", () => {
  const md = reportOf(SAMPLE_DOCUMENT);

  it("has the sections a review needs, in order", () => {
    const headings = md.split("\n").filter((l) => l.startsWith("## "));
    expect(headings).toEqual([
      "## Clusters",
      "## Address plan",
      "## Routes per host",
      "## Routes per container",
      "## Firewall openings",
      "## Port mappings",
      "## Flows",
      "## Diagnostics",
    ]);
    expect(md.startsWith("# Flannel VXLAN across three hosts\n")).toBe(true);
  });

  it("prints each host's routes as ip route does, under the host", () => {
    const node1 = blockAfter(md, "### node-1 (192.168.1.11)");
    expect(node1).toContain("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink");
    expect(node1).toContain("10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink");
    expect(node1).toContain("default via 192.168.1.1 dev eth0");
    expect(node1.some((l) => /^10\.244\.1\.0 dev flannel\.1 lladdr /.test(l))).toBe(true);
    const node3 = blockAfter(md, "### node-3 (192.168.1.13)");
    expect(node3).toContain("10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink");
  });

  it("lists the address plan, firewall openings, port mappings and flows with their paths", () => {
    expect(md).toMatch(/\| node-1 \| prod \| `192\.168\.1\.11` \| `10\.244\.0\.0\/24` \| web \| `10\.244\.0\.2\/24` \|/);
    expect(md).toMatch(/\| prod \| UDP \| 8472 \| hosts \| /);
    expect(md).toMatch(/\| web \| node-1 \| 80\/tcp \| `192\.168\.1\.11:8080` \| /);
    expect(md).toContain("### Internet → web, 80/tcp");
    expect(md).toMatch(/1\. \*\*Internet\*\*: sends → 192\.168\.1\.11:8080\/tcp/);
    expect(md).toContain("## Diagnostics\n\n_None._");
  });

  it("escapes user text for Markdown and HTML, everywhere it appears", () => {
    const evil = "<img src=x onerror=alert(1)>";
    const doc = {
      ...SAMPLE_DOCUMENT,
      name: evil,
      description: `${evil}\n\n# not a heading\n- not a list | not a cell`,
      hosts: SAMPLE_DOCUMENT.hosts.map((h, i) => (i === 0 ? { ...h, name: `${evil}|*x*` } : h)),
      containers: SAMPLE_DOCUMENT.containers.map((c, i) => (i === 0 ? { ...c, name: "[link](javascript:alert(1))" } : c)),
    };
    const out = reportOf(doc);
    expect(out).not.toMatch(/<img|<script|<\w/);
    expect(out.startsWith("# &lt;img src=x onerror=alert(1)&gt;\n")).toBe(true);
    expect(out).toContain("\\# not a heading");
    expect(out).toContain("\\- not a list \\| not a cell");
    expect(out).toContain("### &lt;img src=x onerror=alert(1)&gt;\\|\\*x\\* (192.168.1.11)");
    expect(out).toContain("\\[link\\](javascript:alert(1))");
    expect(out).not.toContain("[link](");
    // Every table row still has as many cells as its header.
    const rows = out.split("\n").filter((l) => l.startsWith("| ") && l.includes("node-2"));
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBeGreaterThan(3);
  });

  it("escapes the characters Markdown and HTML treat specially", () => {
    expect(escapeMarkdown("a_b*c `d` <e> & f|g [h] #i")).toBe("a\\_b\\*c \\`d\\` &lt;e&gt; &amp; f\\|g \\[h\\] \\#i");
    expect(escapeMarkdown("1. not a list")).toBe("1\\. not a list");
    expect(escapeMarkdown("line\nbreak")).toBe("line break");
  });

  it("names its file after the topology", () => {
    expect(markdownFileName(emptyDocument("Ünïcode & co"))).toBe("unicode-co.report.md");
  });
});
