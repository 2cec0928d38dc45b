import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/chromium.ts";

const CI = Boolean(process.env.CI);
// E2E_PORT lets two checkouts (or two people on one machine) run the browser tests side by side:
// each builds into its own folder and serves it on its own port.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT = `.e2e-dist/${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  reporter: "list",
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions() },
    },
  ],
  // The tests run against the production build, the same bundle users get (type-checking is `npm run build`'s job).
  webServer: {
    command: `vite build --outDir ${OUT} --emptyOutDir && vite preview --outDir ${OUT} --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
