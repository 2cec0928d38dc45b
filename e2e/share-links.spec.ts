/**
 * Share links in a real browser: the Share dialog, a link opened in a fresh browser (same report),
 * a link opened over autosaved work (the work is safe: Back, Keep as a copy, Replace), and broken
 * links (a message naming what is wrong, the work untouched, the hash gone). Only roles, labels and
 * visible text are used.
 */
import { deflateRawSync } from "node:zlib";
import { type Page, expect, test } from "@playwright/test";

const canvas = (page: Page) => page.getByRole("application", { name: "Topology canvas" });
const node = (page: Page, name: string) => canvas(page).getByRole("group", { name, exact: true });
const topologyName = (page: Page) => page.getByRole("textbox", { name: "Topology name" });
const sharedBanner = (page: Page) => page.getByRole("region", { name: "Shared scenario" });

async function rename(page: Page, name: string) {
  await topologyName(page).fill(name);
  await topologyName(page).press("Enter");
  await expect(topologyName(page)).toHaveValue(name);
}

async function shareLink(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this topology" });
  const link = await dialog.getByRole("textbox", { name: "Share link" }).inputValue();
  await dialog.getByRole("button", { name: "Close" }).click();
  return link;
}

/** The routes the Routes tab lists for a host (it follows the selected host). */
async function routesOf(page: Page, host: string) {
  await node(page, `Host ${host}`).click({ position: { x: 40, y: 12 } });
  await page.getByRole("tab", { name: "Routes", exact: true }).click();
  return page.getByRole("tabpanel").getByRole("list", { name: `Routing table of ${host}` });
}

