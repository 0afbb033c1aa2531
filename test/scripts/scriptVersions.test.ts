import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../../server/api/root";
import { AppError } from "../../server/errors/appError";
import {
  approvedScripts,
  approveScriptVersion,
  createScript,
  discardScriptDraft,
  exportScript,
  getScript,
  importScriptDocument,
  listScripts,
  returnScriptVersion,
  saveScriptDraft,
  submitScriptVersion,
} from "../../server/services/scripts";
import type { StudioRole, MemberSession } from "../../server/services/memberSession";
import { openTestDatabase, type TestDatabase } from "../runtime/testDatabase";
import { authFor } from "../../server/auth/auth";
import { addMember, browser } from "../security/authHarness";

let t: TestDatabase;
let session: MemberSession;
const as = (role: StudioRole, name: string = role): MemberSession => ({ ...session, user: { id: name, name, role } });

beforeAll(async () => {
  t = await openTestDatabase();
  session = { workspaceId: t.workspaceId, user: { id: "local-admin", name: "Local admin", role: "admin" } };
});
afterAll(async () => t?.close());

const doc = (key: string, text: string, extra: object = {}) => ({
  schema: "journey-studio/script@1",
  key,
  name: `Script ${key}`,
  variants: [{ channel: "sms", locale: "en", text }],
  ...extra,
});
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

