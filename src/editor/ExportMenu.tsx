/**
 * The Export menu button (WAI-ARIA menu button pattern): Enter, Space or ArrowDown opens it on the
 * first item (ArrowUp on the last); ArrowUp/ArrowDown move, Home/End jump, Enter/Space choose,
 * Escape closes back onto the button, Tab or a click elsewhere closes it. Its shortcut (the
 * "export" command) opens it on the first item too.
 */
import { useReactFlow } from "@xyflow/react";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { command } from "./commands.ts";
// The export code (html-to-image, the lab script, the Markdown report) loads on first use, not with the page.
import type { ExportFormat } from "./export-actions.ts";
import { Icon } from "./icons.tsx";
import { closePopup, openPopup, usePopupOpen } from "./toolbar-popups.ts";
import { toolButtonClass } from "./ToolButton.tsx";

const ITEMS: { format: ExportFormat; label: string; detail: string }[] = [
  { format: "png", label: "PNG image", detail: "the whole diagram; opens again as the topology" },
  { format: "svg", label: "SVG image", detail: "the whole diagram, scalable; opens again too" },
  { format: "json", label: "JSON document", detail: "the topology file (like Save)" },
  { format: "markdown", label: "Markdown report", detail: "addresses, routes, firewall, ports, flows" },
  { format: "lab", label: "Lab script", detail: "bash: builds it in network namespaces and checks it" },
];

export function ExportMenu() {
  const flow = useReactFlow();
  const open = usePopupOpen("export");
  const setOpen = (on: boolean) => (on ? openPopup("export") : closePopup("export"));
  const exportCommand = command("export");
  const [busy, setBusy] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();
  /** Which item to focus once the menu is open. */
  const focusOnOpen = useRef<"first" | "last">("first");

  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const openMenu = (at: "first" | "last") => {
    focusOnOpen.current = at;
    setOpen(true);
  };

  useEffect(() => {
    if (!open) return;
    const all = items();
    (focusOnOpen.current === "first" ? all[0] : all.at(-1))?.focus();
    focusOnOpen.current = "first"; // the next opening, by a click or the shortcut, starts on the first item
    const onPointer = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) closePopup("export");
    };
    document.addEventListener("pointerdown", onPointer, true);
    return () => document.removeEventListener("pointerdown", onPointer, true);
  }, [open]);

  const choose = async (format: ExportFormat) => {
    close(true);
    setBusy(true);
    try {
      await (await import("./export-actions.ts")).exportAs(format, flow);
    } finally {
      setBusy(false);
    }
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      openMenu("first");
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      openMenu("last");
    }
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const move = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === "ArrowDown") move(at + 1);
    else if (e.key === "ArrowUp") move(at - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(all.length - 1);
    else if (e.key === "Escape") close(true);
    else if (e.key === "Tab") {
      close(false);
      return; // let focus move on
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-label={exportCommand.label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-busy={busy}
        title={`${exportCommand.label} (${exportCommand.shortcut}): PNG, SVG, JSON, Markdown report, lab script`}
        onClick={() => (open ? close(false) : openMenu("first"))}
        onKeyDown={onButtonKey}
        className={toolButtonClass}
      >
        <Icon name="export" />
        <span className="hidden lg:inline">{busy ? "Exporting…" : "Export"}</span>
        <Icon name="chevron" className="h-3 w-3" />
      </button>
      {open && (
        <ul
          ref={menu}
          id={menuId}
          role="menu"
          aria-label="Export"
          onKeyDown={onMenuKey}
          className="absolute left-0 z-50 mt-1 w-80 rounded-lg border border-slate-200 bg-white p-1 shadow-xl dark:border-slate-700 dark:bg-slate-900"
        >
          {ITEMS.map((item) => (
            <li key={item.format} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => void choose(item.format)}
                aria-label={item.label}
                className="flex w-full flex-col rounded-md px-3 py-1.5 text-left hover:bg-slate-100 focus:bg-blue-50 focus:outline-none dark:hover:bg-slate-800 dark:focus:bg-slate-800"
              >
                <span className="text-sm text-slate-800 dark:text-slate-100">{item.label}</span>
                <span className="text-xs text-slate-500 dark:text-slate-400">{item.detail}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
