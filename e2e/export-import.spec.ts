/**
 * Export and import in a real browser: the Export menu (by keyboard too), PNG and SVG pictures of
 * the whole diagram that are valid images, show the nodes and edges, and open again as the
 * scenario (Open, or a file dropped on the canvas); the Markdown report with the routes; the lab
 * script; a file that is not a valid document refused with its JSON paths. Only roles, labels and
 * visible text locate things on the page.
 */
import { readFile } from "node:fs/promises";
import { type Download, type Page, expect, test } from "@playwright/test";

const canvas = (page: Page) => page.getByRole("application", { name: "Topology canvas" });
const node = (page: Page, name: string) => canvas(page).getByRole("group", { name, exact: true });
const status = (page: Page) => page.getByRole("status", { name: "Last action" });

async function exportFile(page: Page, item: string): Promise<{ download: Download; bytes: Buffer }> {
  await page.getByRole("button", { name: "Export" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("menu", { name: "Export" }).getByRole("menuitem", { name: item }).click();
  const download = await downloading;
  return { download, bytes: await readFile((await download.path())!) };
}

async function startEmpty(page: Page) {
  await page.getByRole("button", { name: "New", exact: true }).click();
  await page.getByRole("alertdialog", { name: "Start a new topology?" }).getByRole("button", { name: "Discard and start new" }).click();
  await expect(node(page, "Host node-1")).toHaveCount(0);
}

async function openFile(page: Page, name: string, mimeType: string, buffer: Buffer) {
  const choosing = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Open" }).click();
  await (await choosing).setFiles({ name, mimeType, buffer });
}

/** Drops a file onto the canvas, as a person dragging it from their desktop would. */
async function dropFile(page: Page, name: string, mimeType: string, buffer: Buffer) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, mimeType, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: mimeType }));
      return transfer;
    },
    { name, mimeType, base64: buffer.toString("base64") },
  );
  await canvas(page).dispatchEvent("dragenter", { dataTransfer });
  await canvas(page).dispatchEvent("dragover", { dataTransfer });
  await canvas(page).dispatchEvent("drop", { dataTransfer });
}

/** The sample as the canvas shows it: every node with its computed badge. */
async function expectSample(page: Page) {
  await expect(page.getByRole("textbox", { name: "Topology name" })).toHaveValue("Flannel VXLAN across three hosts");
  await expect(node(page, "Host node-1")).toContainText("10.244.0.0/24");
  await expect(node(page, "Container db")).toContainText("10.244.2.2");
  await expect(page.getByRole("group", { name: "Flow api → db, 5432/tcp" })).toHaveCount(1);
}

const LABELS = ["Rack LAN", "Gateway", "prod", "node-1", "node-2", "node-3", "web", "api", "db", "Internet", "192.168.1.11", "10.244.2.0/24", "10.244.0.2", "MTU 1450", "80/tcp", "8000/tcp", "5432/tcp"];

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await expectSample(page);
});

