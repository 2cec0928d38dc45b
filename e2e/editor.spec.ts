/**
 * The canvas editor in a real browser: building a design with the palette (keyboard and drag and
 * drop), undo/redo, autosave across a reload, keyboard shortcuts, dragging between parents, files
 * and the theme. Only roles, accessible names and visible text are used.
 */
import { readFile } from "node:fs/promises";
import { type Page, expect, test } from "@playwright/test";

/** A node on the canvas, by its accessible name ("Host node-1"). */
const node = (page: Page, name: string) => page.getByRole("group", { name, exact: true });
const paletteItem = (page: Page, name: string) => page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name, exact: true });

async function startEmpty(page: Page) {
  await page.goto("/");
  await page.getByRole("button", { name: "New", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Start a new topology?" });
  await confirm.getByRole("button", { name: "Discard and start new" }).click();
  await expect(page.getByRole("group", { name: /^(Host|Cluster|Underlay network) / })).toHaveCount(0);
}

test("builds a design from nothing with the palette, undoes it, and finds it again after a reload", async ({ page }) => {
  await startEmpty(page);
  // Keyboard activation adds to the selection (each new object is selected).
  await paletteItem(page, "Underlay network").press("Enter");
  await paletteItem(page, "Cluster").press("Enter");
  await paletteItem(page, "Host").press("Enter");
  await paletteItem(page, "Container").press("Enter");
  await paletteItem(page, "Host").press("Enter");
  // A real drag and drop: a container dropped onto the second host goes into it.
  await paletteItem(page, "Container").dragTo(node(page, "Host node-2"));

  await expect(node(page, "Underlay network lan-1")).toContainText("192.168.1.0/24");
  await expect(node(page, "Cluster cluster-1")).toContainText("MTU 1450");
  await expect(node(page, "Host node-1")).toContainText("10.244.0.0/24");
  await expect(node(page, "Host node-2")).toContainText("10.244.1.0/24");
  await expect(node(page, "Container app-1")).toContainText("10.244.0.2");
  await expect(node(page, "Container app-2")).toContainText("10.244.1.2");

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(node(page, "Container app-2")).toHaveCount(0);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(node(page, "Container app-2")).toContainText("10.244.1.2");
  await page.keyboard.press("ControlOrMeta+z");
  await expect(node(page, "Container app-2")).toHaveCount(0);
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(node(page, "Container app-2")).toBeVisible();

  await page.reload();
  await expect(node(page, "Host node-1")).toContainText("10.244.0.0/24");
  await expect(node(page, "Host node-2")).toContainText("10.244.1.0/24");
  await expect(node(page, "Container app-2")).toContainText("10.244.1.2");
  // Restoring is not an edit: nothing to undo after a reload.
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
});

test("places a container and draws a flow with the keyboard alone", async ({ page }) => {
  await page.goto("/");
  const host = node(page, "Host node-3");
  await expect(host).toBeVisible();
  // Tab onto the host, Enter selects it …
  for (let i = 0; i < 60 && !(await host.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(host).toBeFocused();
  await page.keyboard.press("Enter");
  // … back to the palette, and Enter adds a container to it.
  const item = paletteItem(page, "Container");
  for (let i = 0; i < 60 && !(await item.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Shift+Tab");
  await expect(item).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status", { name: "Last action" })).toHaveText("Added container app-1 in node-3");
  await expect(node(page, "Container app-1")).toContainText("10.244.2.3");
  // Delete removes the selection (the new container), Ctrl+Z brings it back.
  await page.keyboard.press("Delete");
  await expect(node(page, "Container app-1")).toHaveCount(0);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(node(page, "Container app-1")).toBeVisible();

  // F starts a flow from the selected container (undo re-selected nothing: select app-1 again with Tab + Enter).
  const tabTo = async (target: ReturnType<typeof node>) => {
    for (let i = 0; i < 60 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(target).toBeFocused();
  };
  await tabTo(node(page, "Container app-1"));
  await page.keyboard.press("Enter");
  await page.keyboard.press("f");
  await expect(page.getByRole("status", { name: "Last action" })).toHaveText(/^Drawing a flow from app-1/);
  await page.keyboard.press("Shift+Tab"); // db comes before app-1 in node-3
  await expect(node(page, "Container db")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status", { name: "Last action" })).toHaveText("Added flow app-1 → db on 5432/tcp");
  await expect(page.getByRole("group", { name: "Flow app-1 → db, 5432/tcp" })).toHaveCount(1);
});

test("duplicates, deletes, copies, pastes and nudges with the keyboard", async ({ page }) => {
  await page.goto("/");
  await node(page, "Host node-1").click({ position: { x: 40, y: 12 } });
  await page.keyboard.press("ControlOrMeta+d");
  // The copy takes its container along, with fresh names and addresses.
  await expect(node(page, "Host node-4")).toContainText("10.244.3.0/24");
  await expect(node(page, "Container web-1")).toContainText("10.244.3.2");
  await page.keyboard.press("Delete");
  await expect(node(page, "Host node-4")).toHaveCount(0);
  await expect(node(page, "Container web-1")).toHaveCount(0);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(node(page, "Host node-4")).toBeVisible();

  await node(page, "Container db").click();
  await page.keyboard.press("ControlOrMeta+c");
  await page.keyboard.press("ControlOrMeta+v");
  await expect(node(page, "Container db-1")).toContainText("10.244.2.3");

  const pasted = node(page, "Container db-1");
  const before = await pasted.boundingBox();
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("ArrowRight");
  await expect.poll(async () => (await pasted.boundingBox())!.y).toBeGreaterThan(before!.y + 10);
  expect((await pasted.boundingBox())!.x).toBeGreaterThan(before!.x);
  // One nudge is one step.
  await page.keyboard.press("ControlOrMeta+z");
  await page.keyboard.press("ControlOrMeta+z");
  await expect.poll(async () => (await pasted.boundingBox())!.y).toBeCloseTo(before!.y, 0);

  await page.keyboard.press("Escape");
  await page.keyboard.press("Delete"); // nothing selected: nothing happens
  await expect(node(page, "Container db-1")).toBeVisible();
});

test("dragging a container into another host moves it there, as one undo step; connecting two containers draws a flow", async ({ page }) => {
  await page.goto("/");
  const web = node(page, "Container web");
  await expect(web).toContainText("10.244.0.2");
  const from = (await web.boundingBox())!;
  const to = (await node(page, "Host node-3").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height - 12, { steps: 15 });
  await page.mouse.up();
  await expect(web).toContainText(/10\.244\.2\.\d+/); // now an address of node-3's subnet
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(web).toContainText("10.244.0.2");
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();

  // From web's right edge (flows leave there) to db's left edge (flows arrive there).
  const a = (await web.boundingBox())!;
  const b = (await node(page, "Container db").boundingBox())!;
  await web.hover();
  await page.mouse.move(a.x + a.width - 1, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + 4, b.y + b.height / 2, { steps: 12 });
  await page.mouse.move(b.x + 1, b.y + b.height / 2, { steps: 2 });
  await page.mouse.up();
  // (A horizontal edge has no height, so "visible" does not apply: it is there, and the status says so.)
  await expect(page.getByRole("group", { name: "Flow web → db, 5432/tcp" })).toHaveCount(1);
  await expect(page.getByRole("status", { name: "Last action" })).toHaveText("Added flow web → db on 5432/tcp");
});

test("saves the document as JSON, refuses a broken file with the problems' paths, opens a good one", async ({ page }) => {
  await page.goto("/");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Save" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("flannel-vxlan-across-three-hosts.topolab.json");
  const saved = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(saved).toMatchObject({ format: "topolab", version: 1, name: "Flannel VXLAN across three hosts" });

  const open = async (name: string, content: string) => {
    const choosing = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Open" }).click();
    await (await choosing).setFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
  };
  await open("broken.json", JSON.stringify({ format: "topolab", version: 1, hosts: [{ id: "h", cluster: "nope", underlay: "lan3" }] }));
  const problems = page.getByRole("alertdialog", { name: "broken.json is not a valid Topolab document" });
  await expect(problems.getByRole("listitem")).toHaveText(['hosts[0].cluster: no cluster "nope"', 'hosts[0].underlay: no underlay "lan3"']);
  await problems.getByRole("button", { name: "Close" }).click();
  await expect(node(page, "Host node-1")).toBeVisible(); // the open work is untouched

  await open("renamed.json", JSON.stringify({ ...saved, name: "Opened from a file", containers: [], flows: [] }));
  await expect(page.getByRole("textbox", { name: "Topology name" })).toHaveValue("Opened from a file");
  await expect(node(page, "Container web")).toHaveCount(0);
  await expect(node(page, "Host node-1")).toContainText("10.244.0.0/24");
});

test("marks the nodes a diagnostic names, and the error count highlights them", async ({ page }) => {
  await page.goto("/");
  // An underlay inside the cluster's pool: the overlay and the LAN collide.
  const clash = {
    format: "topolab",
    version: 1,
    name: "Pool clash",
    underlays: [{ id: "lan", name: "Pool-clash LAN", cidr: "10.244.0.0/24" }],
    clusters: [{ id: "k8s", name: "prod", backend: { type: "flannel", mode: "vxlan", network: "10.244.0.0/16" } }],
    hosts: [{ id: "n1", name: "node-1", cluster: "k8s", underlay: "lan" }],
  };
  const choosing = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Open" }).click();
  await (await choosing).setFiles({ name: "clash.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(clash)) });
  const errors = page.getByRole("button", { name: /^\d+ errors?$/ });
  await expect(errors).toBeEnabled();
  await expect(node(page, "Underlay network Pool-clash LAN").getByRole("img", { name: /^\d+ errors?: / })).toBeVisible();
  await errors.click();
  await expect(errors).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("tab", { name: "Diagnostics" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Escape"); // clears the highlight
  await expect(errors).toHaveAttribute("aria-pressed", "false");
});

test("New asks before discarding work; Cancel keeps it", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "New", exact: true }).click();
  await page.getByRole("alertdialog", { name: "Start a new topology?" }).getByRole("button", { name: "Cancel" }).click();
  await expect(node(page, "Host node-1")).toBeVisible();
});

test.describe("theme", () => {
  test.use({ colorScheme: "dark" });
  test("follows the system, switches, and remembers the choice", async ({ page }) => {
    await page.goto("/");
    const theme = page.getByRole("button", { name: "Theme" });
    await expect(theme).toHaveAccessibleDescription(/dark now/);
    await theme.click();
    await expect(theme).toHaveAccessibleDescription(/light now/);
    await page.reload();
    await expect(page.getByRole("button", { name: "Theme" })).toHaveAccessibleDescription(/light now/);
  });
});
