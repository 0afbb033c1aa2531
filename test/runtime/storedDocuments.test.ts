// Issue 10: stored documents go through their migrations. A flow@1 (and script@1) document is stored the
// ordinary way; then a test-only flow@2 (script@2) is made current with a migration from version 1, and
// every read path (draft row, published version row, the runtime's version cache, the resolver, export,
// the studio's import, the CLI reading a file, the validator) must hand back the migrated shape. Without
// the migration the same paths refuse the stored documents, which shows they read through the chain.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { main } from "../../cli/main";
import { flowDirectoryResolver } from "../../cli/flowDirectory";
import { FLOW_SCHEMA, flowDocumentSchema, validateFlow, type FlowContext } from "../../flows";
import { registerFlowMigrationForTesting, useFlowSchemaForTesting } from "../../flows/schema/parseFlowDocument";
import { registerScriptMigrationForTesting, useScriptSchemaForTesting } from "../../flows/schema/parseScriptDocument";
import { SCRIPT_SCHEMA, scriptDocumentSchema } from "../../flows/schema/scriptDocument";
import { createFlowVersionCache } from "../../server/runtime/flowVersionCache";
import { sqlClientFor } from "../../server/db/sqlClient";
import { getFlowDraft, importFlowDocument } from "../../server/services/flows/flowDrafts";
import { listFlows } from "../../server/services/flows/flowLibrary";
import { getVersion, listVersions, publishedDocuments } from "../../server/services/flows/flowVersions";
import { exportFlow, listPublishedFlows, publishedFlowResolver, publishFlow } from "../../server/services/publishing";
import { createRuntimeScripts } from "../../server/runtime/runtimeScripts";
import { approvedScripts, exportScript, getScript } from "../../server/services/scripts/scriptQueries";
import { scriptVariableSuggestions } from "../../server/services/scripts/scriptVariableSuggestions";
import { importScriptDocument } from "../../server/services/scripts/scriptVersionsService";
import { openTestDatabase, serverUrl, type TestDatabase } from "./testDatabase";

const FLOW2 = "journey-studio/flow@2";
const SCRIPT2 = "journey-studio/script@2";

/** flow@2 (test-only): flow@1 plus a required `tags` list. */
const flow2Schema = flowDocumentSchema.extend({ schema: z.literal(FLOW2), tags: z.array(z.string()) });
const script2Schema = scriptDocumentSchema.extend({ schema: z.literal(SCRIPT2), tags: z.array(z.string()) });

