// The drivers taxonomy editor's service on a real database: the default taxonomy until the workspace saves
// its own, the whole taxonomy replaced by a save (add, rename, delete), the checks (empty keyword,
// duplicate driver), a stale save refused, who may save, the audit row; and VOC, tagged at read time,
// uses the new rules on the very next read (no re-fold).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { foldAnalytics } from "../../server/runtime/analyticsFold";
import { importExampleFlows } from "../../server/services/importDocuments";
import { voiceOfCustomer } from "../../server/services/analytics/voiceOfCustomer";
import { driverRules, readDriverTaxonomy, saveDriverTaxonomy } from "../../server/services/analytics/analyticsDrivers";
import type { DriverEntry } from "../../flows/analytics/driverTaxonomy";
import { AppError } from "../../server/errors/appError";
import type { MemberSession, StudioRole } from "../../server/services/memberSession";
import { openTestDatabase, type TestDatabase } from "./testDatabase";

let db: TestDatabase;
let engine: Engine;
let caller: Caller;
const today = new Date().toISOString().slice(0, 10);
const person = (role: StudioRole): MemberSession => ({
  workspaceId: db.workspaceId,
  user: { id: `${role}-1`, name: role, role },
});
const failure = (p: Promise<unknown>) =>
  p.then(
    () => ({ code: "ok", issues: [] as unknown }),
    (e: unknown) =>
      e instanceof AppError ? { code: e.code, issues: e.extensions?.issues } : { code: String(e), issues: [] },
  );

async function foldAll() {
  const until = Date.now() + 1_100;
  while (Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  while ((await foldAnalytics(engine.sql)).busy);
}

/** The drivers of each comment, as VOC tags them now. */
async function tags(): Promise<Record<string, string[]>> {
  const voice = await voiceOfCustomer(
    engine.sql.query,
    { workspaceId: db.workspaceId, test: true, flow: "post-contact-survey", from: today, to: today },
    (await driverRules(db.database.db, db.workspaceId)).rules,
  );
  return Object.fromEntries(voice.comments.map((c) => [c.comment, c.drivers]));
}

const entry = (driver: string, en: string[], zh: string[], labels = { en: driver, zh: driver }): DriverEntry => ({
  driver,
  labels,
  keywords: { en, zh },
});

beforeAll(async () => {
  db = await openTestDatabase();
  await importExampleFlows(db.database.db, db.workspaceId);
  engine = createRuntimeEngine(sqlClientFor(db.database));
  caller = { workspaceId: db.workspaceId, mode: "test" };
  for (const comment of ["排队太久，手续费也太贵", "The fee was a surprise", "浪费用户的时间"]) {
    const view = await engine.start(caller, { flow: "post-contact-survey", channel: "sms", context: {} });
    await engine.send(caller, view.id, { type: "survey.answered", data: { score: 4 } });
    await engine.send(caller, view.id, { type: "survey.answered", data: { score: 3, comment } });
  }
  await foldAll();
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe("the drivers taxonomy", () => {
  it("is the default one until the workspace saves its own", async () => {
    const taxonomy = await readDriverTaxonomy(db.database.db, db.workspaceId);
    expect(taxonomy.custom).toBe(false);
    expect(taxonomy.revision).toBe("default");
    expect(taxonomy.drivers.find((d) => d.driver === "waiting")).toEqual({
      driver: "waiting",
      labels: { en: "Waiting", zh: "等待" },
      keywords: {
        en: ["wait", "waiting", "waited", "slow", "queue", "hold"],
        zh: ["等待", "排队", "太久", "很慢", "等了"],
      },
    });
    expect(await tags()).toEqual({
      "排队太久，手续费也太贵": ["waiting", "fees"],
      "The fee was a surprise": ["fees"],
      // 费用 is not a word of 浪费用户 (Intl.Segmenter), so no driver.
      浪费用户的时间: [],
    });
  });

  it("is replaced whole by a save, and the next VOC read tags with the new rules", async () => {
    const before = await readDriverTaxonomy(db.database.db, db.workspaceId);
    // Renamed waiting → queue (only 排队 now), fees deleted, a new driver for wasted time.
    const drivers = [
      entry("queue", ["queue"], ["排队"], { en: "Queue", zh: "排队" }),
      entry("wasted-time", [], ["时间"], { en: "Wasted time", zh: "浪费时间" }),
    ];
    const saved = await saveDriverTaxonomy(db.database.db, person("designer"), {
      drivers,
      baseRevision: before.revision,
    });
    expect(saved.custom).toBe(true);
    expect(saved.revision).not.toBe("default");
    expect(saved.drivers).toEqual(drivers);
    expect(await readDriverTaxonomy(db.database.db, db.workspaceId)).toEqual(saved);
    expect(await tags()).toEqual({
      "排队太久，手续费也太贵": ["queue"],
      "The fee was a surprise": [],
      浪费用户的时间: ["wasted-time"],
    });
    const [audit] = await engine.sql.query<{ actor_id: string; before: { custom: boolean }; after: unknown }>(
      "select actor_id, before, after from audit_log where workspace_id = $1 and action = 'drivers.saved'",
      [db.workspaceId],
    );
    expect(audit?.actor_id).toBe("designer-1");
    expect(audit?.before.custom).toBe(false);
    expect(audit?.after).toEqual({ drivers });
  });

  it("refuses an empty keyword, a duplicate driver and a keyword with no word, naming each", async () => {
    const { revision } = await readDriverTaxonomy(db.database.db, db.workspaceId);
    const result = await failure(
      saveDriverTaxonomy(db.database.db, person("admin"), {
        drivers: [entry("queue", ["queue", " "], ["排队"]), entry("queue", ["…"], ["等"]), entry("", [], [])],
        baseRevision: revision,
      }),
    );
    expect(result.code).toBe("VALIDATION_FAILED");
    expect(result.issues).toEqual([
      { code: "KEYWORD_EMPTY", index: 0, locale: "en" },
      { code: "DRIVER_DUPLICATE", index: 1, value: "queue" },
      { code: "KEYWORD_NO_WORDS", index: 1, locale: "en", value: "…" },
      { code: "DRIVER_EMPTY", index: 2 },
      { code: "LABEL_EMPTY", index: 2, locale: "en" },
      { code: "LABEL_EMPTY", index: 2, locale: "zh" },
      { code: "NO_KEYWORDS", index: 2 },
    ]);
    // Nothing was written.
    expect((await readDriverTaxonomy(db.database.db, db.workspaceId)).revision).toBe(revision);
  });

  it("refuses a save from a revision someone else has saved over", async () => {
    const { revision } = await readDriverTaxonomy(db.database.db, db.workspaceId);
    const drivers = [entry("queue", ["queue", "hold"], ["排队"])];
    await saveDriverTaxonomy(db.database.db, person("admin"), { drivers, baseRevision: revision });
    const stale = await failure(
      saveDriverTaxonomy(db.database.db, person("designer"), {
        drivers: [entry("x", ["x"], [])],
        baseRevision: revision,
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect((await readDriverTaxonomy(db.database.db, db.workspaceId)).drivers).toEqual(drivers);
  });

  it("may be saved by admins and designers only", async () => {
    const { revision, drivers } = await readDriverTaxonomy(db.database.db, db.workspaceId);
    for (const role of ["content-editor", "reviewer", "viewer"] as const) {
      const result = await failure(
        saveDriverTaxonomy(db.database.db, person(role), { drivers, baseRevision: revision }),
      );
      expect(result.code, role).toBe("FORBIDDEN");
    }
  });
});
