import { type Locator, expect } from "@playwright/test";

/**
 * Waits until `target` has stopped moving: the canvas pans or fits to a new node, animated, and a
 * drag aimed before it stops would land elsewhere.
 */
export async function settled(target: Locator, interval = 150) {
  let previous = "";
  await expect
    .poll(async () => {
      const now = JSON.stringify(await target.boundingBox());
      const still = now === previous;
      previous = now;
      return still;
    }, { intervals: [interval] })
    .toBe(true);
}