const flowV1 = {
  schema: FLOW_SCHEMA,
  key: "stored-v1",
  name: "Stored as flow@1",
  kind: "sop",
  channels: ["sms", "chat"],
  variables: { amount: { type: "number" } },
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
    { id: "say", type: "message", position: { x: 0, y: 100 }, data: { script: "stored-script", channel: "sms" } },
    { id: "done", type: "end", position: { x: 0, y: 200 }, data: { outcome: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", target: "say" },
    { id: "e2", source: "say", target: "done" },
  ],
};

const scriptV1 = {
  schema: SCRIPT_SCHEMA,
  key: "stored-script",
  name: "Stored as script@1",
  variants: [{ channel: "sms", text: "Hello {{ customer.name | default: 'there' }}" }],
};

const emptyContext: FlowContext = { vars: {}, customer: {}, frames: [] };

const migratedFlow = { schema: FLOW2, tags: ["from-flow@1"], channels: ["sms", "chat"] };
const migratedScript = { schema: SCRIPT2, tags: ["from-script@1"], key: "stored-script" };

let restore: Array<() => void> = [];
afterEach(() => {
  for (const undo of restore.reverse()) undo();
  restore = [];
});

/** Makes flow@2 current; with `migrate`, flow@1 documents are migrated to it (else they no longer read). */
function flow2(options: { migrate: boolean }): void {
  restore.push(useFlowSchemaForTesting(FLOW2, flow2Schema));
  if (options.migrate)
    restore.push(registerFlowMigrationForTesting(FLOW_SCHEMA, FLOW2, (doc) => ({ ...doc, tags: ["from-flow@1"] })));
}

function script2(options: { migrate: boolean }): void {
  restore.push(useScriptSchemaForTesting(SCRIPT2, script2Schema));
  if (options.migrate)
    restore.push(
      registerScriptMigrationForTesting(SCRIPT_SCHEMA, SCRIPT2, (doc) => ({ ...doc, tags: ["from-script@1"] })),
    );
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const write = (text: string) => {
    out += text;
  };
  const code = await main(args, { stdout: write, stderr: write });
  return { code, out };
}

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

describe.each(kinds)("stored flow@1 and script@1 documents after a version 2 is registered, on %s", (kind) => {
  let t: TestDatabase;
  let dir: string;
  let flowFile: string;
  let scriptFile: string;
  let versionId: string;

  beforeAll(async () => {
    t = await openTestDatabase({ kind });
    const { db } = t.database;
    // Stored while version 1 is current, the way the studio and `journey import` store them.
    const script = await importScriptDocument(db, t.workspaceId, scriptV1, { by: "test", approvedBy: "test" });
    expect(script).toMatchObject({ status: "approved", version: 1 });
    const published = await publishFlow(db, t.workspaceId, flowV1);
    expect(published).toMatchObject({ ok: true, version: 1 });
    expect(
      await importFlowDocument(
        db,
        t.workspaceId,
        { ...flowV1, key: "draft-only" },
        { replace: false, by: { type: "system", label: "test" } },
      ),
    ).toMatchObject({ key: "draft-only", created: true });
    const listed = await listPublishedFlows(db, t.workspaceId);
    versionId = listed.find((f) => f.key === flowV1.key)?.versionId ?? "";
    dir = mkdtempSync(join(tmpdir(), "journey-stored-"));
    flowFile = join(dir, `${flowV1.key}.json`);
    writeFileSync(flowFile, JSON.stringify(flowV1));
    scriptFile = join(dir, "scripts-stored-script.json");
    writeFileSync(scriptFile, JSON.stringify(scriptV1));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it("every flow read path returns the migrated flow@2 document", async () => {
    flow2({ migrate: true });
    const { db } = t.database;
    const ws = t.workspaceId;

    // Draft rows (the designer's open, and a draft that was never published).
    expect((await getFlowDraft(db, ws, flowV1.key)).document).toMatchObject(migratedFlow);
    expect((await getFlowDraft(db, ws, "draft-only")).document).toMatchObject(migratedFlow);
    // Published version rows.
    expect((await getVersion(db, ws, flowV1.key, 1)).document).toMatchObject(migratedFlow);
    const published = await publishedDocuments(db, ws);
    expect(published.find((d) => d.key === flowV1.key)).toMatchObject(migratedFlow);
    // The examples seeded into the workspace were stored as flow@1 too.
    expect(published.length).toBeGreaterThan(1);
    for (const document of published) expect(document).toMatchObject({ schema: FLOW2, tags: ["from-flow@1"] });
    expect((await publishedFlowResolver(db, ws))(flowV1.key)).toMatchObject(migratedFlow);
    expect((await listPublishedFlows(db, ws)).find((f) => f.key === flowV1.key)).toMatchObject({
      channels: ["sms", "chat"],
      trigger: { type: "api" },
    });
    // The library and version list read the rows' node counts through the same parse.
    expect((await listFlows(db, ws)).find((f) => f.key === flowV1.key)).toMatchObject({ nodeCount: 3 });
    expect(await listVersions(db, ws, flowV1.key)).toEqual([expect.objectContaining({ version: 1, nodeCount: 3 })]);
    expect((await scriptVariableSuggestions(db, ws, "stored-script")).filter((v) => v.source !== "customer")).toEqual([
      { name: "amount", source: expect.stringMatching(/^(stored-v1|draft-only)$/) },
    ]);
    // The runtime's version cache.
    const cache = createFlowVersionCache(sqlClientFor(t.database));
    expect((await cache.get(versionId)).document).toMatchObject(migratedFlow);
    // Export (`journey export`): the draft and a version, as the current version writes them.
    expect(await exportFlow(db, ws, flowV1.key)).toMatchObject(migratedFlow);
    expect(await exportFlow(db, ws, flowV1.key, 1)).toMatchObject(migratedFlow);
    // The studio's import of a flow@1 file, read back from its draft row.
    expect(
      await importFlowDocument(
        db,
        ws,
        { ...flowV1, key: "imported" },
        { replace: false, by: { type: "system", label: "test" } },
      ),
    ).toEqual({
      key: "imported",
      created: true,
    });
    expect((await getFlowDraft(db, ws, "imported")).document).toMatchObject({ ...migratedFlow, key: "imported" });
    // The CLI reading a file: the subflow resolver, validate and compile.
    expect(flowDirectoryResolver([dir])(flowV1.key)).toMatchObject(migratedFlow);
    expect(await cli(["validate", flowFile])).toEqual({ code: 0, out: "" });
    expect((await cli(["compile", flowFile])).code).toBe(0);
    // The validator the designer runs.
    expect(validateFlow(flowV1).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("without the migration, flow@2 refuses the stored flow@1 documents on those same paths", async () => {
    flow2({ migrate: false });
    const { db } = t.database;
    const ws = t.workspaceId;
    await expect(getFlowDraft(db, ws, flowV1.key)).rejects.toMatchObject({ code: "FLOW_INVALID" });
    await expect(getVersion(db, ws, flowV1.key, 1)).rejects.toMatchObject({ code: "FLOW_INVALID" });
    expect(await publishedDocuments(db, ws)).toEqual([]); // the seeded examples are flow@1 as well
    expect((await listFlows(db, ws)).find((f) => f.key === flowV1.key)).toMatchObject({ nodeCount: 0 });
    expect(await listVersions(db, ws, flowV1.key)).toEqual([expect.objectContaining({ version: 1, nodeCount: 0 })]);
    // Only the draft the studio's import stored (as flow@2, in the test before) still reads.
    expect((await scriptVariableSuggestions(db, ws, "stored-script")).filter((v) => v.source !== "customer")).toEqual([
      { name: "amount", source: "imported" },
    ]);
    expect((await publishedFlowResolver(db, ws))(flowV1.key)).toBeUndefined();
    await expect(createFlowVersionCache(sqlClientFor(t.database)).get(versionId)).rejects.toBeInstanceOf(z.ZodError);
    expect(await exportFlow(db, ws, flowV1.key)).toMatchObject({ schema: FLOW_SCHEMA });
    expect(flowDirectoryResolver([dir])(flowV1.key)).toBeUndefined();
    const validated = await cli(["validate", flowFile]);
    expect(validated.code).toBe(1);
    expect(validated.out).toContain(`has schema "${FLOW_SCHEMA}", which this version does not read`);
  });

  it("with flow@1 current again, the stored documents read as they were stored", async () => {
    const { db } = t.database;
    const { document } = await getVersion(db, t.workspaceId, flowV1.key, 1);
    expect(document.schema).toBe(FLOW_SCHEMA);
    expect(document).not.toHaveProperty("tags");
    expect(await exportFlow(db, t.workspaceId, flowV1.key, 1)).toEqual(flowV1);
  });

  it("every script read path returns the migrated script@2 document", async () => {
    script2({ migrate: true });
    const { db } = t.database;
    const ws = t.workspaceId;
    expect((await approvedScripts(db, ws)).get("stored-script")).toMatchObject(migratedScript);
    expect((await getScript(db, ws, "stored-script")).versions[0]?.document).toMatchObject(migratedScript);
    expect(await exportScript(db, ws, "stored-script")).toMatchObject(migratedScript);
    const texts = await createRuntimeScripts().prepare(sqlClientFor(t.database).query, ws, ["stored-script"]);
    expect(texts.render("stored-script", "sms", emptyContext, "seed")?.text).toBe("Hello there");
    const rendered = await cli(["render", scriptFile, "--channel", "sms"]);
    expect(rendered).toMatchObject({ code: 0 });
    expect(rendered.out).toContain("Hello there");
  });

  it("without the migration, script@2 refuses the stored script@1 documents on those same paths", async () => {
    script2({ migrate: false });
    const { db } = t.database;
    const ws = t.workspaceId;
    expect((await approvedScripts(db, ws)).get("stored-script")).toBeUndefined();
    expect((await getScript(db, ws, "stored-script")).versions[0]?.document).toBeNull();
    const texts = await createRuntimeScripts().prepare(sqlClientFor(t.database).query, ws, ["stored-script"]);
    expect(texts.render("stored-script", "sms", emptyContext, "seed")?.text).toBeUndefined();
    expect((await cli(["render", scriptFile, "--channel", "sms"])).code).toBe(1);
  });
});
