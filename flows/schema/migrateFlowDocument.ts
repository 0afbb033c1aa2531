import type { MigrationResult } from "./documentFormat";
import { flowDocumentFormat } from "./parseFlowDocument";

export type { MigrationResult } from "./documentFormat";

/** Migrates a flow document to the current version, without parsing it (parseFlowDocument does both). */
export function migrateFlowDocument(input: unknown): MigrationResult {
  return flowDocumentFormat.migrate(input);
}
