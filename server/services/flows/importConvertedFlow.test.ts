import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/runtime/testDatabase";
import { AppError } from "../../errors/appError";
import { getScript } from "../scripts";
import { getFlowDraft } from "./flowDrafts";
import { listFlows } from "./flowLibrary";
import { importConvertedFlow } from "./importConvertedFlow";

const fixture = (path: string): unknown =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../../../flows/convert/fixtures", path), "utf8"));

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t?.close());

const admin = () => ({ workspaceId: t.workspaceId, user: { id: "admin-1", role: "admin" as const } });
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

describe("importConvertedFlow", () => {
  it("saves a converted Twilio flow as a draft and each prompt as a script draft", async () => {
    const saved = await importConvertedFlow(t.database.db, admin(), { source: fixture("twilio/ivr-realistic.json") });
    expect(saved).toMatchObject({ key: "acme-support-ivr", notConverted: 4 });
    const draft = await getFlowDraft(t.database.db, t.workspaceId, "acme-support-ivr");
    expect(draft.latestVersion).toBeNull();
    expect(draft.document.nodes.find((n) => n.id === "main_menu")).toMatchObject({ type: "ask" });
    expect(saved.scripts).toHaveLength(3);
    for (const key of saved.scripts) {
      const script = await getScript(t.database.db, t.workspaceId, key);
      expect(script.versions.map((v) => v.status)).toEqual(["draft"]);
    }
  });

  it("takes another key, refuses a taken one and a file of neither format, writing nothing", async () => {
    const db = t.database.db;
    const source = fixture("connect/GetParticipantInput.json");
    expect((await importConvertedFlow(db, admin(), { source, key: "menu-from-connect" })).key).toBe(
      "menu-from-connect",
    );
    const before = (await listFlows(db, t.workspaceId)).length;
    expect(await code(importConvertedFlow(db, admin(), { source, key: "menu-from-connect" }))).toBe("CONFLICT");
    expect(await code(importConvertedFlow(db, admin(), { source: { hello: 1 } }))).toBe("UNPROCESSABLE");
    expect(await code(importConvertedFlow(db, admin(), { source, key: "bad key!" }))).toBe("VALIDATION_FAILED");
    expect((await listFlows(db, t.workspaceId)).length).toBe(before);
  });

  it("a designer may not write the script drafts a conversion brings", async () => {
    const designer = { workspaceId: t.workspaceId, user: { id: "d-1", role: "designer" as const } };
    expect(await code(importConvertedFlow(t.database.db, designer, { source: fixture("twilio/say-play.json") }))).toBe(
      "FORBIDDEN",
    );
    // Without prompts there is nothing but the flow: a designer may.
    expect(
      await code(importConvertedFlow(t.database.db, designer, { source: fixture("twilio/enqueue-call.json") })),
    ).toBe("ok");
  });
});
