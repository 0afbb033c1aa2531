import { z } from "zod";

/** One step of a document's migration chain: reads a document of one version, returns the next version's. */
export type DocumentMigration = (document: Record<string, unknown>) => Record<string, unknown>;

export type MigrationResult = { ok: true; document: unknown; from: string } | { ok: false; message: string };

/**
 * What reading a stored or imported document gives. `migratedFrom` names the version the input had when
 * it was older than the current one. On failure, `reason` says which step refused: `migration` (not a
 * document of this kind, or a version this build does not read; `message` says so) or `schema` (the
 * migrated document does not parse). `issues` are zod's issues in both cases, so callers that list them
 * word a wrong `schema` exactly as they did when they parsed the schema directly.
 */
export type ParseDocumentResult<T> =
  | { ok: true; document: T; migratedFrom?: string }
  | { ok: false; reason: "migration" | "schema"; message: string; issues: z.core.$ZodIssue[]; input: unknown };

export type DocumentFormat<T> = {
  /** The schema identifier this build writes and parses (`journey-studio/flow@1`). */
  current(): string;
  migrate(input: unknown): MigrationResult;
  parse(input: unknown): ParseDocumentResult<T>;
  /** As `parse`, but throws the ZodError, as `schema.parse` does. */
  parseOrThrow(input: unknown): T;
  /** Test-only: adds a step to the chain; returns the function that takes it out again. */
  registerMigrationForTesting(from: string, to: string, migrate: DocumentMigration): () => void;
  /** Test-only: makes `schema` (version `version`) the current one; returns the function that restores it. */
  useCurrentSchemaForTesting(version: string, schema: z.ZodType<T>): () => void;
};

/**
 * A versioned document kind: its current zod schema and the step-by-step migrations from older versions,
 * keyed by the version they read. Every read of a stored or imported document goes through `parse`:
 * migrate to the current version, then parse with the current schema.
 */
export function documentFormat<T>(options: {
  /** `flow`, `script`: named in messages (`is not a flow document`). */
  noun: string;
  current: string;
  schema: z.ZodType<T>;
  migrations?: Record<string, DocumentMigration>;
}): DocumentFormat<T> {
  const migrations = new Map(Object.entries(options.migrations ?? {}));
  let current = options.current;
  let schema = options.schema;

  const migrate = (input: unknown): MigrationResult => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      return { ok: false, message: `is not a ${options.noun} document: expected a JSON object` };
    }
    let document = input as Record<string, unknown>;
    const from = document.schema;
    if (typeof from !== "string") {
      return { ok: false, message: `is not a ${options.noun} document: "schema" must be "${current}"` };
    }
    for (let hops = 0; document.schema !== current; hops++) {
      const version = String(document.schema);
      const step = migrations.get(version);
      if (!step || hops > 100) {
        return {
          ok: false,
          message: `has schema "${version}", which this version does not read (expected "${current}")`,
        };
      }
      document = step(document);
    }
    return { ok: true, document, from };
  };

  const parse = (input: unknown): ParseDocumentResult<T> => {
    const migrated = migrate(input);
    if (!migrated.ok) {
      // The schema check on the input as it came says what a direct parse always said about it.
      const direct = schema.safeParse(input);
      const issues = direct.success
        ? [{ code: "custom" as const, path: ["schema"], message: migrated.message, input }]
        : direct.error.issues;
      return { ok: false, reason: "migration", message: migrated.message, issues, input };
    }
    const parsed = schema.safeParse(migrated.document);
    if (!parsed.success) {
      return {
        ok: false,
        reason: "schema",
        message: parsed.error.issues.map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`).join("; "),
        issues: parsed.error.issues,
        input: migrated.document,
      };
    }
    return {
      ok: true,
      document: parsed.data,
      ...(migrated.from !== current ? { migratedFrom: migrated.from } : {}),
    };
  };

  return {
    current: () => current,
    migrate,
    parse,
    parseOrThrow(input) {
      const result = parse(input);
      if (!result.ok) throw new z.ZodError(result.issues);
      return result.document;
    },
    registerMigrationForTesting(from, to, step) {
      const previous = migrations.get(from);
      migrations.set(from, (document) => {
        const next = step(document);
        return next.schema === to ? next : { ...next, schema: to };
      });
      return () => {
        if (previous) migrations.set(from, previous);
        else migrations.delete(from);
      };
    },
    useCurrentSchemaForTesting(version, replacement) {
      const before = { current, schema };
      current = version;
      schema = replacement;
      return () => {
        current = before.current;
        schema = before.schema;
      };
    },
  };
}
