/**
 * User text is text: a name like `<img src=x onerror=alert(1)>` shows as text on the canvas, is
 * escaped in the SVG export and the Markdown report, survives a share link, and never runs (no
 * dialog, no page error, no injected element).
 */
import { readFile } from "node:fs/promises";
import { type Page, expect, test } from "@playwright/test";

const EVIL = "<img src=x onerror=alert(1)>";
const EVIL_HOST = '"><svg onload=alert(2)>';

const doc = {
  format: "topolab",
  version: 1,
  name: EVIL,
  description: `${EVIL} <script>alert(3)</script>`,
  underlays: [{ id: "lan", name: "LAN", cidr: "192.168.1.0/24" }],
  clusters: [{ id: "k8s", name: "prod", backend: { type: "flannel", mode: "vxlan", network: "10.244.0.0/16" } }],
  hosts: [
    { id: "h1", name: EVIL_HOST, cluster: "k8s", underlay: "lan" },
    { id: "h2", name: "node-2", cluster: "k8s", underlay: "lan" },
  ],
  containers: [
    { id: "c1", name: EVIL, host: "h1", ports: [{ port: 80 }] },
    { id: "c2", name: "api", host: "h2", ports: [{ port: 8000 }] },
  ],
  flows: [{ from: "c1", to: "c2", port: 8000 }],
};

const canvas = (page: Page) => page.getByRole("application", { name: "Topology canvas" });

/** Fails the test on any alert() or script error in the page. */
function guard(page: Page) {
  const ran: string[] = [];
  page.on("dialog", (d) => {
    ran.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on("pageerror", (e) => ran.push(`error: ${e.message}`));
  return ran;
}

const injected = (page: Page) => page.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload], script:not([src]):not([type])').length);

async function exportFile(page: Page, item: string) {
  await page.getByRole("button", { name: "Export" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: item }).click();
  return (await readFile((await (await downloading).path())!)).toString("utf8");
}

test("a name made of markup is shown, exported and shared as text, and never runs", async ({ page, browser }) => {
  const ran = guard(page);
  await page.goto("/");
  const choosing = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Open" }).click();
  await (await choosing).setFiles({ name: "evil.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(doc)) });

  await expect(page.getByRole("textbox", { name: "Topology name" })).toHaveValue(EVIL);
  await expect(canvas(page).getByRole("group", { name: `Container ${EVIL}`, exact: true })).toContainText(EVIL);
  await expect(canvas(page).getByRole("group", { name: `Host ${EVIL_HOST}`, exact: true })).toContainText(EVIL_HOST);
  await expect(page.getByRole("group", { name: `Flow ${EVIL} → api, 8000/tcp` })).toHaveCount(1);

  // SVG: escaped in the file, the same text once parsed.
  const svg = await exportFile(page, "SVG image");
  expect(svg).not.toContain("<img");
  expect(svg).not.toContain("<svg onload");
  expect(svg).not.toContain("<script");
  expect(svg).toContain("&lt;img src=x onerror=alert(1)&gt;");
  const texts = await page.evaluate((text) => {
    const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      error: parsed.getElementsByTagName("parsererror").length,
      title: parsed.querySelector("title")?.textContent,
      elements: [...parsed.querySelectorAll("*")].map((e) => e.localName).filter((n) => n === "img" || n === "script" || n === "iframe"),
      text: parsed.documentElement.textContent,
    };
  }, svg);
  expect(texts.error).toBe(0);
  expect(texts.title).toBe(EVIL);
  expect(texts.elements).toEqual([]);
  expect(texts.text).toContain(EVIL);
  expect(texts.text).toContain(EVIL_HOST);

  // Markdown: escaped for Markdown and HTML.
  const md = await exportFile(page, "Markdown report");
  expect(md).not.toMatch(/<(img|svg|script)/);
  expect(md).toContain("# &lt;img src=x onerror=alert(1)&gt;");
  expect(md).toContain("&lt;script&gt;alert(3)&lt;/script&gt;");

  // A share link round trip, in a fresh browser.
  await page.getByRole("button", { name: "Share" }).click();
  const link = await page.getByRole("dialog", { name: "Share this topology" }).getByRole("textbox", { name: "Share link" }).inputValue();
  await page.getByRole("dialog", { name: "Share this topology" }).getByRole("button", { name: "Close" }).click();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const ranThere = guard(other);
  await other.goto(link);
  await expect(other.getByRole("region", { name: "Shared scenario" })).toContainText(`You are viewing a shared scenario: ${EVIL}`);
  await expect(canvas(other).getByRole("group", { name: `Container ${EVIL}`, exact: true })).toContainText(EVIL);
  await expect(other.getByRole("region", { name: "Inspector" }).getByLabel("Description", { exact: true })).toHaveValue(doc.description);
  await other.waitForTimeout(300);
  expect(await injected(other)).toBe(0);
  expect(ranThere).toEqual([]);
  await fresh.close();

  expect(await injected(page)).toBe(0);
  expect(ran).toEqual([]);
});
