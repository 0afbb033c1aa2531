import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { baseFlow } from "../testing/flowBuilder";
import { FLOW_SCHEMA, flowDocumentSchema } from "./flowDocument";
import { migrateFlowDocument } from "./migrateFlowDocument";
import {
  parseFlowDocument,
  parseFlowDocumentOrThrow,
  registerFlowMigrationForTesting,
  useFlowSchemaForTesting,
} from "./parseFlowDocument";
import { migrateScriptDocument, parseScriptDocument } from "./parseScriptDocument";

const FLOW2 = "journey-studio/flow@2";
const flow2Schema = flowDocumentSchema.extend({ schema: z.literal(FLOW2), tags: z.array(z.string()) });

let restore: Array<() => void> = [];
afterEach(() => {
  for (const undo of restore.reverse()) undo();
  restore = [];
});

describe("parseFlowDocument", () => {
  it("parses a current document as the schema does, without migratedFrom", () => {
    const raw = baseFlow();
    const parsed = parseFlowDocument(raw);
    expect(parsed).toEqual({ ok: true, document: flowDocumentSchema.parse(raw) });
  });

  it("reports a wrong schema with the schema's own issues, so callers word it as before", () => {
    const raw = { ...baseFlow(), schema: "journey-studio/flow@9" };
    const parsed = parseFlowDocument(raw);
    const direct = flowDocumentSchema.safeParse(raw);
    expect(direct.success).toBe(false);
    expect(parsed).toMatchObject({
      ok: false,
      reason: "migration",
      message: `has schema "journey-studio/flow@9", which this version does not read (expected "${FLOW_SCHEMA}")`,
      issues: direct.error?.issues,
    });
  });

  it.each([
    ["null", null, "is not a flow document: expected a JSON object"],
    ["an array", [], "is not a flow document: expected a JSON object"],
    ["an object without schema", { key: "x" }, `is not a flow document: "schema" must be "${FLOW_SCHEMA}"`],
  ])("refuses %s at the migration step", (_, raw, message) => {
    expect(parseFlowDocument(raw)).toMatchObject({ ok: false, reason: "migration", message });
  });

  it("reports a document of the current version that does not parse as a schema failure", () => {
    const parsed = parseFlowDocument({ ...baseFlow(), channels: [] });
    expect(parsed).toMatchObject({ ok: false, reason: "schema", message: "channels: needs at least one channel" });
  });

  it("parseFlowDocumentOrThrow throws the ZodError a direct .parse threw", () => {
    const raw = { ...baseFlow(), name: "" };
    expect(() => parseFlowDocumentOrThrow(raw)).toThrow(z.ZodError);
    expect(() => parseFlowDocumentOrThrow(raw)).toThrow("is empty");
    expect(parseFlowDocumentOrThrow(baseFlow()).key).toBe(baseFlow().key);
  });

  it("migrates a flow@1 document once a test-only flow@2 is current, and says where it came from", () => {
    restore.push(useFlowSchemaForTesting(FLOW2, flow2Schema));
    expect(parseFlowDocument(baseFlow())).toMatchObject({ ok: false, reason: "migration" });
    restore.push(registerFlowMigrationForTesting(FLOW_SCHEMA, FLOW2, (doc) => ({ ...doc, tags: ["migrated"] })));
    expect(parseFlowDocument(baseFlow())).toMatchObject({
      ok: true,
      migratedFrom: FLOW_SCHEMA,
      document: { schema: FLOW2, tags: ["migrated"], key: baseFlow().key },
    });
    expect(migrateFlowDocument(baseFlow())).toMatchObject({ ok: true, from: FLOW_SCHEMA, document: { schema: FLOW2 } });
    // A migrated document that the new schema refuses is a schema failure, about the migrated document.
    restore.push(registerFlowMigrationForTesting(FLOW_SCHEMA, FLOW2, (doc) => ({ ...doc, tags: "no" })));
    expect(parseFlowDocument(baseFlow())).toMatchObject({
      ok: false,
      reason: "schema",
      input: { schema: FLOW2, tags: "no" },
    });
  });

  it("restores flow@1 and the empty chain afterwards", () => {
    expect(parseFlowDocument(baseFlow())).toMatchObject({ ok: true, document: { schema: FLOW_SCHEMA } });
    expect(parseFlowDocument({ ...baseFlow(), schema: FLOW2 })).toMatchObject({ ok: false, reason: "migration" });
  });
});

describe("parseScriptDocument", () => {
  const script = { schema: "journey-studio/script@1", key: "s", name: "S", variants: [{ channel: "sms", text: "x" }] };

  it("parses script@1 and refuses another version at the migration step", () => {
    expect(parseScriptDocument(script)).toMatchObject({ ok: true, document: script });
    expect(migrateScriptDocument(script)).toEqual({ ok: true, document: script, from: "journey-studio/script@1" });
    expect(parseScriptDocument({ ...script, schema: "journey-studio/script@0" })).toMatchObject({
      ok: false,
      reason: "migration",
      message:
        'has schema "journey-studio/script@0", which this version does not read (expected "journey-studio/script@1")',
    });
    expect(parseScriptDocument({ ...script, variants: [] })).toMatchObject({
      ok: false,
      reason: "schema",
      issues: [expect.objectContaining({ message: "a script needs at least one variant" })],
    });
  });
});
