/**
 * The packet tracer in a real browser: choosing a flow in the Flows tab lists its hops (the request,
 * then the reply), a hop cursor steps through them with the buttons and the keys, and the canvas
 * follows (the current hop's node carries aria-current="step" and the description "current hop").
 * An unreachable flow, opened from a scenario file, shows where it stops, why, and the fix. Only
 * roles, accessible names, descriptions, ARIA states and visible text are used.
 */
import { fileURLToPath } from "node:url";
import { type Page, expect, test } from "@playwright/test";

const node = (page: Page, name: string) => page.getByRole("application", { name: "Topology canvas" }).getByRole("group", { name, exact: true });
const panel = (page: Page) => page.getByRole("tabpanel");

async function openFlows(page: Page) {
  await page.getByRole("tab", { name: "Flows", exact: true }).click();
}

/** The node named by the current hop has the current-hop state; the one before is only highlighted. */
async function expectCurrentHop(page: Page, name: string) {
  await expect(node(page, name)).toHaveAttribute("aria-current", "step");
  await expect(node(page, name)).toHaveAccessibleDescription(/^current hop/);
  await expect(node(page, name)).toBeInViewport();
}

test("steps through a flow's hops with the buttons and the arrow keys; the canvas follows the current hop", async ({ page }) => {
  await page.goto("/");
  await expect(node(page, "Host node-1")).toBeVisible();
  await openFlows(page);
  await panel(page).getByRole("button", { name: /web → api/ }).click();

  const tracer = panel(page).getByRole("group", { name: "Packet tracer: web → api" });
  const status = tracer.getByRole("status");
  const previous = tracer.getByRole("button", { name: "Previous hop" });
  const next = tracer.getByRole("button", { name: "Next hop" });
  const request = tracer.getByRole("list", { name: "Request hops of web → api" });
  const reply = tracer.getByRole("list", { name: "Reply hops of web → api" });
  await expect(request.getByRole("listitem")).toHaveCount(5);
  await expect(reply.getByRole("listitem")).toHaveCount(5);

  await expect(tracer).toContainText("Sent to 10.244.1.2:8000/tcp, the container's own address");

  // Hop 1: web sends; the path is highlighted, web is the current hop.
  await expect(status).toHaveText(/^Hop 1 of 10: web — sends 10\.244\.0\.2 → 10\.244\.1\.2:8000\/tcp/);
  await expect(previous).toBeDisabled();
  await expectCurrentHop(page, "Container web");
  await expect(request.getByRole("listitem").first()).toHaveAttribute("aria-current", "step");
  for (const name of ["Host node-1", "Underlay network Rack LAN", "Host node-2", "Container api"]) {
    await expect(node(page, name)).toHaveAccessibleDescription(/^highlighted/);
    await expect(node(page, name)).not.toHaveAttribute("aria-current");
  }
  await expect(node(page, "Container db")).not.toHaveAccessibleDescription(/highlighted|current hop/);

  // The buttons: node-1 encapsulates, with the route that matched, the outer header and the MTU.
  await next.click();
  await expect(status).toHaveText(/^Hop 2 of 10: node-1 — encapsulates it \(VXLAN\) for node-2/);
  await expectCurrentHop(page, "Host node-1");
  await expect(node(page, "Container web")).not.toHaveAttribute("aria-current");
  await expect(node(page, "Container web")).toHaveAccessibleDescription(/^highlighted/);
  const hop2 = request.getByRole("listitem").nth(1);
  await expect(hop2).toHaveAttribute("aria-current", "step");
  await expect(hop2).toContainText("10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink");
  await expect(hop2).toContainText("VXLAN 192.168.1.11 → 192.168.1.12 port 8472, +50 B");
  await expect(hop2).toContainText("MTU1450");
  await previous.click();
  await expectCurrentHop(page, "Container web");

  // The keys: Right/Down forward, Left/Up back, End and Home to the last and first hop.
  await next.press("ArrowRight");
  await next.press("ArrowDown");
  await expect(status).toHaveText(/^Hop 3 of 10: Rack LAN — carries the VXLAN packet 192\.168\.1\.11 → 192\.168\.1\.12 \(UDP 8472\)/);
  await expectCurrentHop(page, "Underlay network Rack LAN");
  await page.keyboard.press("ArrowRight");
  await expect(status).toHaveText(/^Hop 4 of 10: node-2 — decapsulates it, then delivers it to api/);
  await expectCurrentHop(page, "Host node-2");
  await page.keyboard.press("ArrowUp");
  await expectCurrentHop(page, "Underlay network Rack LAN");
  await page.keyboard.press("End");
  await expect(status).toHaveText(/^Hop 10 of 10 \(reply\): web — /);
  await expect(next).toBeDisabled();
  await expect(reply.getByRole("listitem").last()).toHaveAttribute("aria-current", "step");
  await expectCurrentHop(page, "Container web");
  await page.keyboard.press("ArrowLeft");
  await expect(status).toHaveText(/^Hop 9 of 10 \(reply\): node-1 — /);
  await expectCurrentHop(page, "Host node-1");
  await page.keyboard.press("Home");
  await expect(status).toHaveText(/^Hop 1 of 10: web/);
  await expectCurrentHop(page, "Container web");

  // The keys stepped hops: nothing on the canvas moved. Escape closes the tracer and the highlight.
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(tracer).toHaveCount(0);
  await expect(panel(page).getByRole("button", { name: /web → api/ })).toBeFocused();
  await expect(panel(page).getByRole("button", { name: /web → api/ })).toHaveAttribute("aria-expanded", "false");
  await expect(node(page, "Host node-1")).not.toHaveAccessibleDescription(/highlighted|current hop/);
  await expect(node(page, "Container web")).not.toHaveAttribute("aria-current");
});

