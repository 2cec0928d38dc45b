/**
 * The inspector and the report panels in a real browser, on the sample (flannel VXLAN, three
 * hosts): editing through the inspector, the report tabs following the selection, invalid input
 * kept out of the document, diagnostics pointing at the canvas, and undo. Only roles, labels and
 * visible text are used, and the highlight's accessible state on the canvas nodes (their description).
 */
import { type Page, expect, test } from "@playwright/test";

const node = (page: Page, name: string) => page.getByRole("application", { name: "Topology canvas" }).getByRole("group", { name, exact: true });
const inspector = (page: Page) => page.getByRole("region", { name: "Inspector" });
const field = (page: Page, label: string) => inspector(page).getByLabel(label, { exact: true });
const tab = (page: Page, name: string) => page.getByRole("tab", { name, exact: true });
const panel = (page: Page) => page.getByRole("tabpanel");

/** Selects a node by clicking its title bar (clusters and hosts are group boxes with children). */
async function selectNode(page: Page, name: string) {
  await node(page, name).click({ position: { x: 60, y: 12 } });
  await expect(inspector(page)).toContainText(name.replace(/^\S+ /, ""));
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await expect(node(page, "Host node-1")).toBeVisible();
});

test("a host's routing table follows the selection, and changes with the cluster's backend", async ({ page }) => {
  await selectNode(page, "Host node-1");
  await expect(field(page, "Name")).toHaveValue("node-1");
  await expect(field(page, "Kernel")).toHaveValue("6.1");

  await tab(page, "Routes").click();
  const routes = panel(page).getByRole("list", { name: "Routing table of node-1" });
  await expect(routes.getByText("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink", { exact: true })).toBeVisible();
  await expect(routes.getByText("10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink", { exact: true })).toBeVisible();
  await expect(panel(page).getByRole("list", { name: "Neighbours of node-1" })).toContainText("10.244.1.0 dev flannel.1 lladdr");
  await expect(panel(page).getByRole("table", { name: "Interfaces of node-1" })).toContainText("flannel.1");

  // Switch the cluster to Calico: the backend starts from Calico's defaults, node-1 now routes over tunl0.
  await selectNode(page, "Cluster prod");
  await expect(field(page, "Orchestrator")).toHaveValue("kubernetes");
  await expect(field(page, "IP family")).toHaveValue("ipv4");
  await field(page, "Backend").selectOption({ label: "Calico" });
  await expect(field(page, "Mode")).toHaveValue("ipip");
  await expect(field(page, "Pool CIDR")).toHaveValue("");
  await expect(field(page, "Pool CIDR")).toHaveAttribute("placeholder", /auto/);
  await expect(inspector(page).getByRole("note", { name: "About Calico" })).toContainText("IPIP +20 B");
  // With the cluster selected, the Routes tab keeps showing the last host (and offers a Host picker).
  await expect(panel(page).getByLabel("Host", { exact: true })).toHaveValue("node1");
  const calicoRoutes = panel(page).getByRole("list", { name: "Routing table of node-1" });
  await expect(calicoRoutes.getByText("172.16.0.64/26 via 192.168.1.12 dev tunl0 proto bird onlink", { exact: true })).toBeVisible();
  await expect(calicoRoutes).not.toContainText("flannel.1");

  await panel(page).getByLabel("Host", { exact: true }).selectOption({ label: "node-2" });
  await expect(panel(page).getByRole("list", { name: "Routing table of node-2" })).toContainText("172.16.0.0/26 via 192.168.1.11 dev tunl0 proto bird onlink");

  // One change, one undo step: flannel is back.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(field(page, "Backend")).toHaveValue("flannel");
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
});

