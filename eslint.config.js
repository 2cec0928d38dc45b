// ESLint flat config. Besides the usual recommended sets, it enforces the one architectural
// boundary of Topolab: src/model is plain TypeScript (no React, no DOM, no store, no I/O), so the
// CLI, the Web Worker and the tests can run it anywhere. See DESIGN.md §2.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { defineConfig } from "eslint/config";

export default defineConfig(
  { ignores: ["dist/**", ".e2e-dist/**", "node_modules/**", "test-results/**", "playwright-report/**", "blob-report/**", "coverage/**"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["src/**/*.tsx"],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    files: ["src/cli/**", "bin/**", "bench/**", "e2e/**", "*.config.{js,ts}", ".ci/**"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The model boundary: what the model may not import, and which browser globals it may not touch.
    files: ["src/model/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals["shared-node-browser"] } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["react", "react-dom", "zustand", "zundo", "@xyflow/react"].map((name) => ({
            name,
            message: "src/model is framework-free: no UI or store libraries (DESIGN.md §2).",
          })),
          patterns: [
            {
              group: ["react/*", "react-dom/*", "zustand/*", "zundo/*", "@xyflow/react/*"],
              message: "src/model is framework-free: no UI or store libraries (DESIGN.md §2).",
            },
            {
              // "../store/…", "../../canvas", "src/panels/…", "@/io": any path that leaves the model
              // for an app layer. A model-internal "./io" stays allowed.
              regex: "^(?!\\./)(.*/)?(store|canvas|panels|io)(/|$)",
              message: "src/model may not depend on the app layers (store, canvas, panels, io).",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...["window", "document", "localStorage"].map((name) => ({
          name,
          message: "src/model runs outside the browser too (CLI, worker): no DOM or storage.",
        })),
      ],
    },
  },
);
