/**
 * What a first-time user tripped over on the canvas, in a real browser: a flow drawn with the mouse
 * lands when let go anywhere on the target container (not only on its small handle), and a drop on
 * nothing says where to drop; the keyboard's way to draw a flow ("F") is told by the palette and by
 * the containers' description; a cluster's header shows its facts in full; adding things keeps the
 * drawing in view; a click on the empty canvas (or leaving the Flows tab) puts a packet trace's
 * highlight away. Only roles, accessible names, descriptions and visible text are used.
 */
import { type Locator, type Page, expect, test } from "@playwright/test";
import { settled } from "./settled.ts";

const canvas = (page: Page) => page.getByRole("application", { name: "Topology canvas" });
const node = (page: Page, name: string) => canvas(page).getByRole("group", { name, exact: true });
const palette = (page: Page) => page.getByRole("navigation", { name: "Palette" });
const lastAction = (page: Page) => page.getByRole("status", { name: "Last action" });
const flowEdge = (page: Page, name: string | RegExp) => page.getByRole("group", { name });

/** A point of the canvas with no node under it: left of the underlay, above the endpoints' column. */
async function emptySpot(page: Page) {
  const lan = (await node(page, "Underlay network Rack LAN").boundingBox())!;
  const internet = (await node(page, "External endpoint Internet").boundingBox())!;
  return { x: internet.x + internet.width / 2, y: lan.y + lan.height / 2 };
}

/** Presses the mouse on a container's right handle (where flows leave), moves to `to` in steps, lets go. */
async function dragFlow(page: Page, from: Locator, to: { x: number; y: number }) {
  const a = (await from.boundingBox())!;
  await from.hover();
  await page.mouse.move(a.x + a.width - 1, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

test("a flow drawn with the mouse lands anywhere on the target container; a drop on nothing says where to drop", async ({ page }) => {
  await page.goto("/");
  const web = node(page, "Container web");
  const db = node(page, "Container db");
  await expect(db).toBeVisible();

  // Let go in the middle of db's card, far from its left handle.
  const b = (await db.boundingBox())!;
  await dragFlow(page, web, { x: b.x + b.width / 2, y: b.y + b.height / 2 });
  await expect(lastAction(page)).toHaveText("Added flow web → db on 5432/tcp");
  await expect(flowEdge(page, "Flow web → db, 5432/tcp")).toHaveCount(1);

  // Let go on the empty canvas: nothing is drawn, and the status line says where to drop.
  await dragFlow(page, db, await emptySpot(page));
  await expect(lastAction(page)).toHaveText("Drop on a container to draw a flow");
  await expect(flowEdge(page, /^Flow db → /)).toHaveCount(0);
});

test("the palette and the containers tell how to draw a flow from the keyboard; its banner says what to do next", async ({ page }) => {
  await page.goto("/");
  await expect(palette(page)).toContainText("Connect a container’s right handle to another container — or select it and press F — to draw a flow.");
  await expect(node(page, "Container web")).toHaveAccessibleDescription(/^Select it and press F to draw a flow from it\./);
  await expect(node(page, "External endpoint Internet")).toHaveAccessibleDescription(/press F to draw a flow/);
  await expect(node(page, "Host node-1")).not.toHaveAccessibleDescription(/press F/);

  await node(page, "Container web").click();
  await page.keyboard.press("f");
  // Said to screen readers once (the live region), shown once (the banner, with its way out).
  await expect(lastAction(page)).toHaveText(/^Drawing a flow from web/);
  await expect(page.getByText("select the container it goes to", { exact: false }).first()).toBeVisible();
  await page.getByRole("button", { name: "Cancel flow" }).click();
  await expect(lastAction(page)).toHaveText("No flow drawn");
});

test("a new cluster's header shows its facts in full", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "New", exact: true }).click();
  await page.getByRole("alertdialog", { name: "Start a new topology?" }).getByRole("button", { name: "Discard and start new" }).click();
  await palette(page).getByRole("button", { name: "Cluster", exact: true }).click();
  const cluster = node(page, "Cluster cluster-1");
  await expect(cluster).toContainText("UDP 8472");
  await settled(cluster);
  const box = (await cluster.boundingBox())!;
  for (const text of ["flannel · vxlan", "MTU 1450", "10.244.0.0/16", /^UDP.8472$/]) {
    const chip = (await cluster.getByText(text, { exact: true }).boundingBox())!;
    expect(chip.x).toBeGreaterThanOrEqual(box.x);
    expect(chip.x + chip.width).toBeLessThanOrEqual(box.x + box.width);
  }
  // Everything, whatever the width, in the chips' tooltip.
  await expect(cluster.getByTitle(/^flannel · vxlan · MTU 1450 · 10\.244\.0\.0\/16 · UDP.8472$/)).toHaveCount(1);
});

test.describe("on a 1440 × 900 screen", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("adding hosts keeps the drawing in view", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "New", exact: true }).click();
    await page.getByRole("alertdialog", { name: "Start a new topology?" }).getByRole("button", { name: "Discard and start new" }).click();
    await palette(page).getByRole("button", { name: "Underlay network", exact: true }).click();
    await palette(page).getByRole("button", { name: "Cluster", exact: true }).click();
    for (const name of ["node-1", "node-2", "node-3", "node-4"]) {
      await palette(page).getByRole("button", { name: "Host", exact: true }).click();
      await expect(lastAction(page)).toHaveText(`Added host ${name} in cluster-1`);
      await settled(node(page, `Host ${name}`));
      // The new host, and the rest of the drawing with it: it all fits at a readable zoom.
      for (const other of [`Host ${name}`, "Host node-1", "Underlay network lan-1", "Cluster cluster-1"]) {
        await expect(node(page, other)).toBeInViewport({ ratio: 0.99 });
      }
    }
  });
});

test("a click on the empty canvas, or leaving the Flows tab, puts a packet trace's highlight away", async ({ page }) => {
  await page.goto("/");
  await expect(node(page, "Host node-1")).toBeVisible();
  const flows = page.getByRole("tab", { name: "Flows", exact: true });
  const trace = async () => {
    await flows.click();
    await page.getByRole("tabpanel").getByRole("button", { name: /web → api/ }).click();
    await expect(node(page, "Container web")).toHaveAccessibleDescription(/^current hop/);
    await expect(node(page, "Host node-1")).toHaveAccessibleDescription(/^highlighted/);
  };
  const expectNoHighlight = async () => {
    for (const name of ["Container web", "Host node-1", "Underlay network Rack LAN", "Container api"]) {
      await expect(node(page, name)).not.toHaveAccessibleDescription(/highlighted|current hop/);
    }
    await expect(node(page, "Container web")).not.toHaveAttribute("aria-current");
  };

  await trace();
  await settled(node(page, "Container web"));
  const spot = await emptySpot(page);
  await page.mouse.click(spot.x, spot.y);
  await expectNoHighlight();
  await expect(page.getByRole("tabpanel").getByRole("group", { name: /^Packet tracer/ })).toHaveCount(0);

  await trace();
  await page.getByRole("tab", { name: "Addresses", exact: true }).click();
  await expectNoHighlight();
});