test("an unreachable flow shows where it stops, why, and what would fix it", async ({ page }) => {
  await page.goto("/");
  const choosing = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Open" }).click();
  await (await choosing).setFiles(fileURLToPath(new URL("../public/scenarios/ipam-overlap-corporate.json", import.meta.url)));
  await expect(page.getByRole("textbox", { name: "Topology name" })).toHaveValue("IPAM clash: pod network overlaps the corporate network");

  await openFlows(page);
  const flow = panel(page).getByRole("button", { name: /Berlin office PC → intranet/ });
  await expect(flow).toContainText("unreachable");
  await flow.click();
  const tracer = panel(page).getByRole("group", { name: "Packet tracer: Berlin office PC → intranet" });

  // The request arrives; the reply goes astray and stops at node-2, where the tracer opens.
  const stop = tracer.getByRole("region", { name: "Where the flow stops" });
  await expect(stop).toContainText("Stops at: node-2, hop 10 of 10 (on the reply)");
  await expect(stop).toContainText("Why: replies from intranet to 10.244.1.50 leave node-1 by 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink");
  await expect(stop).toContainText("Fix: choose a pod pool that doesn't overlap Berlin office LAN (10.244.1.0/24).");
  await expect(tracer).toContainText("Sent to 10.10.0.11:443/tcp, the port published on the host");
  await expect(tracer.getByRole("status")).toHaveText("Hop 10 of 10 (reply): node-2 — decapsulates it, then sends it to cni0; the packet stops here");
  await expectCurrentHop(page, "Host node-2");
  await expect(node(page, "Host node-2")).toHaveAccessibleDescription(/^current hop where the packet stops/);
  await expect(tracer.getByRole("list", { name: "Reply hops of Berlin office PC → intranet" }).getByRole("listitem").last()).toContainText("The packet stops here.");

  // Stepping away from the stop keeps it marked on the canvas.
  await tracer.getByRole("button", { name: "Previous hop" }).click();
  await expectCurrentHop(page, "Underlay network Server room");
  await expect(node(page, "Host node-2")).toHaveAccessibleDescription(/^highlighted where the packet stops/);

  // The objects involved: where it stops, the client and the target.
  await stop.getByRole("button", { name: "Select the objects involved" }).click();
  await expect(page.getByRole("region", { name: "Inspector" })).toContainText("3 objects selected: node-2, Berlin office PC, intranet");
  // Selecting them leaves the tracer open.
  await expect(tracer).toBeVisible();
});
