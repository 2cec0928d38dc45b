/** The editor's last message, shown for a few seconds at the bottom of the canvas and read out by screen readers. */
import { useStatusStore } from "../store/status-store.ts";

export function StatusLine() {
  const { message, seq, tone, visible } = useStatusStore();
  return (
    <div role="status" aria-live="polite" aria-label="Last action" className="pointer-events-none absolute inset-x-0 bottom-4 z-10 flex justify-center">
      {seq > 0 &&
        (visible ? (
          // Keyed by seq: each message restarts the fade (CSS animation "toast" in index.css).
          <span
            key={seq}
            className={`topolab-toast max-w-[80%] rounded-full px-4 py-1.5 text-sm shadow-lg ${
              tone === "error" ? "bg-red-700 text-white" : "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
            }`}
          >
            {message}
          </span>
        ) : (
          // Shown elsewhere (the flow banner): only read out.
          <span key={seq} className="sr-only">
            {message}
          </span>
        ))}
    </div>
  );
}
