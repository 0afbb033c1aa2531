import type { z } from "zod";
import { documentFormat, type DocumentMigration, type ParseDocumentResult } from "./documentFormat";
import { SCRIPT_SCHEMA, scriptDocumentSchema, type ScriptDocument } from "./scriptDocument";
import { scriptMigrations } from "./scriptMigrations";

/** The script document kind: script@1 today, and the migrations from older versions (scriptMigrations.ts). */
export const scriptDocumentFormat = documentFormat<ScriptDocument>({
  noun: "script",
  current: SCRIPT_SCHEMA,
  schema: scriptDocumentSchema,
  migrations: scriptMigrations,
});

/**
 * Reads a script document from anywhere (a stored version, a file, the editor): migrates it to the
 * current version, then parses it. Parsing `scriptDocumentSchema` directly outside flows/schema/ is a
 * lint error.
 */
export function parseScriptDocument(raw: unknown): ParseDocumentResult<ScriptDocument> {
  return scriptDocumentFormat.parse(raw);
}

/** `parseScriptDocument` with `.parse` semantics: the document, or a thrown ZodError. */
export function parseScriptDocumentOrThrow(raw: unknown): ScriptDocument {
  return scriptDocumentFormat.parseOrThrow(raw);
}

/** Migrates a script document to the current version, without parsing it. */
export function migrateScriptDocument(raw: unknown) {
  return scriptDocumentFormat.migrate(raw);
}

/** Test-only: adds `from` → `to` to the script migration chain; call the returned function to take it out. */
export function registerScriptMigrationForTesting(from: string, to: string, migrate: DocumentMigration): () => void {
  return scriptDocumentFormat.registerMigrationForTesting(from, to, migrate);
}

/** Test-only: makes `version` the current script schema, read with `schema`; the returned function restores it. */
export function useScriptSchemaForTesting(version: string, schema: z.ZodType): () => void {
  // A later version's document stands in for a ScriptDocument here: that is what the test is about.
  return scriptDocumentFormat.useCurrentSchemaForTesting(version, schema as z.ZodType<ScriptDocument>);
}
