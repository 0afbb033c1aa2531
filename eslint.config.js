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
    // The server's layers (STYLE.md): transports (server/api, server/http, cli/) → services → runtime → db.
    // server/errors and server/env are used by every layer and use none; flows/ is open to all.
    files: ["server/runtime/**/*.ts"],
    ignores: ["server/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "**/services/**",
                "**/api/**",
                "**/http/**",
                "**/auth/**",
                "**/cli/**",
                "**/app/**",
                "**/components/**",
              ],
              message: "server/runtime sits below services, auth and the transports: pass in what it needs.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/services/**/*.ts"],
    ignores: ["server/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/api/**", "**/http/**", "**/cli/**", "**/app/**", "**/components/**"],
              message: "server/services sits below the transports (tRPC, Hono, the CLI) and the pages.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/db/**/*.ts"],
    ignores: ["server/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "**/runtime/**",
                "**/services/**",
                "**/api/**",
                "**/http/**",
                "../auth/**",
                "../../auth/**",
                "**/cli/**",
                "**/app/**",
                "**/components/**",
              ],
              message: "server/db is the bottom layer: it imports nothing above it.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/errors/**/*.ts", "server/env.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["../**"],
              message: "server/errors and server/env are used by every layer and use none of them.",
            },
          ],
        },
      ],
    },
  },
  {
    // The browser's code takes only types from the server (the tRPC router's type for the client).
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
