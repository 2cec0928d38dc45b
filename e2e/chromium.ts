/**
 * Which Chromium the browser tests drive, and how it is launched.
 *
 * CI runs as root in a plain Debian container where `npx playwright install` (a ~150 MB download
 * from a CDN) is slow or blocked, while the distribution's `chromium` package is one apt-get away.
 * So we prefer, in order: an explicit CHROMIUM_PATH, the system /usr/bin/chromium, then
 * Playwright's own bundled build if someone installed it. With none, we fail early and say how to
 * get one, rather than letting Playwright print a download hint that does not apply here.
 */
import fs from "node:fs";
import { chromium, type LaunchOptions } from "@playwright/test";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/**
 * Flags for a system Chromium: root in a container has no usable sandbox, there is no GPU, and the
 * background services (updates, sync, network prediction, QUIC) only add noise and flakiness.
 */
const SYSTEM_CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

function bundledChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return fs.existsSync(path) ? path : undefined;
  } catch {
    return undefined; // Playwright throws when it has no registry entry for this platform.
  }
}

/** Launch options for the Chromium to use; throws with install instructions when there is none. */
export function chromiumLaunchOptions(): LaunchOptions {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`CHROMIUM_PATH is set to ${explicit}, which does not exist.`);
    return { headless: true, executablePath: explicit, args: SYSTEM_CHROMIUM_ARGS };
  }
  if (fs.existsSync(SYSTEM_CHROMIUM)) {
    return { headless: true, executablePath: SYSTEM_CHROMIUM, args: SYSTEM_CHROMIUM_ARGS };
  }
  const bundled = bundledChromium();
  if (bundled) return { headless: true, executablePath: bundled };
  throw new Error(
    "No Chromium found. Install one: `apt-get install chromium` (Debian/Ubuntu) or " +
      "`npx playwright install chromium`, or set CHROMIUM_PATH.",
  );
}
