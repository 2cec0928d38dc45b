/**
 * The canvas editor's whole journey, as a user makes it, in a real browser: from an empty document
 * to a flannel VXLAN cluster of two hosts built with the palette (drag and drop, and one placement
 * with the keyboard alone), its subnets on the canvas and its routes; Calico instead, and its
 * routes; a pool overlapping the LAN, diagnosed and highlighted; undo to a clean report; a reload
 * that finds the work again. Only roles, accessible names and visible text are used.
 */
import { type Locator, type Page, expect, test } from "@playwright/test";
import { settled } from "./settled.ts";

const canvas = (page: Page) => page.getByRole("application", { name: "Topology canvas" });
/** A node on the canvas, by its accessible name ("Host node-1"). */
const node = (page: Page, name: string) => canvas(page).getByRole("group", { name, exact: true });
const paletteItem = (page: Page, name: string) => page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name, exact: true });
const inspector = (page: Page) => page.getByRole("region", { name: "Inspector" });
const field = (page: Page, label: string) => inspector(page).getByLabel(label, { exact: true });
const tab = (page: Page, name: string) => page.getByRole("tab", { name, exact: true });
const panel = (page: Page) => page.getByRole("tabpanel");
const lastAction = (page: Page) => page.getByRole("status", { name: "Last action" });
const errorCount = (page: Page) => page.getByRole("group", { name: "Diagnostics" }).getByRole("button", { name: /^\d+ errors?$/ });

/** Presses `key` (Tab or Shift+Tab) until `target` has the focus: the keyboard's way of getting somewhere. */
async function keyTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab") {
  for (let i = 0; i < 40 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press(key);
  await expect(target).toBeFocused();
}

/**
 * Waits until a node just added is in full view and the canvas has stopped moving: the editor pans
 * to a new node out of view (shortly after adding it, animated), and a drag aimed before the pan
 * would land elsewhere.
 */
async function whenShown(target: Locator) {
  await expect(target).toBeInViewport({ ratio: 1 });
  await settled(target, 100);
}

/** Selects a node by clicking its title bar (clusters and hosts are group boxes with children); the inspector shows it. */
async function select(page: Page, name: string) {
  await node(page, name).click({ position: { x: 60, y: 12 } });
  await expect(field(page, "Name")).toHaveValue(name.replace(/^\S+ /, ""));
}

