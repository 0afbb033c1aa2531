import type { z } from "zod";
import { documentFormat, type DocumentMigration, type ParseDocumentResult } from "./documentFormat";
import { FLOW_SCHEMA, flowDocumentSchema, type FlowDocument } from "./flowDocument";
import { flowMigrations } from "./flowMigrations";

/** The flow document kind: flow@1 today, and the migrations from older versions (flowMigrations.ts). */
export const flowDocumentFormat = documentFormat<FlowDocument>({
  noun: "flow",
  current: FLOW_SCHEMA,
  schema: flowDocumentSchema,
  migrations: flowMigrations,
});

/**
 * Reads a flow document from anywhere (a stored draft or version, a file, an upload): migrates it to
 * the current version, then parses it. The one way in; parsing `flowDocumentSchema` directly outside
 * flows/schema/ is a lint error.
 */
export function parseFlowDocument(raw: unknown): ParseDocumentResult<FlowDocument> {
  return flowDocumentFormat.parse(raw);
}

/** `parseFlowDocument` with `.parse` semantics: the document, or a thrown ZodError. */
export function parseFlowDocumentOrThrow(raw: unknown): FlowDocument {
  return flowDocumentFormat.parseOrThrow(raw);
}

/** Test-only: adds `from` → `to` to the migration chain; call the returned function to take it out. */
export function registerFlowMigrationForTesting(from: string, to: string, migrate: DocumentMigration): () => void {
  return flowDocumentFormat.registerMigrationForTesting(from, to, migrate);
}

/**
 * Test-only: makes `version` the current flow schema, read with `schema` (e.g. flowDocumentSchema with a
 * `journey-studio/flow@2` literal); call the returned function to restore flow@1.
 */
export function useFlowSchemaForTesting(version: string, schema: z.ZodType): () => void {
  // A later version's document stands in for a FlowDocument here: that is what the test is about.
  return flowDocumentFormat.useCurrentSchemaForTesting(version, schema as z.ZodType<FlowDocument>);
}
