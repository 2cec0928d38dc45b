/**
 * Resizing a host in a real browser, on the sample: with the mouse through its resize handle, with
 * the keyboard through the inspector's Width field and Shift+Alt+arrows; each resize one undo step,
 * kept across a reload. And the toolbar's shortcuts (Templates). Only roles, labels and visible
 * text are used.
 */
import { type Page, expect, test } from "@playwright/test";

const node = (page: Page, name: string) => page.getByRole("application", { name: "Topology canvas" }).getByRole("group", { name, exact: true });
const inspector = (page: Page) => page.getByRole("region", { name: "Inspector" });
const field = (page: Page, label: string) => inspector(page).getByLabel(label, { exact: true });

/** Selects a node by clicking its title bar (hosts are group boxes with containers inside). */
async function selectNode(page: Page, name: string) {
  await node(page, name).click({ position: { x: 60, y: 12 } });
  await expect(inspector(page)).toContainText(name.replace(/^\S+ /, ""));
}

const numberIn = async (page: Page, label: string) => Number(await field(page, label).inputValue());

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await expect(node(page, "Host node-1")).toBeVisible();
});

test("a host resizes with its handle, the inspector's fields and Shift+Alt+arrows; undo and reload agree", async ({ page }) => {
  const host = node(page, "Host node-1");
  await selectNode(page, "Host node-1");
  const width0 = await numberIn(page, "Width");
  const height0 = await numberIn(page, "Height");
  expect(width0).toBeGreaterThan(0);
  // The canvas's zoom: on-screen pixels per pixel of the document.
  const zoom = (await host.boundingBox())!.width / width0;

  // The mouse: drag the handle's corner 80 px right and 60 px down (on screen).
  const handle = host.getByRole("img", { name: "Resize host node-1" });
  await expect(handle).toBeVisible();
  const at = (await handle.boundingBox())!;
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  await page.mouse.down();
  await page.mouse.move(at.x + at.width / 2 + 40, at.y + at.height / 2 + 30, { steps: 4 });
  await page.mouse.move(at.x + at.width / 2 + 80, at.y + at.height / 2 + 60, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => numberIn(page, "Width")).toBeGreaterThan(width0);
  const width1 = await numberIn(page, "Width");
  const height1 = await numberIn(page, "Height");
  expect(Math.abs(width1 - (width0 + 80 / zoom))).toBeLessThanOrEqual(2);
  expect(Math.abs(height1 - (height0 + 60 / zoom))).toBeLessThanOrEqual(2);
  await expect(page.getByRole("status", { name: "Last action" })).toHaveText(`Host node-1 is now ${width1} × ${height1}`);

  // The keyboard, in the inspector: too small is refused beside the field, and Escape puts the value back.
  const width = field(page, "Width");
  await width.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("10");
  await expect(width).toHaveAttribute("aria-invalid", "true");
  await expect(inspector(page)).toContainText("smaller would hide what it holds");
  await page.keyboard.press("Escape");
  await expect(width).toHaveValue(String(width1));
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("420");
  await page.keyboard.press("Enter");
  await expect(width).toHaveValue("420");
  await expect.poll(async () => Math.round((await host.boundingBox())!.width / zoom)).toBe(420);

  // Shift+Alt+Right on the canvas: 8 px wider.
  await selectNode(page, "Host node-1");
  await page.keyboard.press("Shift+Alt+ArrowRight");
  await expect(width).toHaveValue("428");

  // Each resize is one undo step: the keyboard's, the field's, then the whole drag of the handle.
  const undo = page.getByRole("button", { name: "Undo" });
  await undo.click();
  await expect(width).toHaveValue("420");
  await undo.click();
  await expect(width).toHaveValue(String(width1));
  await expect(field(page, "Height")).toHaveValue(String(height1));
  await undo.click();
  await expect(width).toHaveValue(String(width0));
  await expect(field(page, "Height")).toHaveValue(String(height0));
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(width).toHaveValue(String(width1));

  // The size is in the document: a reload keeps it.
  await page.reload();
  await selectNode(page, "Host node-1");
  await expect(field(page, "Width")).toHaveValue(String(width1));
  await expect(field(page, "Height")).toHaveValue(String(height1));
});

test("the handle shows on the selected cluster or host only", async ({ page }) => {
  const resizeHandles = page.getByRole("img", { name: /^Resize / });
  await expect(resizeHandles).toHaveCount(0);
  await selectNode(page, "Cluster prod");
  await expect(resizeHandles).toHaveCount(1);
  await expect(node(page, "Cluster prod").getByRole("img", { name: "Resize cluster prod" })).toBeVisible();
  await expect(field(page, "Width")).toBeVisible();
  await node(page, "Container web").click();
  await expect(resizeHandles).toHaveCount(0);
  await expect(field(page, "Width")).toHaveCount(0);
});

test("Templates, Share and Export open from their shortcuts, shown in their tooltips", async ({ page }) => {
  const templates = page.getByRole("button", { name: "Templates", exact: true });
  await expect(templates).toHaveAttribute("title", /^Templates \((Ctrl\+Shift\+X|⇧⌘X)\)$/);
  await page.keyboard.press("ControlOrMeta+Shift+X");
  const gallery = page.getByRole("dialog", { name: "Templates" });
  await expect(gallery).toBeVisible();
  await gallery.getByRole("button", { name: "Close" }).click();
  await expect(gallery).toBeHidden();

  await page.keyboard.press("ControlOrMeta+Shift+L");
  const share = page.getByRole("dialog", { name: "Share this topology" });
  await expect(share).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(share).toBeHidden();

  await page.keyboard.press("ControlOrMeta+Shift+E");
  await expect(page.getByRole("menu", { name: "Export" }).getByRole("menuitem", { name: "PNG image" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu", { name: "Export" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Export", exact: true })).toBeFocused();
});
