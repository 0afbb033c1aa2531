import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` writes SQL migrations into drizzle/ from the schema files;
// the server applies them at start-up (server/db/migrate.ts), on PGlite and on Postgres alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./server/db/schema/index.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
});
