import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

/**
 * `npm run bench:canvas` builds with TOPOLAB_BENCH=1: the bare React Flow page it compares the
 * editor with (bench/canvas/bare.html) becomes a second entry. Without it the build is the app alone.
 */
const bench = process.env.TOPOLAB_BENCH === "1";
const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  ...(bench ? { build: { rolldownOptions: { input: { index: entry("./index.html"), bare: entry("./bench/canvas/bare.html") } } } } : {}),
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
