/**
 * localStorage for the persisted stores, written at most every `delay` ms and flushed when the page
 * is hidden or closed, so dragging or typing never serialises the document on every frame. Without
 * a localStorage (tests in Node, a locked-down browser) it keeps the values in memory.
 */
import type { StateStorage } from "zustand/middleware";

function backingStorage(): Pick<Storage, "getItem" | "setItem" | "removeItem"> {
  try {
    if (typeof localStorage !== "undefined") {
      const probe = "topolab:probe";
      localStorage.setItem(probe, "1");
      localStorage.removeItem(probe);
      return localStorage;
    }
  } catch {
    // Storage disabled (private mode, quota): fall through to memory.
  }
  const memory = new Map<string, string>();
  return {
    getItem: (key) => memory.get(key) ?? null,
    setItem: (key, value) => void memory.set(key, value),
    removeItem: (key) => void memory.delete(key),
  };
}

export function debouncedStorage(delay = 300): StateStorage & { flush(): void } {
  const storage = backingStorage();
  const pending = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    for (const [key, value] of pending) {
      try {
        storage.setItem(key, value);
      } catch {
        // Quota exceeded: the work stays in memory; nothing better to do without a server.
      }
    }
    pending.clear();
  };
  if (typeof window !== "undefined") {
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") flush();
    });
  }
  return {
    getItem: (key) => pending.get(key) ?? storage.getItem(key),
    setItem: (key, value) => {
      pending.set(key, value);
      if (timer === undefined) timer = setTimeout(flush, delay);
    },
    removeItem: (key) => {
      pending.delete(key);
      storage.removeItem(key);
    },
    flush,
  };
}

/** One shared instance: every persisted store flushes together. */
export const editorStorage = debouncedStorage();
