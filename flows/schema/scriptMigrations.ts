import type { DocumentMigration } from "./documentFormat";

/**
 * Step-by-step migrations between versions of the script document, keyed by the version they read, in
 * the same shape as flowMigrations.ts. `script@1` is current, so the chain is empty today.
 */
export const scriptMigrations: Record<string, DocumentMigration> = {};