describe("script versions and review", () => {
  it("creates a draft, edits it in place, submits, approves with who and when", async () => {
    const db = t.database.db;
    expect(await createScript(db, session, { key: "otp", name: "OTP" })).toEqual({
      key: "otp",
      version: 1,
      created: true,
    });
    expect(await code(createScript(db, session, { key: "otp", name: "Again" }))).toBe("CONFLICT");
    expect(await saveScriptDraft(db, session, "otp", doc("otp", "Code {{ code }}. Reply STOP to opt out"))).toEqual({
      key: "otp",
      version: 1,
      created: false,
    });
    await submitScriptVersion(db, as("content-editor", "Ann"), "otp", 1);
    // A version in review is frozen: saving starts version 2.
    expect(
      await saveScriptDraft(db, session, "otp", doc("otp", "Your code is {{ code }}. Reply STOP to opt out")),
    ).toEqual({ key: "otp", version: 2, created: true });
    await approveScriptVersion(db, as("reviewer", "Rita"), "otp", 1);
    const detail = await getScript(db, t.workspaceId, "otp");
    expect(detail.versions.map((v) => [v.version, v.status])).toEqual([
      [2, "draft"],
      [1, "approved"],
    ]);
    const v1 = detail.versions[1]!;
    expect(v1).toMatchObject({ createdBy: "Local admin", submittedBy: "Ann", approvedBy: "Rita" });
    expect(Date.parse(v1.approvedAt ?? "")).toBeGreaterThan(0);
    // Published flows see only the approved version.
    expect((await approvedScripts(db, t.workspaceId)).get("otp")?.variants[0]?.text).toBe(
      "Code {{ code }}. Reply STOP to opt out",
    );
    expect((await exportScript(db, t.workspaceId, "otp")).variants[0]?.text).toBe(
      "Code {{ code }}. Reply STOP to opt out",
    );
    expect((await exportScript(db, t.workspaceId, "otp", 2)).variants[0]?.text).toContain("Your code");
  });

  it("refuses the wrong transitions and roles", async () => {
    const db = t.database.db;
    await createScript(db, session, {
      key: "rules",
      name: "Rules",
      document: doc("rules", "Hi. Reply STOP to opt out"),
    });
    expect(await code(approveScriptVersion(db, session, "rules", 1))).toBe("CONFLICT"); // a draft cannot be approved
    expect(await code(submitScriptVersion(db, as("viewer"), "rules", 1))).toBe("FORBIDDEN");
    await submitScriptVersion(db, session, "rules", 1);
    expect(await code(submitScriptVersion(db, session, "rules", 1))).toBe("CONFLICT");
    expect(await code(approveScriptVersion(db, as("content-editor"), "rules", 1))).toBe("FORBIDDEN");
    expect(await code(saveScriptDraft(db, as("reviewer"), "rules", doc("rules", "x")))).toBe("FORBIDDEN");
    expect(await code(discardScriptDraft(db, session, "rules", 1))).toBe("CONFLICT"); // in review, not a draft
    expect(await code(returnScriptVersion(db, as("viewer"), "rules", 1))).toBe("FORBIDDEN");
    await returnScriptVersion(db, as("reviewer"), "rules", 1); // a reviewer sends it back…
    await submitScriptVersion(db, session, "rules", 1);
    await returnScriptVersion(db, session, "rules", 1); // …and an editor withdraws it
    expect((await getScript(db, t.workspaceId, "rules")).versions[0]).toMatchObject({
      status: "draft",
      submittedBy: null,
    });
    expect(await code(saveScriptDraft(db, session, "rules", doc("other-key", "x")))).toBe("VALIDATION_FAILED");
    expect(
      await code(
        saveScriptDraft(db, session, "rules", {
          schema: "journey-studio/script@1",
          key: "rules",
          name: "R",
          variants: [],
        }),
      ),
    ).toBe("VALIDATION_FAILED");
    expect(await code(submitScriptVersion(db, session, "missing", 1))).toBe("NOT_FOUND");
  });

  it("refuses to submit a draft with lint errors (SMS without the opt-out, broken Liquid)", async () => {
    const db = t.database.db;
    await createScript(db, session, { key: "lint", name: "Lint", document: doc("lint", "Hello {{ customer.name") });
    const error = await submitScriptVersion(db, session, "lint", 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error instanceof AppError && error.code).toBe("SCRIPT_HAS_ERRORS");
    const codes =
      error instanceof AppError ? (error.extensions.diagnostics as { code: string }[]).map((d) => d.code) : [];
    expect(codes).toContain("liquid-syntax");
  });

  it("does not approve an older version over a newer approved one", async () => {
    const db = t.database.db;
    await createScript(db, session, { key: "order", name: "Order", document: doc("order", "One. Reply STOP") });
    await submitScriptVersion(db, session, "order", 1);
    await saveScriptDraft(db, session, "order", doc("order", "Two. Reply STOP"));
    await submitScriptVersion(db, session, "order", 2);
    await approveScriptVersion(db, session, "order", 2);
    expect(await code(approveScriptVersion(db, session, "order", 1))).toBe("CONFLICT");
    expect(await code(returnScriptVersion(db, session, "order", 1))).toBe("CONFLICT");
    expect((await approvedScripts(db, t.workspaceId, ["order"])).get("order")?.variants[0]?.text).toBe(
      "Two. Reply STOP",
    );
  });

  it("discards a draft, and the script with its only version", async () => {
    const db = t.database.db;
    await createScript(db, session, { key: "gone", name: "Gone" });
    expect(await discardScriptDraft(db, session, "gone", 1)).toEqual({ scriptDeleted: true });
    expect(await code(getScript(db, t.workspaceId, "gone"))).toBe("NOT_FOUND");
  });

  it("imports documents as drafts (unchanged content is no new version) or approved", async () => {
    const db = t.database.db;
    expect(await importScriptDocument(db, t.workspaceId, doc("imp", "A. Reply STOP"))).toMatchObject({
      version: 1,
      created: true,
      status: "draft",
    });
    expect(await importScriptDocument(db, t.workspaceId, doc("imp", "A. Reply STOP"))).toMatchObject({
      version: 1,
      created: false,
    });
    expect(await importScriptDocument(db, t.workspaceId, doc("imp", "B. Reply STOP"))).toMatchObject({
      version: 1,
      created: false,
      status: "draft",
    }); // the draft is updated
    expect(
      await importScriptDocument(db, t.workspaceId, doc("imp", "B. Reply STOP"), { approvedBy: "examples" }),
    ).toMatchObject({ version: 1, status: "approved" });
    expect(
      await importScriptDocument(db, t.workspaceId, doc("imp", "B. Reply STOP"), { approvedBy: "examples" }),
    ).toMatchObject({ version: 1, created: false, status: "approved" });
    expect(await importScriptDocument(db, t.workspaceId, doc("imp", "C. Reply STOP"))).toMatchObject({
      version: 2,
      created: true,
      status: "draft",
    });
    expect(await code(importScriptDocument(db, t.workspaceId, { schema: "journey-studio/script@1", key: "bad" }))).toBe(
      "VALIDATION_FAILED",
    );
  });

  it("lists and searches by key, name, channel and status", async () => {
    const db = t.database.db;
    await createScript(db, session, {
      key: "welcome-mail",
      name: "欢迎邮件",
      document: {
        schema: "journey-studio/script@1",
        key: "welcome-mail",
        name: "欢迎邮件",
        variants: [{ channel: "email", locale: "zh-CN", subject: "欢迎", text: "您好" }],
      },
    });
    const keys = async (filter: Parameters<typeof listScripts>[2]) =>
      (await listScripts(db, t.workspaceId, filter)).map((s) => s.key);
    expect(await keys({ search: "欢迎" })).toEqual(["welcome-mail"]);
    expect(await keys({ search: "WELCOME-M" })).toEqual(["welcome-mail"]);
    expect(await keys({ search: "%" })).toEqual([]);
    expect(await keys({ channel: "email" })).toContain("welcome-mail");
    expect(await keys({ channel: "sms" })).not.toContain("welcome-mail");
    const mine = new Set(["imp", "order", "otp", "rules", "lint", "welcome-mail"]);
    expect((await keys({ status: "approved" })).filter((k) => mine.has(k))).toEqual(["order"]);
    expect((await keys({ status: "draft" })).filter((k) => mine.has(k))).toEqual([
      "imp",
      "lint",
      "otp",
      "rules",
      "welcome-mail",
    ]);
    const otp = (await listScripts(db, t.workspaceId, { search: "otp" }))[0];
    expect(otp).toMatchObject({
      key: "otp",
      latestVersion: 2,
      status: "draft",
      approvedVersion: 1,
      channels: ["sms"],
      locales: ["en"],
    });
  });

  it("is reachable through the tRPC router as a signed-in admin", async () => {
    const h = {
      database: t.database,
      auth: await authFor(t.database),
      workspaceId: t.workspaceId,
      close: async () => {},
    };
    await addMember(h, "script-admin@example.com", "admin");
    const signedIn = browser(h.auth);
    await signedIn.signIn("script-admin@example.com");
    const caller = appRouter.createCaller({ database: t.database, headers: signedIn.headers() });
    await caller.scripts.create({ key: "via-trpc", name: "Via tRPC" });
    const got = await caller.scripts.get({ key: "via-trpc" });
    expect(got.versions).toHaveLength(1);
    expect(got.can).toEqual({ edit: true, review: true, return: true });
    expect(got.variables.map((v) => v.name)).toContain("customer.name");
    await expect(caller.scripts.approve({ key: "via-trpc", version: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    const imported = await caller.scripts.import({ documents: [doc("via-import", "Hi. Reply STOP"), { nope: true }] });
    expect(imported.map((r) => r.ok)).toEqual([true, false]);
  });
});
