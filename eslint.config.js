import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", ".next*/**", ".data/**", "drizzle/**", "next-env.d.ts", "test-results/**"] },
  js.configs.recommended,
  {
    files: ["bin/**/*.js", "*.config.js", "next.config.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Stored and imported documents are read through parseFlowDocument / parseScriptDocument, which migrate
    // older versions first; parsing the schemas directly would skip the migrations (issue 10).
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["flows/schema/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "MemberExpression[object.name=/^(flowDocumentSchema|scriptDocumentSchema)$/][property.name=/^(safe)?[Pp]arse(Async)?$/]",
          message:
            "Read documents with parseFlowDocument / parseScriptDocument (flows/schema/): they migrate older versions before parsing.",
        },
        {
          selector:
            "ImportSpecifier[imported.name=/^(flowDocumentSchema|scriptDocumentSchema)$/][local.name!=/^(flowDocumentSchema|scriptDocumentSchema)$/]",
          message: "Import the document schemas under their own names, so the direct-parse rule sees them.",
        },
      ],
    },
  },
  {
    // flows/ is the pure heart: the same code runs in the browser and on the server.
    files: ["flows/**/*.ts"],
    ignores: ["flows/**/*.test.ts", "flows/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["react", "react-dom", "react/*", "next", "next/*", "@xyflow/*"],
              message: "flows/ stays free of UI code.",
            },
            {
              group: ["drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/*", "pg-boss", "hono", "hono/*"],
              message: "flows/ stays free of database and server code.",
            },
            {
              group: ["**/server/**", "**/components/**", "**/app/**", "node:*", "fs", "path"],
              message: "flows/ is pure: no server, UI or Node-only imports.",
            },
          ],
        },
      ],
    },
  },
  {
    // The browser reaches the server through tRPC only: components import the router's type, never a
    // server module's code (one would be bundled for the browser, database driver and all).
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/server/**"],
              allowTypeImports: true,
              message: "components/ imports server code as types only (import type).",
            },
          ],
        },
      ],
    },
  },
);
