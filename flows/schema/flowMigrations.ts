import type { DocumentMigration } from "./documentFormat";

/**
 * Step-by-step migrations between versions of the flow document, keyed by the version they read.
 * Each returns the document one version newer; `flow@1` is current, so the chain is empty today.
 * To add `flow@2`: add `"journey-studio/flow@1": (doc) => ({ ...doc, schema: "journey-studio/flow@2", … })`
 * and move FLOW_SCHEMA (and flowDocumentSchema) on.
 */
export const flowMigrations: Record<string, DocumentMigration> = {};