test("an invalid CIDR shows its error beside the field and never reaches the document", async ({ page }) => {
  await selectNode(page, "Cluster prod");
  const network = field(page, "Network");
  await expect(network).toHaveValue("10.244.0.0/16");
  await network.fill("10.244.0.0/33");
  await expect(network).toHaveAttribute("aria-invalid", "true");
  await expect(network).toHaveAccessibleDescription(/prefix length must be a whole number from 0 to 32/);
  await network.press("Enter");
  await network.press("Tab"); // committing an invalid value does nothing: the draft and its error stay
  await expect(network).toHaveValue("10.244.0.0/33");
  await expect(network).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
  await expect(node(page, "Cluster prod")).toContainText("10.244.0.0/16");
  await expect(node(page, "Host node-1")).toContainText("10.244.0.0/24");

  // Escape puts the document's value back.
  await network.press("Escape");
  await expect(network).toHaveValue("10.244.0.0/16");
  await expect(network).not.toHaveAttribute("aria-invalid", "true");

  // A valid value is one edit, committed on Enter.
  await network.fill("10.50.0.0/16");
  await expect(network).not.toHaveAttribute("aria-invalid", "true");
  await network.press("Enter");
  await expect(node(page, "Host node-1")).toContainText("10.50.0.0/24");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(node(page, "Host node-1")).toContainText("10.244.0.0/24");
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
});

test("a pool overlapping the underlay is diagnosed; the diagnostic highlights its subjects; undo clears it", async ({ page }) => {
  await selectNode(page, "Cluster prod");
  await field(page, "Network").fill("192.168.0.0/16");
  await field(page, "Network").press("Enter");

  await tab(page, "Diagnostics").click();
  const diagnostics = panel(page).getByRole("list", { name: "Diagnostics" });
  const overlap = diagnostics.getByRole("button").filter({ hasText: "POOL_OVERLAPS_UNDERLAY" });
  await expect(overlap).toContainText("Error");
  await expect(overlap).toContainText('Cluster "prod"\'s container pool 192.168.0.0/16 overlaps underlay "Rack LAN"');

  // Enter on the diagnostic selects and highlights the cluster and the underlay on the canvas.
  await overlap.focus();
  await page.keyboard.press("Enter");
  await expect(overlap).toHaveAttribute("aria-pressed", "true");
  await expect(node(page, "Cluster prod")).toHaveAccessibleDescription(/^highlighted/);
  await expect(node(page, "Underlay network Rack LAN")).toHaveAccessibleDescription(/^highlighted/);
  await expect(node(page, "Host node-1")).not.toHaveAccessibleDescription(/highlighted/);

  // Undo: the report is clean again.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(panel(page)).toContainText("No diagnostics");
  await expect(node(page, "Host node-1")).toContainText("10.244.0.0/24");
});

