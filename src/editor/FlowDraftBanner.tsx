/** While a flow is being drawn from the keyboard: what to do next, and a way out. */
import { documentIndex } from "../canvas/indexes.ts";
import { useDocumentStore } from "../store/document-store.ts";
import { cancelFlow, useFlowDraft } from "./flow-draft.ts";

export function FlowDraftBanner() {
  const from = useFlowDraft((s) => s.from);
  const name = useDocumentStore((s) => (from ? documentIndex(s.document).name.get(from) : undefined));
  if (!from) return null;
  return (
    <div className="absolute inset-x-0 top-3 z-10 flex justify-center">
      <div className="flex items-center gap-3 rounded-full bg-blue-600 py-1 pr-1 pl-4 text-sm text-white shadow-lg">
        <span>
          Drawing a flow from <strong>{name ?? from}</strong>: select the container it goes to
        </span>
        <button type="button" onClick={cancelFlow} className="rounded-full bg-white/15 px-3 py-1 text-xs font-medium hover:bg-white/25 focus-visible:outline-2 focus-visible:outline-white">
          Cancel flow
        </button>
      </div>
    </div>
  );
}