test("the Export menu works from the keyboard", async ({ page }) => {
  const button = page.getByRole("button", { name: "Export" });
  await button.focus();
  await page.keyboard.press("ArrowDown");
  const menu = page.getByRole("menu", { name: "Export" });
  await expect(menu.getByRole("menuitem")).toHaveText([/^PNG image/, /^SVG image/, /^JSON document/, /^Markdown report/, /^Lab script/]);
  await expect(menu.getByRole("menuitem", { name: "PNG image" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "SVG image" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(menu.getByRole("menuitem", { name: "Lab script" })).toBeFocused();
  await page.keyboard.press("ArrowDown"); // wraps
  await expect(menu.getByRole("menuitem", { name: "PNG image" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "false");

  // Enter opens it on the first item; ArrowUp wraps to the last, then moves up; Enter chooses.
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("menuitem", { name: "PNG image" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(menu.getByRole("menuitem", { name: "Lab script" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(menu.getByRole("menuitem", { name: "Markdown report" })).toBeFocused();
  const downloading = page.waitForEvent("download");
  await page.keyboard.press("Enter");
  expect((await downloading).suggestedFilename()).toBe("flannel-vxlan-across-three-hosts.report.md");
  await expect(menu).toHaveCount(0);
});

test("PNG export: a valid image of the whole diagram, with the scenario inside", async ({ page }) => {
  const { download, bytes } = await exportFile(page, "PNG image");
  expect(download.suggestedFilename()).toBe("flannel-vxlan-across-three-hosts.png");
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect(width).toBeGreaterThan(400);
  expect(height).toBeGreaterThan(200);
  await expect(status(page)).toContainText(`(${width} × ${height} px)`);
  expect(bytes.includes(Buffer.from("iTXttopolab\0"))).toBe(true);

  // Where the flow web → api lies in the picture. The picture is the nodes' bounding box plus a
  // margin, scaled: from the nodes' boxes on screen and the picture's size, find the mapping.
  const boxes = [];
  for (const group of await canvas(page).getByRole("group").all()) {
    if (!/^(Underlay network|Router|Cluster|External endpoint) /.test((await group.getAttribute("aria-label")) ?? "")) continue;
    boxes.push((await group.boundingBox())!);
  }
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const unionW = Math.max(...boxes.map((b) => b.x + b.width)) - left;
  const unionH = Math.max(...boxes.map((b) => b.y + b.height)) - top;
  const scale = (width - height) / (unionW - unionH); // image pixels per screen pixel
  const margin = (width - unionW * scale) / 2;
  const flow = (await page.getByRole("group", { name: "Flow web → api, 8000/tcp" }).boundingBox())!;
  // (Its label, a white pill, covers the middle of this short edge: look near both ends.)
  const along = [0.06, 0.1, 0.88].map((f) => ({ x: Math.round(margin + (flow.x + flow.width * f - left) * scale), y: Math.round(margin + (flow.y + flow.height / 2 - top) * scale) }));

  // Decoded by the browser: the announced size, a drawing (not a blank), and the edge's pixels.
  const picture = await page.evaluate(
    async ({ base64, along }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const c = document.createElement("canvas");
      c.width = image.naturalWidth;
      c.height = image.naturalHeight;
      const context = c.getContext("2d")!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, c.width, c.height).data;
      const [r0, g0, b0] = data;
      const far = (i: number) => Math.abs(data[i]! - r0!) + Math.abs(data[i + 1]! - g0!) + Math.abs(data[i + 2]! - b0!);
      let inked = 0;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 7) {
        if (far(i) > 30) inked++;
        colours.add((data[i]! >> 4) * 256 + (data[i + 1]! >> 4) * 16 + (data[i + 2]! >> 4));
      }
      // The edge is a stroke ~3.5 px thick here: look a few pixels above and below each point.
      const edge = along.map(({ x, y }) => {
        let darkest = 0;
        for (let dy = -8; dy <= 8; dy++) darkest = Math.max(darkest, far(((y + dy) * c.width + x) * 4));
        return darkest;
      });
      return { width: image.naturalWidth, height: image.naturalHeight, inked: inked / (data.length / 28), colours: colours.size, edge };
    },
    { base64: bytes.toString("base64"), along },
  );
  expect(picture.width).toBe(width);
  expect(picture.height).toBe(height);
  expect(picture.inked).toBeGreaterThan(0.02); // nodes, badges and edges cover part of it
  expect(picture.inked).toBeLessThan(0.9);
  expect(picture.colours).toBeGreaterThan(20);
  for (const contrast of picture.edge) expect(contrast).toBeGreaterThan(150); // the edge's dark stroke on the light canvas

  // Opened again: the scenario comes back.
  await startEmpty(page);
  await openFile(page, download.suggestedFilename(), "image/png", bytes);
  await expectSample(page);
  await expect(status(page)).toHaveText("Opened flannel-vxlan-across-three-hosts.png: the topology inside the PNG image");
  // One undo step takes it back.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(node(page, "Host node-1")).toHaveCount(0);
});

test("SVG export: a valid SVG with every label and edge, and the scenario inside; dropping it on the canvas opens it", async ({ page }) => {
  const { download, bytes } = await exportFile(page, "SVG image");
  expect(download.suggestedFilename()).toBe("flannel-vxlan-across-three-hosts.svg");
  const svg = bytes.toString("utf8");
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const root = doc.documentElement;
    const texts = [...doc.querySelectorAll("*")].flatMap((e) => [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent!.trim())).filter(Boolean);
    const paths = [...doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path")].filter((p) => /^M/.test(p.getAttribute("d") ?? ""));
    return {
      error: doc.getElementsByTagName("parsererror").length,
      root: root.localName,
      width: Number(root.getAttribute("width")),
      height: Number(root.getAttribute("height")),
      title: doc.querySelector("title")?.textContent,
      metadata: doc.querySelector("metadata")?.textContent ?? "",
      texts,
      // Edges: drawn paths with a visible stroke; flows end in an arrow marker.
      strokedPaths: paths.filter((p) => {
        const stroke = (p as SVGPathElement).style.stroke || p.getAttribute("stroke") || "";
        return stroke !== "" && stroke !== "none";
      }).length,
      arrows: paths.filter((p) => p.getAttribute("marker-end")).length,
    };
  }, svg);
  expect(parsed.error).toBe(0);
  expect(parsed.root).toBe("svg");
  expect(parsed.width).toBeGreaterThan(400);
  expect(parsed.height).toBeGreaterThan(200);
  expect(parsed.title).toBe("Flannel VXLAN across three hosts");
  for (const label of LABELS) expect(parsed.texts, label).toContain(label);
  expect(parsed.arrows).toBe(3); // the three flows
  expect(parsed.strokedPaths).toBeGreaterThanOrEqual(3 + 4); // flows, and the links of the hosts and the router to the LAN
  expect(JSON.parse(parsed.metadata)).toMatchObject({ format: "topolab", version: 1, name: "Flannel VXLAN across three hosts" });

  // The browser renders it as an image of the announced size.
  const rendered = await page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/svg+xml;base64,${base64}`;
    await image.decode();
    return { width: image.naturalWidth, height: image.naturalHeight };
  }, bytes.toString("base64"));
  expect(rendered).toEqual({ width: parsed.width, height: parsed.height });

  await startEmpty(page);
  await dropFile(page, download.suggestedFilename(), "image/svg+xml", bytes);
  await expectSample(page);
});

test("JSON and Markdown report: the routes are in the report", async ({ page }) => {
  const json = await exportFile(page, "JSON document");
  expect(json.download.suggestedFilename()).toBe("flannel-vxlan-across-three-hosts.topolab.json");
  expect(JSON.parse(json.bytes.toString("utf8"))).toMatchObject({ format: "topolab", name: "Flannel VXLAN across three hosts" });

  const { download, bytes } = await exportFile(page, "Markdown report");
  expect(download.suggestedFilename()).toBe("flannel-vxlan-across-three-hosts.report.md");
  const md = bytes.toString("utf8");
  expect(md.startsWith("# Flannel VXLAN across three hosts\n")).toBe(true);
  const node1 = md.slice(md.indexOf("### node-1 (192.168.1.11)"), md.indexOf("### node-2"));
  expect(node1).toContain("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink");
  expect(node1).toContain("10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink");
  expect(md).toContain("## Firewall openings");
  expect(md).toContain("### Internet → web, 80/tcp");
});

test("Lab script: the lab generator's bash script", async ({ page }) => {
  const { download, bytes } = await exportFile(page, "Lab script");
  expect(download.suggestedFilename()).toBe("flannel-vxlan-across-three-hosts.lab.sh");
  const script = bytes.toString("utf8");
  expect(script.startsWith("#!/usr/bin/env bash\n")).toBe(true);
  expect(script).toContain("require_root");
});

test("a file that is not a valid document is refused with every problem's path, and nothing changes", async ({ page }) => {
  // A PNG that carries an invalid document: the same paths as a JSON file.
  const { bytes } = await exportFile(page, "PNG image");
  await openFile(page, "plain.svg", "image/svg+xml", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>'));
  const problem = page.getByRole("alertdialog", { name: "plain.svg cannot be opened" });
  await expect(problem).toContainText("This SVG image cannot be opened: it holds no Topolab document");
  await problem.getByRole("button", { name: "Close" }).click();

  await dropFile(page, "broken.json", "application/json", Buffer.from(JSON.stringify({ format: "topolab", version: 1, hosts: [{ id: "h", cluster: "nope", underlay: "lan3" }] })));
  const invalid = page.getByRole("alertdialog", { name: "broken.json is not a valid Topolab document" });
  await expect(invalid.getByRole("list", { name: "Problems" }).getByRole("listitem")).toHaveText(['hosts[0].cluster: no cluster "nope"', 'hosts[0].underlay: no underlay "lan3"']);
  await invalid.getByRole("button", { name: "Close" }).click();

  const damaged = Buffer.from(bytes);
  damaged[40] = damaged[40]! ^ 0xff; // inside the document's chunk
  await openFile(page, "damaged.png", "image/png", damaged);
  await expect(page.getByRole("alertdialog", { name: "damaged.png cannot be opened" })).toContainText("CRC mismatch");
  await page.getByRole("alertdialog").getByRole("button", { name: "Close" }).click();
  await expectSample(page);
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
});