test("the report tabs follow the ARIA tabs pattern", async ({ page }) => {
  const addresses = tab(page, "Addresses");
  await expect(page.getByRole("tablist", { name: "Report" }).getByRole("tab")).toHaveText(["Addresses", "Routes", "Firewall", "Ports", "Flows", "Diagnostics"]);
  await addresses.click();
  await expect(addresses).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowRight");
  await expect(tab(page, "Routes")).toBeFocused();
  await expect(tab(page, "Routes")).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("End");
  await expect(tab(page, "Diagnostics")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(addresses).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(tab(page, "Diagnostics")).toHaveAttribute("aria-selected", "true");
  await expect(panel(page)).toContainText("No diagnostics");
  // The arrows moved tabs, not the selection on the canvas: nothing was nudged.
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
});

test("the address plan, firewall, ports and flows of the sample", async ({ page }) => {
  await tab(page, "Addresses").click();
  await expect(panel(page).getByRole("img", { name: /^Pool 10\.244\.0\.0\/16 of prod: 768 of 65,536 addresses/ })).toBeVisible();
  await expect(panel(page).getByRole("img", { name: /^10\.244\.0\.0\/22, the part of 10\.244\.0\.0\/16 in use/ })).toBeVisible();
  const plan = panel(page).getByRole("table", { name: "Addresses in prod" });
  await expect(plan.getByRole("row", { name: /node-2/ })).toContainText("192.168.1.12");
  await expect(plan.getByRole("row", { name: /node-2/ })).toContainText("10.244.1.0/24");
  await expect(plan.getByRole("row", { name: /node-2/ })).toContainText("api 10.244.1.2");
  await expect(panel(page).getByRole("table", { name: "Addresses on Rack LAN" })).toContainText("192.168.1.1");

  // Keyboard on the picture: the first segment is described, Enter selects its host.
  const segments = panel(page).getByRole("group", { name: /^Segments of Pool 10\.244\.0\.0\/16/ });
  await segments.focus();
  await expect(segments).toHaveAccessibleDescription(/10\.244\.0\.0\/24 — node-1 .* 1 container \(web 10\.244\.0\.2\)/);
  await page.keyboard.press("ArrowRight");
  await expect(segments).toHaveAccessibleDescription(/10\.244\.1\.0\/24 — node-2/);
  await page.keyboard.press("Enter");
  await expect(field(page, "Name")).toHaveValue("node-2");

  await tab(page, "Firewall").click();
  const firewall = panel(page).getByRole("table", { name: "Firewall openings for prod" });
  await expect(firewall.getByRole("row").nth(1)).toContainText("udp");
  await expect(firewall.getByRole("row").nth(1)).toContainText("8472");
  await expect(firewall.getByRole("row").nth(1)).toContainText("VXLAN data");

  await tab(page, "Ports").click();
  await expect(panel(page).getByRole("table", { name: "Port mappings" }).getByRole("row", { name: /web/ })).toContainText("192.168.1.11:8080 → 80/tcp");

  await tab(page, "Flows").click();
  const flow = panel(page).getByRole("button", { name: /web → api/ });
  await expect(flow).toContainText("reachable");
  await flow.click();
  await expect(flow).toHaveAttribute("aria-expanded", "true");
  const hops = panel(page).getByRole("list", { name: "Request hops of web → api" });
  await expect(hops).toContainText("encapsulates it (VXLAN) for node-2");
  await expect(hops).toContainText("VXLAN 192.168.1.11 → 192.168.1.12 port 8472, +50 B");
  await expect(node(page, "Host node-2")).toHaveAccessibleDescription(/^highlighted/);
  await expect(node(page, "Container db")).not.toHaveAccessibleDescription(/highlighted|current hop/);
  // The open flow is the selection, so the inspector shows it.
  await expect(field(page, "Port")).toHaveValue("8000");
});

test("a container's ports: publish modes, add and remove rows, each change one undo step", async ({ page }) => {
  await node(page, "Container web").click();
  const first = inspector(page).getByRole("group", { name: "Port mapping 1" });
  await expect(first.getByLabel("Port", { exact: true })).toHaveValue("80");
  await expect(first.getByLabel("Protocol", { exact: true })).toHaveValue("tcp");
  await expect(first.getByLabel("Publish", { exact: true })).toHaveValue("number");
  await expect(first.getByLabel("Host port", { exact: true })).toHaveValue("8080");

  await first.getByLabel("Publish", { exact: true }).selectOption("none");
  await expect(first.getByLabel("Host port", { exact: true })).toHaveCount(0);
  await tab(page, "Ports").click();
  await expect(panel(page)).toContainText("No port needs publishing");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(panel(page).getByRole("table", { name: "Port mappings" })).toContainText("192.168.1.11:8080 → 80/tcp");

  await inspector(page).getByRole("button", { name: "+ Add port" }).click();
  const second = inspector(page).getByRole("group", { name: "Port mapping 2" });
  await expect(second.getByLabel("Port", { exact: true })).toHaveValue("443");
  await second.getByLabel("Port", { exact: true }).fill("70000");
  await expect(second.getByLabel("Port", { exact: true })).toHaveAccessibleDescription("Expected a whole number from 1 to 65535");
  await second.getByLabel("Port", { exact: true }).fill("9090");
  await second.getByLabel("Port", { exact: true }).press("Enter");
  await expect(node(page, "Container web")).toContainText("9090/tcp");
  await inspector(page).getByRole("button", { name: "Remove port mapping 2" }).click();
  await expect(node(page, "Container web")).not.toContainText("9090/tcp");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(node(page, "Container web")).toContainText("9090/tcp");
});

test("nothing selected: the topology's name and description", async ({ page }) => {
  await expect(field(page, "Name")).toHaveValue("Flannel VXLAN across three hosts");
  await field(page, "Description").fill("Three racks, one VXLAN.");
  await field(page, "Description").blur();
  await expect(page.getByRole("button", { name: "Undo" })).toBeEnabled();
  await field(page, "Name").fill("");
  await expect(field(page, "Name")).toHaveAccessibleDescription("A name cannot be empty");
  await field(page, "Name").fill("Racks");
  await field(page, "Name").press("Enter");
  await expect(page.getByRole("textbox", { name: "Topology name" })).toHaveValue("Racks");
});
