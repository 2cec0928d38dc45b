/**
 * The inspector telling a first-time user what the report knows, where they are looking: a flow's
 * diagnostics under its reachability, with a one-click fix; the pool Calico actually uses as the
 * empty Pool field's hint; an overlap error beside the Pool field that causes it; the backend's
 * explanation collapsed after its fields; the sample named as a sample on a first visit; undo
 * saying what it undid. Only roles, accessible names and descriptions, and visible text are used.
 */
import { type Page, expect, test } from "@playwright/test";

const canvas = (page: Page) => page.getByRole("application", { name: "Topology canvas" });
const node = (page: Page, name: string) => canvas(page).getByRole("group", { name, exact: true });
const inspector = (page: Page) => page.getByRole("region", { name: "Inspector" });
const field = (page: Page, label: string) => inspector(page).getByLabel(label, { exact: true });
const tab = (page: Page, name: string) => page.getByRole("tab", { name, exact: true });
const panel = (page: Page) => page.getByRole("tabpanel");
const lastAction = (page: Page) => page.getByRole("status", { name: "Last action" });
const counts = (page: Page) => page.getByRole("group", { name: "Diagnostics" });

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await expect(node(page, "Host node-1")).toBeVisible();
});

test("a flow's warning shows under its reachability, and its button adds the missing port in one step", async ({ page }) => {
  // Choose web → api in the Flows tab: it becomes the selection, the inspector shows it.
  await tab(page, "Flows").click();
  await panel(page).getByRole("button", { name: /web → api/ }).click();
  await expect(field(page, "Port")).toHaveValue("8000");

  // Aim it at a port api does not declare: still reachable, but the warning says why that is suspect.
  await field(page, "Port").fill("9000");
  await field(page, "Port").press("Enter");
  const reachability = inspector(page).getByRole("group", { name: "Reachability" });
  await expect(reachability).toContainText("✓ Reachable");
  const diagnostics = reachability.getByRole("list", { name: "Diagnostics of this flow" });
  await expect(diagnostics).toContainText("Warning: Flow web → api 9000/tcp: api declares only 8000/tcp, so nothing may listen on 9000/tcp. Fix: add port 9000/tcp to api's ports");
  await expect(counts(page).getByRole("button", { name: "1 warning" })).toBeVisible();

  // One click makes the edit the message asks for.
  await reachability.getByRole("button", { name: "Add 9000/tcp to api" }).click();
  await expect(lastAction(page)).toHaveText("Added port 9000/tcp to api");
  await expect(diagnostics).toHaveCount(0);
  await expect(reachability).toContainText("✓ Reachable");
  await expect(counts(page).getByRole("button", { name: "0 warnings" })).toBeVisible();
  await expect(reachability).toBeFocused(); // the button went with the warning: the focus stays on the flow's status

  // api now declares the port: its form shows a second port mapping.
  await node(page, "Container api").click();
  await expect(inspector(page).getByRole("group", { name: "Port mapping 2" }).getByLabel("Port", { exact: true })).toHaveValue("9000");

  // It was one edit: Undo takes back just that, and says so.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(lastAction(page)).toHaveText("Undone: changed container api");
  await expect(inspector(page).getByRole("group", { name: "Port mapping 2" })).toHaveCount(0);
  await expect(counts(page).getByRole("button", { name: "1 warning" })).toBeVisible();
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(lastAction(page)).toHaveText("Redone: changed container api");
});

test("Calico's empty Pool field shows the pool in use; an overlap shows beside it, described", async ({ page }) => {
  await node(page, "Cluster prod").click({ position: { x: 60, y: 12 } });
  await expect(field(page, "Name")).toHaveValue("prod");

  // The backend's own fields come right after Backend and Mode; the long explanation is collapsed.
  const network = inspector(page).getByRole("group", { name: "Container network" });
  await expect(network.getByRole("combobox", { name: "Backend" })).toHaveValue("flannel");
  const about = network.getByRole("note", { name: "About flannel" });
  await expect(about.getByText("How flannel works")).toBeVisible();
  await expect(about.getByText(/^flannel gives every host one subnet/)).toBeHidden();
  await about.getByText("How flannel works").click();
  await expect(about.getByText(/^flannel gives every host one subnet/)).toBeVisible();

  // Calico avoids a pool overlapping the LAN (192.168.1.0/24): the hint says which one it took.
  await field(page, "Backend").selectOption({ label: "Calico" });
  await expect(lastAction(page)).toHaveText("prod now uses Calico (IP-in-IP)");
  await expect(field(page, "Pool CIDR")).toHaveValue("");
  await expect(field(page, "Pool CIDR")).toHaveAttribute("placeholder", "auto: 172.16.0.0/16");
  await expect(node(page, "Host node-1")).toContainText("172.16.0.0/26");

  // A pool holding the LAN: the error is beside the field that caused it, and is its description.
  await field(page, "Pool CIDR").fill("192.168.0.0/16");
  await field(page, "Pool CIDR").press("Enter");
  await expect(counts(page).getByRole("button", { name: "1 error" })).toBeVisible();
  await expect(field(page, "Pool CIDR")).toHaveAccessibleDescription(/Error: Cluster "prod"'s container pool 192\.168\.0\.0\/16 overlaps underlay "Rack LAN" \(192\.168\.1\.0\/24\)/);
  await expect(inspector(page).getByRole("list", { name: "Diagnostics of prod" })).toHaveCount(0);

  // Undo: the error goes from beside the field too.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(counts(page).getByRole("button", { name: "0 errors" })).toBeVisible();
  await expect(field(page, "Pool CIDR")).not.toHaveAccessibleDescription(/overlaps/);
});

test("a first visit says the design is a sample, until dismissed; New's empty design has no such note", async ({ page }) => {
  const note = inspector(page).getByRole("note", { name: "Sample design" });
  await expect(note).toContainText("This is a sample design. New starts an empty one; Templates has more.");

  // Not for the user's own work: New replaces the sample, and the note goes.
  await page.getByRole("button", { name: "New", exact: true }).click();
  await page.getByRole("alertdialog", { name: "Start a new topology?" }).getByRole("button", { name: "Discard and start new" }).click();
  await expect(page.getByRole("textbox", { name: "Topology name" })).toHaveValue("Untitled topology");
  await expect(note).toHaveCount(0);

  // A cluster's diagnostics that concern no field are listed at the top of its form.
  await page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: "Cluster", exact: true }).click();
  await expect(field(page, "Name")).toHaveValue("cluster-1");
  await expect(inspector(page).getByRole("list", { name: "Diagnostics of cluster-1" })).toContainText('Info: Cluster "cluster-1" has no hosts yet');
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(lastAction(page)).toHaveText("Undone: added cluster cluster-1");

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(lastAction(page)).toHaveText("Undone: opened Untitled topology in place of Flannel VXLAN across three hosts");

  // Dismissed, it stays dismissed.
  await expect(note).toBeVisible();
  await note.getByRole("button", { name: "Dismiss the sample note" }).click();
  await expect(note).toHaveCount(0);
  await page.reload();
  await expect(node(page, "Host node-1")).toBeVisible();
  await expect(inspector(page).getByLabel("Name", { exact: true })).toHaveValue("Flannel VXLAN across three hosts");
  await expect(note).toHaveCount(0);
});
