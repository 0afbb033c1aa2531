// `journey import` of a policy document (CONTRACT §7): a valid one becomes the workspace's policy (read
// back parsed, with defaults), an invalid one is refused with its problems and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlClientFor } from "../../server/db/sqlClient";
import { importDocuments } from "../../server/services/importDocuments";
import { getWorkspacePolicy } from "../../server/services/mot/workspacePolicyDocument";
import { openTestDatabase, serverUrl, type TestDatabase } from "./testDatabase";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

describe.each(kinds)("importing a policy document on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase({ kind });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("stores a valid policy and refuses an invalid one", async () => {
    const query = sqlClientFor(db.database).query;
    const [ok] = await importDocuments(
      db.database.db,
      db.workspaceId,
      [
        {
          name: "policy.json",
          document: {
            schema: "journey-studio/policy@1",
            defaultLocale: "zh-CN",
            quietHours: { start: "21:00", end: "08:00" },
            caps: [{ categories: ["marketing"], max: 1, per: "P1D" }],
          },
        },
      ],
      { publish: true },
    );
    expect(ok).toMatchObject({ kind: "policy", ok: true });
    expect(await getWorkspacePolicy(query, db.workspaceId)).toEqual({
      schema: "journey-studio/policy@1",
      defaultLocale: "zh-CN",
      quietHours: { start: "21:00", end: "08:00", categories: ["service", "marketing"] },
      caps: [{ categories: ["marketing"], max: 1, per: "P1D" }],
      whenCapped: "skip",
    });
    const [bad] = await importDocuments(
      db.database.db,
      db.workspaceId,
      [{ name: "bad.json", document: { schema: "journey-studio/policy@1", whenCapped: "drop" } }],
      { publish: true },
    );
    expect(bad).toMatchObject({ kind: "policy", ok: false });
    expect(bad?.diagnostics[0]?.code).toBe("INVALID_POLICY");
    expect((await getWorkspacePolicy(query, db.workspaceId)).defaultLocale).toBe("zh-CN");
  });
});
