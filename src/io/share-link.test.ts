import { deflateSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { type Document, parseDocument } from "../model/document.ts";
import { SAMPLE_DOCUMENT } from "../model/sample.ts";
import { encodeBase64Url } from "./base64url.ts";
import { minimiseDocument, roundLayout } from "./minimise.ts";
import {
  LINK_VERSION,
  MAX_INFLATED_BYTES,
  MAX_PAYLOAD_CHARS,
  decodeShareLink,
  encodeShareLink,
  hasShareLink,
  shareLinkJson,
  shareUrl,
} from "./share-link.ts";

function parsed(input: unknown): Document {
  const r = parseDocument(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.document;
}

const sample = parsed(SAMPLE_DOCUMENT);

/** A link holding any bytes as its compressed payload. */
const linkOf = (text: string, version = LINK_VERSION) => `#s=${version}${encodeBase64Url(deflateSync(strToU8(text), { level: 9 }))}`;

describe("share links round-trip", () => {
  it("carries the sample document in a short fragment and brings it back whole", () => {
    const link = encodeShareLink(sample);
    expect(link).toMatch(/^#s=1[A-Za-z0-9_-]+$/);
    expect(link.length).toBeLessThan(600);
    expect(decodeShareLink(link)).toEqual({ ok: true, document: sample });
  });

  it("reads a full URL, a bare fragment and a fragment among other parameters", () => {
    const payload = encodeShareLink(sample).slice(1);
    for (const input of [`https://topolab.example/app/?x=1#${payload}`, `#${payload}`, payload, `#view=dark&${payload}&z=1`]) {
      expect(decodeShareLink(input)).toEqual({ ok: true, document: sample });
    }
    expect(hasShareLink("https://topolab.example/#s=1abc")).toBe(true);
    expect(hasShareLink("https://topolab.example/#view=dark")).toBe(false);
  });

  it("tolerates a link wrapped over lines by a mail client", () => {
    const link = encodeShareLink(sample);
    const wrapped = link.replace(/(.{60})/g, "$1\n");
    expect(decodeShareLink(wrapped)).toEqual({ ok: true, document: sample });
  });

  it("builds a URL from the page's address, replacing any fragment it had", () => {
    expect(shareUrl(sample, "https://topolab.example/app/#s=1old")).toBe(`https://topolab.example/app/${encodeShareLink(sample)}`);
    expect(shareUrl(sample, "https://topolab.example/")).toBe(`https://topolab.example/${encodeShareLink(sample)}`);
  });

  it("rounds layout coordinates to whole pixels", () => {
    const doc = { ...sample, layout: { node1: { x: 10.4, y: -0.4, width: 99.6 } } };
    const back = decodeShareLink(encodeShareLink(doc));
    expect(back).toEqual({ ok: true, document: { ...sample, layout: { node1: { x: 10, y: 0, width: 100 } } } });
  });
});

describe("names are user text", () => {
  const hostile = [
    "<img src=x onerror=alert(1)>",
    "\"quoted\" \\ back\\slash </script><script>alert(1)</script>",
    "line\u2028separator\u2029and\u0000nul",
    "émoji 🚀 عربي 中文 \u202Eright-to-left",
    "#s=2&x=%41 ?a=b",
  ];

  it.each(hostile)("keeps %j unchanged through a link", (name) => {
    const doc = parsed({
      ...SAMPLE_DOCUMENT,
      name,
      description: name,
      hosts: SAMPLE_DOCUMENT.hosts.map((h) => ({ ...h, name })),
      containers: SAMPLE_DOCUMENT.containers.map((c, i) => ({ ...c, name: `${name} ${i}` })),
    });
    const link = encodeShareLink(doc);
    expect(link).toMatch(/^#s=1[A-Za-z0-9_-]+$/); // nothing of the name shows through in the URL
    const back = decodeShareLink(link);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.document.name).toBe(name);
    expect(back.document.description).toBe(name);
    expect(back.document.hosts.map((h) => h.name)).toEqual([name, name, name]);
    expect(back.document).toEqual(doc);
  });
});

describe("minimising", () => {
  it("drops what the schemas default and what parseDocument derives", () => {
    const m = minimiseDocument(sample);
    const json = JSON.stringify(m);
    // The cluster is flannel vxlan on 10.244.0.0/16 under kubernetes, IPv4: every field is a default.
    expect(m.clusters).toEqual([{ id: "k8s", name: "prod" }]);
    expect(json).not.toContain('"protocol":"tcp"');
    expect(json).not.toContain('"kernel"');
    expect(json).not.toContain('"mtu"');
    expect(json).not.toContain('"layout"');
    expect(json).not.toContain('"name":"web"'); // equal to its id
    expect(m).toHaveProperty("format", "topolab");
    expect(m).toHaveProperty("version", 1);
  });

  it("keeps every value that differs from its default", () => {
    const doc = parsed({
      ...SAMPLE_DOCUMENT,
      clusters: [{ id: "k8s", name: "prod", orchestrator: "docker", backend: { type: "flannel", mode: "host-gw", network: "10.5.0.0/16", vni: 7 } }],
      hosts: SAMPLE_DOCUMENT.hosts.map((h, i) => ({ ...h, kernel: i === 0 ? "5.15" : "6.1" })),
      flows: [{ from: "internet", to: "web", port: 80, protocol: "udp" }],
    });
    const m = minimiseDocument(doc);
    expect(m.clusters).toEqual([{ id: "k8s", name: "prod", orchestrator: "docker", backend: { type: "flannel", mode: "host-gw", network: "10.5.0.0/16", vni: 7 } }]);
    expect((m.hosts as { kernel?: string }[]).map((h) => h.kernel)).toEqual(["5.15", undefined, undefined]);
    expect(m.flows).toEqual([{ from: "internet", to: "web", port: 80, protocol: "udp" }]); // id "flow-1" is derived
    expect(parseDocument(m)).toEqual({ ok: true, document: doc });
  });

  it("never changes the document it minimises", () => {
    const before = JSON.stringify(sample);
    minimiseDocument(sample);
    shareLinkJson(sample);
    expect(JSON.stringify(sample)).toBe(before);
  });

  it("falls back to the whole document when minimising would change it", () => {
    // A name equal to the id is derived, so it is dropped; a flow id "flow-2" at position 1 likewise.
    const doc = parsed({ ...SAMPLE_DOCUMENT, flows: [{ id: "flow-2", from: "internet", to: "web", port: 80 }, { id: "flow-1", from: "web", to: "api", port: 8000 }] });
    expect(decodeShareLink(encodeShareLink(doc))).toEqual({ ok: true, document: roundLayout(doc) });
  });
});

describe("broken links say why", () => {
  const link = encodeShareLink(sample);

  it("a link cut short", () => {
    for (const cut of [link.length - 1, link.length - 7, Math.floor(link.length / 2), 12]) {
      const r = decodeShareLink(link.slice(0, cut));
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(["truncated", "corrupt"]).toContain(r.error.kind);
      expect(r.error.message).toMatch(/^This link is cut short or damaged: /);
    }
    const r = decodeShareLink(link.slice(0, Math.floor(link.length / 2)));
    expect(!r.ok && r.error.kind).toBe("truncated");
  });

  it("an empty or versionless link", () => {
    expect(decodeShareLink("#s=")).toMatchObject({ ok: false, error: { kind: "truncated" } });
    expect(decodeShareLink("#s=1")).toMatchObject({ ok: false, error: { kind: "truncated" } });
    expect(decodeShareLink("#view=1")).toMatchObject({ ok: false, error: { kind: "corrupt", message: expect.stringContaining("not a Topolab share link") } });
  });

  it("characters that are not base64url", () => {
    const r = decodeShareLink(`${link.slice(0, 20)}*${link.slice(21)}`);
    expect(r).toMatchObject({ ok: false, error: { kind: "corrupt", message: expect.stringContaining('character 17 ("*")') } });
  });

  it("a link from a newer Topolab", () => {
    expect(decodeShareLink(`#s=2${link.slice(4)}`)).toEqual({
      ok: false,
      error: { kind: "future-version", message: "This link was made by a newer Topolab (link version 2); this one reads link version 1. Open it in an up-to-date Topolab." },
    });
    const r = decodeShareLink(linkOf(JSON.stringify({ format: "topolab", version: 2 })));
    expect(r).toMatchObject({ ok: false, error: { kind: "future-version", message: expect.stringContaining("version 2 document, made by a newer Topolab") } });
  });

  it("an unknown link version that is not a future one", () => {
    expect(decodeShareLink(`#s=!${link.slice(4)}`)).toMatchObject({ ok: false, error: { kind: "corrupt" } });
  });

  it("a document that is not valid, with every problem's path", () => {
    const r = decodeShareLink(linkOf(JSON.stringify({ format: "topolab", version: 1, hosts: [{ id: "h", cluster: "nope", underlay: "lan3" }] })));
    expect(r).toMatchObject({ ok: false, error: { kind: "invalid", message: 'This link\'s document is not valid: hosts[0].cluster: no cluster "nope" (and 1 more problem).' } });
    if (r.ok) return;
    expect(r.error.errors?.map((e) => e.path)).toEqual(["hosts[0].cluster", "hosts[0].underlay"]);
  });

  it("compressed data that is not JSON, or not UTF-8", () => {
    expect(decodeShareLink(linkOf("{not json"))).toMatchObject({ ok: false, error: { kind: "corrupt", message: expect.stringContaining("not valid JSON") } });
    const badUtf8 = `#s=1${encodeBase64Url(deflateSync(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))}`;
    expect(decodeShareLink(badUtf8)).toMatchObject({ ok: false, error: { kind: "corrupt", message: expect.stringContaining("UTF-8") } });
  });

  it("a link longer than the cap is refused before it is decoded", () => {
    const r = decodeShareLink(`#s=1${"A".repeat(MAX_PAYLOAD_CHARS + 1)}`);
    expect(r).toMatchObject({ ok: false, error: { kind: "too-large", message: expect.stringContaining("too long") } });
    const huge = decodeShareLink(`#s=1${"A".repeat(50_000_000)}`);
    expect(huge).toMatchObject({ ok: false, error: { kind: "too-large" } });
  });

  it("a zip bomb stops at the output cap, quickly", () => {
    const bomb = new Uint8Array(MAX_INFLATED_BYTES + 1024 * 1024).fill(0x20); // 6 MB of spaces in an 8 KB link
    const link = `#s=1${encodeBase64Url(deflateSync(bomb, { level: 9 }))}`;
    expect(link.length).toBeLessThan(MAX_PAYLOAD_CHARS);
    const started = performance.now();
    const r = decodeShareLink(link);
    expect(performance.now() - started).toBeLessThan(2000); // ~60 ms on an idle machine
    expect(r).toMatchObject({ ok: false, error: { kind: "too-large", message: expect.stringContaining("more than 5 MB") } });
  });

  it("a document just under the cap still opens", () => {
    const name = "x".repeat(250);
    const big = parsed({
      format: "topolab", version: 1,
      underlays: [{ id: "lan", cidr: "10.0.0.0/16" }],
      clusters: [{ id: "c", backend: { type: "bridge" }, orchestrator: "docker" }],
      hosts: Array.from({ length: 200 }, (_, i) => ({ id: `h${i}`, name: name.slice(0, 200), cluster: "c", underlay: "lan" })),
    });
    expect(decodeShareLink(encodeShareLink(big))).toEqual({ ok: true, document: big });
  });
});