test("from an empty document to two hosts on flannel, then Calico, a diagnosed pool overlap, undo, and a reload", async ({ page }) => {
  // An empty document.
  await page.goto("/");
  await page.getByRole("button", { name: "New", exact: true }).click();
  await page.getByRole("alertdialog", { name: "Start a new topology?" }).getByRole("button", { name: "Discard and start new" }).click();
  await expect(canvas(page).getByRole("group")).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Topology name" })).toHaveValue("Untitled topology");

  // Drag an underlay to the top of the canvas and a cluster to its middle.
  const area = (await canvas(page).boundingBox())!;
  await paletteItem(page, "Underlay network").dragTo(canvas(page), { targetPosition: { x: area.width / 2, y: 60 } });
  await expect(node(page, "Underlay network lan-1")).toContainText("192.168.1.0/24");
  await paletteItem(page, "Cluster").dragTo(canvas(page), { targetPosition: { x: area.width / 2, y: area.height / 2 } });
  await expect(node(page, "Cluster cluster-1")).toContainText("flannel · vxlan");

  // A host dragged into the cluster.
  await paletteItem(page, "Host").dragTo(node(page, "Cluster cluster-1"), { targetPosition: { x: 60, y: 60 } });
  await expect(lastAction(page)).toHaveText("Added host node-1 in cluster-1");
  await expect(node(page, "Host node-1")).toContainText("192.168.1.2");

  // The second host with the keyboard alone: Tab to the cluster, Enter selects it; back to the palette, Space adds a host to it.
  await keyTo(page, node(page, "Cluster cluster-1"), "Tab");
  await page.keyboard.press("Enter");
  await expect(field(page, "Name")).toHaveValue("cluster-1");
  await keyTo(page, paletteItem(page, "Host"), "Shift+Tab");
  await page.keyboard.press("Space");
  await expect(lastAction(page)).toHaveText("Added host node-2 in cluster-1");
  await expect(node(page, "Host node-2")).toContainText("192.168.1.3");
  await whenShown(node(page, "Host node-2"));

  // A container dragged into each host, with the whole design in view.
  await canvas(page).getByRole("button", { name: "Fit View" }).click();
  await paletteItem(page, "Container").dragTo(node(page, "Host node-1"));
  await expect(lastAction(page)).toHaveText("Added container app-1 in node-1");
  await whenShown(node(page, "Container app-1"));
  await paletteItem(page, "Container").dragTo(node(page, "Host node-2"));
  await expect(lastAction(page)).toHaveText("Added container app-2 in node-2");
  await whenShown(node(page, "Container app-2"));

  // flannel VXLAN (a new cluster's backend): each host's subnet of 10.244.0.0/16 on the canvas, in host order.
  await select(page, "Cluster cluster-1");
  await expect(field(page, "Backend")).toHaveValue("flannel");
  await expect(field(page, "Mode")).toHaveValue("vxlan");
  await expect(field(page, "Network")).toHaveValue("10.244.0.0/16");
  await expect(node(page, "Host node-1")).toContainText("10.244.0.0/24");
  await expect(node(page, "Host node-2")).toContainText("10.244.1.0/24");
  await expect(node(page, "Container app-1")).toContainText("10.244.0.2");
  await expect(node(page, "Container app-2")).toContainText("10.244.1.2");

  // node-1's routing table: its own subnet on the bridge, node-2's through the VXLAN device.
  await select(page, "Host node-1");
  await tab(page, "Routes").click();
  const routes = panel(page).getByRole("list", { name: "Routing table of node-1" });
  await expect(routes.getByRole("listitem")).toHaveText([
    "default via 192.168.1.1 dev eth0",
    "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.2",
    "10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1",
    "10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink",
  ]);

  // Calico instead: IPIP by default, a pool clear of the LAN (172.16.0.0/16), /26 blocks, routes over tunl0 learnt by BIRD.
  await select(page, "Cluster cluster-1");
  await field(page, "Backend").selectOption({ label: "Calico" });
  await expect(field(page, "Mode")).toHaveValue("ipip");
  await expect(node(page, "Cluster cluster-1")).toContainText("Calico · ipip");
  await expect(node(page, "Cluster cluster-1")).toContainText("MTU 1480");
  await expect(node(page, "Host node-1")).toContainText("172.16.0.0/26");
  await expect(node(page, "Host node-2")).toContainText("172.16.0.64/26");
  // The Routes tab still shows node-1 (the last host selected): its block is a blackhole, node-2's goes over IPIP.
  await expect(routes.getByText("172.16.0.64/26 via 192.168.1.3 dev tunl0 proto bird onlink", { exact: true })).toBeVisible();
  await expect(routes.getByText("blackhole 172.16.0.0/26 proto bird", { exact: true })).toBeVisible();
  await expect(routes).not.toContainText("flannel.1");
  await expect(routes).not.toContainText("10.244.");

  // Calico's manifest default pool, 192.168.0.0/16, holds the LAN: an error, shown by the toolbar and the Diagnostics tab.
  await expect(errorCount(page)).toHaveAccessibleName("0 errors");
  await field(page, "Pool CIDR").fill("192.168.0.0/16");
  await field(page, "Pool CIDR").press("Enter");
  await expect(errorCount(page)).toHaveAccessibleName("1 error");
  await expect(node(page, "Cluster cluster-1").getByRole("img", { name: /^1 error: .*overlaps underlay "lan-1"/ })).toBeVisible();
  await tab(page, "Diagnostics").click();
  const overlap = panel(page).getByRole("list", { name: "Diagnostics" }).getByRole("button").filter({ hasText: "POOL_OVERLAPS_UNDERLAY" });
  await expect(overlap).toContainText("Error");
  await expect(overlap).toContainText('Cluster "cluster-1"\'s container pool 192.168.0.0/16 overlaps underlay "lan-1"');

  // Choosing the diagnostic highlights the cluster and the LAN on the canvas, and nothing else.
  await overlap.click();
  await expect(overlap).toHaveAttribute("aria-pressed", "true");
  await expect(node(page, "Cluster cluster-1")).toHaveAccessibleDescription(/^highlighted/);
  await expect(node(page, "Underlay network lan-1")).toHaveAccessibleDescription(/^highlighted/);
  await expect(node(page, "Host node-1")).not.toHaveAccessibleDescription(/highlighted/);
  await expect(node(page, "Container app-2")).not.toHaveAccessibleDescription(/highlighted/);

  // Undo takes the pool back: a clean report.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(errorCount(page)).toHaveAccessibleName("0 errors");
  await expect(errorCount(page)).toBeDisabled();
  await expect(panel(page)).toContainText("No diagnostics: this design works as drawn.");
  await expect(node(page, "Cluster cluster-1").getByRole("img", { name: /error/ })).toHaveCount(0);
  await expect(node(page, "Host node-2")).toContainText("172.16.0.64/26");

  // A reload finds the work as it was left: Calico, both hosts, both containers.
  await page.reload();
  await expect(node(page, "Host node-1")).toContainText("172.16.0.0/26");
  await expect(node(page, "Host node-2")).toContainText("172.16.0.64/26");
  await expect(node(page, "Container app-1")).toContainText("172.16.0.1");
  await expect(node(page, "Container app-2")).toContainText("172.16.0.65");
  await expect(node(page, "Underlay network lan-1")).toContainText("192.168.1.0/24");
  await select(page, "Cluster cluster-1");
  await expect(field(page, "Backend")).toHaveValue("calico");
  await expect(field(page, "Pool CIDR")).toHaveValue("");
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
});
