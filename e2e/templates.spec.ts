/**
 * The template gallery: every template of public/scenarios/index.json is listed under its category
 * with its summary, opens without an error, shows its description in the inspector, and is one
 * undo step away from the work it replaced. Only roles, labels and visible text are used.
 */
import { readFileSync } from "node:fs";
import { type Page, expect, test } from "@playwright/test";

interface Entry {
  id: string;
  file: string;
  title: string;
  summary: string;
  category: string;
}
const scenarios = new URL("../public/scenarios/", import.meta.url);
const index = JSON.parse(readFileSync(new URL("index.json", scenarios), "utf8")) as { templates: Entry[] };
const documentOf = (entry: Entry) => JSON.parse(readFileSync(new URL(entry.file, scenarios), "utf8")) as { name: string; description?: string };

const gallery = (page: Page) => page.getByRole("dialog", { name: "Templates" });

test("lists every template by category, with its summary", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Templates" }).click();
  const dialog = gallery(page);
  await expect(dialog.getByRole("button", { name: index.templates[0]!.title, exact: true })).toBeVisible();
  await expect(dialog.getByRole("listitem")).toHaveCount(index.templates.length);
  for (const heading of ["One per backend and mode", "Address planning", "IPv4 and IPv6", "Orchestrators", "Kernel requirements"]) {
    await expect(dialog.getByRole("region", { name: heading })).toBeVisible();
  }
  const first = index.templates[0]!;
  await expect(dialog.getByRole("button", { name: first.title, exact: true })).toHaveAccessibleDescription(first.summary);
  await expect(dialog.getByRole("region", { name: "Address planning" }).getByRole("button")).toHaveText(
    index.templates.filter((t) => t.category === "addressing").map((t) => new RegExp(`^${t.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)),
  );
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);
});

test("opens every template without an error, with its description in the inspector", async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/");
  const status = page.getByRole("status", { name: "Last action" });
  for (const entry of index.templates) {
    const doc = documentOf(entry);
    await page.getByRole("button", { name: "Templates" }).click();
    await gallery(page).getByRole("button", { name: entry.title, exact: true }).click();
    await expect(gallery(page)).toHaveCount(0);
    await expect(status).toHaveText(`Opened the template ${entry.title}; Undo returns to your previous work`);
    await expect(page.getByRole("textbox", { name: "Topology name" })).toHaveValue(doc.name);
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    if (doc.description) await expect(page.getByRole("region", { name: "Inspector" }).getByLabel("Description", { exact: true })).toHaveValue(doc.description);
  }
  expect(errors).toEqual([]);

  // Each opening was one undo step.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("textbox", { name: "Topology name" })).toHaveValue(documentOf(index.templates.at(-2)!).name);
});
