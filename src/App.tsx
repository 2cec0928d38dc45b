/** Topolab: the canvas editor (DESIGN.md §1, §7). */
import { Editor } from "./editor/Editor.tsx";

export function App() {
  return <Editor />;
}
