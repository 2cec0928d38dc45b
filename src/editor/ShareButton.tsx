/**
 * "Share": the toolbar button opening the Share dialog (ShareDialog.tsx). The dialog and the link
 * encoder it needs (fflate, the minimiser) load when Share is first pressed, not with the page.
 */
import { Suspense, lazy } from "react";
import { command } from "./commands.ts";
import { DialogLoading } from "./Dialog.tsx";
import { closePopup, usePopupOpen } from "./toolbar-popups.ts";
import { ToolButton } from "./ToolButton.tsx";

const ShareDialog = lazy(() => import("./ShareDialog.tsx").then((m) => ({ default: m.ShareDialog })));

/** The toolbar's Share button; the same dialog opens from the keyboard (the "share" command). */
export function ShareButton() {
  const open = usePopupOpen("share");
  const share = command("share");
  return (
    <>
      <ToolButton label={share.label} icon="share" text="Share" shortcut={share.shortcut} onClick={() => share.run()} />
      {/* Mounted only while open: the link is made from the topology as it is when the dialog opens. */}
      {open && (
        <Suspense fallback={<DialogLoading title="Share" />}>
          <ShareDialog onClose={() => closePopup("share")} />
        </Suspense>
      )}
    </>
  );
}
