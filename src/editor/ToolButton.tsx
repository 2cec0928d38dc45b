/** A toolbar button: an icon, its name (the accessible name and the tooltip), and visible text on wide screens. */
import type { ReactNode } from "react";
import { Icon, type IconName } from "./icons.tsx";

export const toolButtonClass =
  "inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-500 disabled:cursor-default disabled:opacity-40 disabled:hover:bg-transparent dark:text-slate-200 dark:hover:bg-slate-800";

export function ToolButton({ label, icon, onClick, disabled, shortcut, text, pressed }: {
  label: string;
  icon: IconName;
  onClick: () => void;
  disabled?: boolean;
  shortcut?: string;
  /** Visible text beside the icon. */
  text?: ReactNode;
  pressed?: boolean;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      onClick={onClick}
      disabled={disabled}
      aria-pressed={pressed}
      className={toolButtonClass}
    >
      <Icon name={icon} />
      {text && <span className="hidden lg:inline">{text}</span>}
    </button>
  );
}

