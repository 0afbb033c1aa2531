// Issue 14, item 8: the workspace's compliance rules (policy@1 `compliance`, edited in Settings) refuse
// submission for review while a lint error stands, with the diagnostics listed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../server/errors/appError";
import { sqlClientFor } from "../../server/db/sqlClient";
import { createScript, getComplianceRules, saveScriptDraft, submitScriptVersion } from "../../server/services/scripts";
import { saveWorkspacePolicy } from "../../server/services/mot/workspacePolicyDocument";
import type { MemberSession } from "../../server/services/memberSession";
import { openTestDatabase, type TestDatabase } from "../runtime/testDatabase";

let t: TestDatabase;
let editor: MemberSession;

beforeAll(async () => {
  t = await openTestDatabase();
  editor = { workspaceId: t.workspaceId, user: { id: "ann", name: "Ann", role: "content-editor" } };
});
afterAll(async () => t?.close());

const script = (key: string, text: string, extra: object = {}) => ({
  schema: "journey-studio/script@1",
  key,
  name: key,
  variants: [{ channel: "sms", locale: "zh-CN", text }],
  ...extra,
});
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => {
      if (!(e instanceof AppError)) throw e;
      return { code: e.code, codes: (e.extensions.diagnostics as { code: string }[] | undefined)?.map((d) => d.code) };
    },
  );

describe("compliance rules on submission", () => {
  it("stores the rules in the policy document and refuses a script that breaks them until it is fixed", async () => {
    const db = t.database.db;
    expect(await getComplianceRules(db, t.workspaceId)).toBeNull();
    await saveWorkspacePolicy(sqlClientFor(t.database).query, t.workspaceId, {
      schema: "journey-studio/policy@1",
      compliance: {
        forbiddenPhrases: [{ phrase: "不知道", replacement: "我帮您确认一下" }],
        requiredDisclosures: [{ channel: "sms", categories: ["marketing"], anyOf: ["回T退订"] }],
        lengthLimits: [{ channel: "sms", maxSegments: 1 }],
      },
    });
    expect(await getComplianceRules(db, t.workspaceId)).toMatchObject({
      forbiddenPhrases: [{ phrase: "不知道", severity: "error" }],
    });

    await createScript(db, editor, {
      key: "promo",
      name: "promo",
      document: script("promo", "新品上市，我也不知道价格。" + "好".repeat(60), { category: "marketing" }),
    });
    expect(await failure(submitScriptVersion(db, editor, "promo", 1))).toEqual({
      code: "SCRIPT_HAS_ERRORS",
      codes: ["forbidden-phrase", "sms-too-long", "disclosure-missing"],
    });
    await saveScriptDraft(db, editor, "promo", script("promo", "新品上市，回T退订", { category: "marketing" }));
    expect(await failure(submitScriptVersion(db, editor, "promo", 1))).toBeNull();

    // The workspace's disclosure list replaces the built-in one: a service SMS needs no opt-out here.
    await createScript(db, editor, { key: "notice", name: "notice", document: script("notice", "您的账单已出") });
    expect(await failure(submitScriptVersion(db, editor, "notice", 1))).toBeNull();
  });

  it("a policy with malformed rules is refused with VALIDATION_FAILED, never stored", async () => {
    const error = await saveWorkspacePolicy(sqlClientFor(t.database).query, t.workspaceId, {
      schema: "journey-studio/policy@1",
      compliance: { lengthLimits: [{ channel: "sms", maxSegments: -1 }] },
    }).catch((e: unknown) => e);
    expect(error instanceof AppError && error.code).toBe("VALIDATION_FAILED");
    expect((await getComplianceRules(t.database.db, t.workspaceId))?.lengthLimits).toEqual([
      { channel: "sms", maxSegments: 1 },
    ]);
  });
});
