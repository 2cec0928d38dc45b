/**
 * An ARIA tab list (WAI-ARIA Authoring Practices, "Tabs with automatic activation"): one tab stop,
 * arrow keys move between tabs and show them, Home and End jump to the ends. TabList and TabPanel
 * share an id base, so the list can sit in a sticky header apart from the panel.
 */
import { type KeyboardEvent, type ReactNode, useRef } from "react";

export interface TabSpec<K extends string> {
  key: K;
  label: string;
  /** A small count beside the label, hidden from the tab's accessible name. */
  badge?: ReactNode;
}

const tabId = (base: string, key: string) => `${base}-tab-${key}`;
const panelId = (base: string) => `${base}-panel`;

export function TabList<K extends string>({ base, label, tabs, active, onChange }: {
  base: string;
  label: string;
  tabs: readonly TabSpec<K>[];
  active: K;
  onChange: (key: K) => void;
}) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const index = Math.max(0, tabs.findIndex((t) => t.key === active));

  const move = (to: number) => {
    const tab = tabs[(to + tabs.length) % tabs.length];
    if (!tab) return;
    onChange(tab.key);
    refs.current.get(tab.key)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(index + 1),
      ArrowLeft: () => move(index - 1),
      Home: () => move(0),
      End: () => move(tabs.length - 1),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  return (
    <div role="tablist" aria-label={label} onKeyDown={onKeyDown} className="flex overflow-x-auto border-b border-slate-200 dark:border-slate-800">
      {tabs.map((t) => {
        const selected = t.key === active;
        return (
          <button
            key={t.key}
            ref={(el) => {
              if (el) refs.current.set(t.key, el);
              else refs.current.delete(t.key);
            }}
            type="button"
            role="tab"
            id={tabId(base, t.key)}
            aria-selected={selected}
            aria-controls={panelId(base)}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(t.key)}
            className={`relative -mb-px flex shrink-0 items-center border-b-2 py-1.5 pl-[5px] ${t.badge ? "pr-3" : "pr-[5px]"} text-xs font-medium whitespace-nowrap focus-visible:rounded-t focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-500 ${
              selected
                ? "border-blue-600 text-blue-700 dark:border-blue-400 dark:text-blue-300"
                : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800 dark:text-slate-400 dark:hover:border-slate-600 dark:hover:text-slate-100"
            }`}
          >
            {t.label}
            {t.badge}
          </button>
        );
      })}
    </div>
  );
}

export function TabPanel({ base, active, children, className = "" }: { base: string; active: string; children: ReactNode; className?: string }) {
  return (
    <div
      role="tabpanel"
      id={panelId(base)}
      aria-labelledby={tabId(base, active)}
      tabIndex={0}
      className={`min-w-0 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-500 ${className}`}
    >
      {children}
    </div>
  );
}
