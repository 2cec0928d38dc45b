/** The theme in effect: the user's choice, or the system's (prefers-color-scheme) until they choose. */
import { useEffect, useSyncExternalStore } from "react";
import { useViewStore } from "../store/view-store.ts";

const query = () => (typeof window === "undefined" ? undefined : window.matchMedia("(prefers-color-scheme: dark)"));

function subscribe(onChange: () => void) {
  const q = query();
  q?.addEventListener("change", onChange);
  return () => q?.removeEventListener("change", onChange);
}

export function useResolvedTheme(): "light" | "dark" {
  const choice = useViewStore((s) => s.theme);
  const systemDark = useSyncExternalStore(subscribe, () => query()?.matches ?? false, () => false);
  const theme = choice === "system" ? (systemDark ? "dark" : "light") : choice;
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle("dark", theme === "dark");
    root.style.colorScheme = theme;
  }, [theme]);
  return theme;
}
