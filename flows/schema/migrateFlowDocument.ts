import { FLOW_SCHEMA } from "./flowDocument";

/**
 * Step-by-step migrations between versions of the flow document, keyed by the version they read.
 * Each returns the document one version newer; `flow@1` is current, so the chain is empty today.
 * To add `flow@2`: add `"journey-studio/flow@1": (doc) => ({ ...doc, schema: "journey-studio/flow@2", … })`
 * and move FLOW_SCHEMA on.
 */
const migrations: Record<string, (document: Record<string, unknown>) => Record<string, unknown>> = {};

export type MigrationResult = { ok: true; document: unknown; from: string } | { ok: false; message: string };

export function migrateFlowDocument(input: unknown): MigrationResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, message: "is not a flow document: expected a JSON object" };
  }
  let document = input as Record<string, unknown>;
  const from = document.schema;
  if (typeof from !== "string") {
    return { ok: false, message: `is not a flow document: "schema" must be "${FLOW_SCHEMA}"` };
  }
  for (let hops = 0; document.schema !== FLOW_SCHEMA; hops++) {
    const schema = String(document.schema);
    const migrate = migrations[schema];
    if (!migrate || hops > 100) {
      return {
        ok: false,
        message: `has schema "${schema}", which this version does not read (expected "${FLOW_SCHEMA}")`,
      };
    }
    document = migrate(document);
  }
  return { ok: true, document, from };
}