test("Share shows the link, its length, and copies it", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/");
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this topology" });
  const field = dialog.getByRole("textbox", { name: "Share link" });
  await expect(field).toHaveAttribute("readonly", "");
  const link = await field.inputValue();
  expect(link).toMatch(/^http:\/\/localhost:\d+\/#s=1[A-Za-z0-9_-]+$/);
  await expect(dialog).toContainText(`${link.length.toLocaleString("en")} characters`);
  await expect(dialog.getByRole("note")).toHaveCount(0); // a short link: no warning
  await dialog.getByRole("button", { name: "Copy link" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
});

test("a link longer than 2,000 characters comes with a warning and the JSON file instead", async ({ page }) => {
  await page.goto("/");
  // A description that compresses badly makes the link long.
  let text = "";
  for (let i = 0; i < 900; i++) text += ((i * 7919) % 104729).toString(36);
  const description = page.getByRole("region", { name: "Inspector" }).getByLabel("Description", { exact: true });
  await description.fill(text.slice(0, 4900));
  await description.blur();
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this topology" });
  const link = await dialog.getByRole("textbox", { name: "Share link" }).inputValue();
  expect(link.length).toBeGreaterThan(2000);
  await expect(dialog.getByRole("note")).toContainText("longer than 2,000 characters");
  const downloading = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Save as JSON file" }).click();
  expect((await downloading).suggestedFilename()).toBe("flannel-vxlan-across-three-hosts.topolab.json");
});

test("a link opens in a fresh browser with the same report", async ({ page, browser }) => {
  await page.goto("/");
  // Change the sample: without node-3 (and db), node-1 no longer routes to 10.244.2.0/24.
  await node(page, "Host node-3").click({ position: { x: 40, y: 12 } });
  await page.keyboard.press("Delete");
  await expect(node(page, "Host node-3")).toHaveCount(0);
  await rename(page, "Two hosts left");
  const before = await routesOf(page, "node-1");
  await expect(before.getByText("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink", { exact: true })).toBeVisible();
  await expect(before).not.toContainText("10.244.2.0/24");
  const link = await shareLink(page);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(sharedBanner(other)).toContainText("You are viewing a shared scenario: Two hosts left");
  await expect(topologyName(other)).toHaveValue("Two hosts left");
  await expect(other).toHaveURL(/\/$/); // the link is gone from the address bar
  await expect(node(other, "Host node-1")).toContainText("10.244.0.0/24");
  await expect(node(other, "Host node-2")).toContainText("10.244.1.0/24");
  await expect(node(other, "Host node-3")).toHaveCount(0);
  const routes = await routesOf(other, "node-1");
  await expect(routes.getByText("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink", { exact: true })).toBeVisible();
  await expect(routes).not.toContainText("10.244.2.0/24");
  await fresh.close();
});

test("a link opened over autosaved work leaves the work intact: Back to my work", async ({ page, browser }) => {
  // Someone else's design, as a link.
  const sender = await browser.newPage();
  await sender.goto("/");
  await rename(sender, "From a colleague");
  const link = await shareLink(sender);
  await sender.close();

  await page.goto("/");
  await rename(page, "My own work");
  await node(page, "Container db").click();
  await page.keyboard.press("Delete");
  await expect(node(page, "Container db")).toHaveCount(0);
  await page.waitForTimeout(500); // autosave writes within 300 ms

  // Opened at startup, over the stored work.
  await page.goto("about:blank");
  await page.goto(link);
  await expect(sharedBanner(page)).toContainText("You are viewing a shared scenario: From a colleague");
  await expect(sharedBanner(page)).toContainText("your work “My own work” is safe");
  await expect(node(page, "Container db")).toBeVisible();
  await rename(page, "From a colleague, edited"); // edits in the shared view are not saved
  await page.waitForTimeout(500);

  await sharedBanner(page).getByRole("button", { name: "Back to my work" }).click();
  await expect(sharedBanner(page)).toHaveCount(0);
  await expect(topologyName(page)).toHaveValue("My own work");
  await expect(node(page, "Container db")).toHaveCount(0);

  // The stored work was never overwritten: a reload (without the link) shows it.
  await page.reload();
  await expect(topologyName(page)).toHaveValue("My own work");
  await expect(node(page, "Container db")).toHaveCount(0);
  await expect(sharedBanner(page)).toHaveCount(0);

  // Opened while working (hashchange): Back also gives the undo history back.
  await node(page, "Container api").click();
  await page.keyboard.press("Delete");
  await expect(node(page, "Container api")).toHaveCount(0);
  await page.evaluate((hash) => (window.location.hash = hash), link.slice(link.indexOf("#")));
  await expect(sharedBanner(page)).toContainText("From a colleague");
  await expect(node(page, "Container api")).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled(); // the shared view has its own history
  await sharedBanner(page).getByRole("button", { name: "Back to my work" }).click();
  await expect(node(page, "Container api")).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(node(page, "Container api")).toBeVisible();
  await expect(topologyName(page)).toHaveValue("My own work");
});

test("Keep as a copy sets the work aside, restorable; Replace my work asks first", async ({ page, browser }) => {
  const sender = await browser.newPage();
  await sender.goto("/");
  await rename(sender, "Colleague's design");
  const link = await shareLink(sender);
  await sender.close();

  await page.goto("/");
  await rename(page, "Mine");
  // Opened while the app runs (hashchange).
  await page.evaluate((hash) => (window.location.hash = hash), link.slice(link.indexOf("#")));
  await expect(sharedBanner(page)).toContainText("Colleague's design");
  await sharedBanner(page).getByRole("button", { name: "Keep as a copy" }).click();
  await expect(sharedBanner(page)).toHaveCount(0);
  await expect(topologyName(page)).toHaveValue("Colleague's design");
  const previous = page.getByRole("region", { name: "Previous work" });
  await expect(previous).toContainText("Your previous work Mine is set aside");

  // The kept copy is the saved work now, and the previous work survives a reload.
  await page.waitForTimeout(500);
  await page.reload();
  await expect(topologyName(page)).toHaveValue("Colleague's design");
  await previous.getByRole("button", { name: "Restore previous work" }).click();
  await expect(topologyName(page)).toHaveValue("Mine");
  await expect(previous).toHaveCount(0);

  // Replace my work: asked first; Cancel keeps the shared view.
  await page.evaluate((hash) => (window.location.hash = hash), link.slice(link.indexOf("#")));
  await sharedBanner(page).getByRole("button", { name: "Replace my work" }).click();
  const ask = page.getByRole("alertdialog", { name: "Replace your work with the shared scenario?" });
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(sharedBanner(page)).toBeVisible();
  await sharedBanner(page).getByRole("button", { name: "Replace my work" }).click();
  await ask.getByRole("button", { name: "Replace my work" }).click();
  await expect(sharedBanner(page)).toHaveCount(0);
  await expect(topologyName(page)).toHaveValue("Colleague's design");
  await expect(page.getByRole("region", { name: "Previous work" })).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(topologyName(page)).toHaveValue("Mine");
});

test("a broken link says what is wrong and changes nothing", async ({ page }) => {
  await page.goto("/");
  await rename(page, "Untouched");

  // Cut short (as a chat tool might): the message names the kind of failure. Opened at startup.
  const whole = deflateRawSync(Buffer.from(JSON.stringify({ format: "topolab", version: 1, name: "A design with a long enough name to cut" }))).toString("base64url");
  await page.goto("about:blank");
  await page.goto(`/#s=1${whole.slice(0, 24)}`);
  const problem = page.getByRole("alertdialog", { name: "This share link cannot be opened" });
  await expect(problem).toContainText("The link is cut short (truncated)");
  await expect(problem).toContainText("Nothing was changed");
  await problem.getByRole("button", { name: "Close" }).click();
  await expect(topologyName(page)).toHaveValue("Untouched");
  await expect(page).toHaveURL(/\/$/);
  await expect(sharedBanner(page)).toHaveCount(0);

  // A well-formed link holding an invalid document: every problem with its JSON path.
  const invalid = { format: "topolab", version: 1, hosts: [{ id: "h", cluster: "nope", underlay: "lan3" }] };
  const payload = deflateRawSync(Buffer.from(JSON.stringify(invalid))).toString("base64url");
  await page.evaluate((hash) => (window.location.hash = hash), `#s=1${payload}`);
  await expect(problem).toContainText("The link's document is not valid (invalid)");
  await expect(problem.getByRole("list", { name: "Problems" }).getByRole("listitem")).toHaveText(['hosts[0].cluster: no cluster "nope"', 'hosts[0].underlay: no underlay "lan3"']);
  await problem.getByRole("button", { name: "Close" }).click();

  // From a newer Topolab.
  await page.evaluate(() => (window.location.hash = "#s=2AAAA"));
  await expect(problem).toContainText("newer Topolab (future-version)");
  await problem.getByRole("button", { name: "Close" }).click();
  await expect(topologyName(page)).toHaveValue("Untouched");
  await expect(node(page, "Host node-1")).toBeVisible();
});
