/**
 * The sample scenario (flannel VXLAN, Kubernetes, three hosts) opened in the editor: what the model
 * computed shows on the canvas, on the nodes it concerns, and in the report panels beside it. Only roles, accessible names and visible
 * text are used, as a person (or a screen reader) would find them.
 */
import { type Page, expect, test } from "@playwright/test";

const node = (page: Page, name: string) => page.getByRole("group", { name, exact: true });

test.beforeEach(async ({ page }) => {
  await page.goto("/");
});

test("names the app and opens the sample scenario on a first visit", async ({ page }) => {
  await expect(page.getByRole("heading", { level: 1, name: "Topolab" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Topology name" })).toHaveValue("Flannel VXLAN across three hosts");
  for (const name of ["Underlay network Rack LAN", "Router Gateway", "Cluster prod", "Host node-1", "Host node-2", "Host node-3", "Container web", "Container api", "Container db", "External endpoint Internet"]) {
    await expect(node(page, name)).toBeVisible();
  }
  await expect(page.getByRole("button", { name: "0 errors" })).toBeVisible();
});

test("shows the cluster's backend, overlay MTU, pool and firewall opening on the cluster", async ({ page }) => {
  const cluster = node(page, "Cluster prod");
  await expect(cluster.getByText("flannel · vxlan")).toBeVisible();
  await expect(cluster.getByText("MTU 1450", { exact: true })).toBeVisible();
  await expect(cluster.getByText("10.244.0.0/16", { exact: true })).toBeVisible();
  await expect(cluster.getByText(/^UDP\s8472$/)).toBeVisible();
  await expect(node(page, "Underlay network Rack LAN").getByText("MTU 1500", { exact: true })).toBeVisible();
});

test("gives each host its own /24 of the pool, and each container an address from it", async ({ page }) => {
  const hosts = { "node-1": ["192.168.1.11", "10.244.0.0/24"], "node-2": ["192.168.1.12", "10.244.1.0/24"], "node-3": ["192.168.1.13", "10.244.2.0/24"] };
  for (const [host, [ip, subnet]] of Object.entries(hosts)) {
    await expect(node(page, `Host ${host}`).getByText(ip!, { exact: true })).toBeVisible();
    await expect(node(page, `Host ${host}`).getByText(subnet!, { exact: true })).toBeVisible();
  }
  const containers = { web: "10.244.0.2", api: "10.244.1.2", db: "10.244.2.2" };
  for (const [container, ip] of Object.entries(containers)) {
    await expect(node(page, `Container ${container}`).getByText(ip, { exact: true })).toBeVisible();
  }
});

test("draws the flows with their ports", async ({ page }) => {
  for (const name of ["Flow Internet → web, 80/tcp", "Flow web → api, 8000/tcp", "Flow api → db, 5432/tcp"]) {
    await expect(page.getByRole("group", { name })).toHaveCount(1);
  }
});

test("routes the other hosts' subnets over flannel.1 (the Routes tab follows the selected host)", async ({ page }) => {
  await node(page, "Host node-1").click({ position: { x: 40, y: 12 } });
  await page.getByRole("tab", { name: "Routes" }).click();
  const routes = page.getByRole("list", { name: "Routing table of node-1" });
  await expect(routes.getByRole("listitem").filter({ hasText: /^10\.244\.1\.0\/24 via 10\.244\.1\.0 dev flannel\.1 onlink/ })).toHaveCount(1);
  await expect(routes.getByRole("listitem").filter({ hasText: /^10\.244\.2\.0\/24 via 10\.244\.2\.0 dev flannel\.1 onlink/ })).toHaveCount(1);
});
