// Writing scripts. A script has at most one draft (the newest version, edited in
// place); submitting freezes it for review; a reviewer approves it (or returns it to draft). Approved
// versions never change; the newest approved one is what published flows use.
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { parseScriptDocument, type ScriptChannel, type ScriptDocument } from "../../../flows/scripts";
import type { Db } from "../../db/client";
import { scripts, scriptVersions } from "../../db/schema";
import { AppError } from "../../errors/appError";
import { contentHash } from "../contentHash";
import type { MemberSession } from "../memberSession";
import { requireRole } from "./scriptAccess";
import { assertFourEyes } from "../../auth/policy";
import { getWorkspaceSecurity } from "../../auth/workspaceSecurity";
import { memberActor, recordAudit } from "../audit/recordAudit";
import { findScriptId } from "./scriptQueries";
import { assertNoLintErrors, getComplianceRules } from "./scriptCompliance";
import { snippetLibraryFor } from "./snippetUsage";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type SavedVersion = { key: string; version: number; created: boolean };

/** Parses a script document or throws VALIDATION_FAILED with the schema's issues. */
export function parseOrThrow(document: unknown): ScriptDocument {
  const parsed = parseScriptDocument(document);
  if (parsed.ok) return parsed.document;
  const issues = parsed.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw new AppError("VALIDATION_FAILED", {
    detail: `Not a script document: ${issues.map((i) => `${i.path || "(document)"}: ${i.message}`).join("; ")}`,
    extensions: { issues },
  });
}

/** A new script with one empty variant (SMS unless given; in the given locale) or the given document as its first draft. */
export async function createScript(
  db: Db,
  session: MemberSession,
  input: { key: string; name: string; channel?: ScriptChannel; locale?: string; document?: unknown },
): Promise<SavedVersion> {
  requireRole(session, "edit");
  const document = parseOrThrow(
    input.document ?? {
      schema: "journey-studio/script@1",
      key: input.key,
      name: input.name,
      variants: [{ channel: input.channel ?? "sms", ...(input.locale ? { locale: input.locale } : {}), text: "" }],
    },
  );
  if (document.key !== input.key)
    throw new AppError("VALIDATION_FAILED", { detail: `The document's key "${document.key}" is not "${input.key}".` });
  return db.transaction(async (tx) => {
    const [script] = await tx
      .insert(scripts)
      .values({ workspaceId: session.workspaceId, key: input.key, name: input.name })
      .onConflictDoNothing()
      .returning({ id: scripts.id });
    if (!script)
      throw new AppError("CONFLICT", {
        detail: `A script with the key "${input.key}" already exists.`,
        extensions: { key: input.key },
      });
    await tx.insert(scriptVersions).values({
      workspaceId: session.workspaceId,
      scriptId: script.id,
      version: 1,
      document: { ...document, name: input.name },
      createdBy: session.user.name,
      createdById: session.user.id,
    });
    return { key: input.key, version: 1, created: true };
  });
}

/**
 * Saves the document as the script's draft: edits the draft in place when the newest version is one,
 * else starts a new draft version on top (a version in review or approved is never changed).
 */
export async function saveScriptDraft(
  db: Db,
  session: MemberSession,
  key: string,
  document: unknown,
): Promise<SavedVersion> {
  requireRole(session, "edit");
  const doc = parseOrThrow(document);
  if (doc.key !== key)
    throw new AppError("VALIDATION_FAILED", {
      detail: `The document's key "${doc.key}" is not "${key}"; a script's key never changes.`,
    });
  return db.transaction(async (tx) => {
    const script = await findScriptId(tx, session.workspaceId, key);
    return writeDraft(tx, session.workspaceId, script.id, key, doc, session.user);
  });
}

/** Edits the newest version when it is a draft, else adds a draft version on top of it. */
export async function writeDraft(
  tx: Tx,
  workspaceId: string,
  scriptId: string,
  key: string,
  doc: ScriptDocument,
  by: { id: string | null; name: string },
): Promise<SavedVersion> {
  const latest = await latestVersion(tx, scriptId);
  await tx.update(scripts).set({ name: doc.name, updatedAt: new Date() }).where(eq(scripts.id, scriptId));
  if (latest?.status === "draft") {
    // Whoever edits the draft last is its author for the four-eyes rule.
    await tx
      .update(scriptVersions)
      .set({ document: doc, updatedAt: new Date(), createdById: by.id })
      .where(and(eq(scriptVersions.scriptId, scriptId), eq(scriptVersions.version, latest.version)));
    return { key, version: latest.version, created: false };
  }
  const version = (latest?.version ?? 0) + 1;
  await tx
    .insert(scriptVersions)
    .values({ workspaceId, scriptId, version, document: doc, createdBy: by.name, createdById: by.id });
  return { key, version, created: true };
}

async function latestVersion(tx: Pick<Db, "select">, scriptId: string) {
  const [row] = await tx
    .select({ version: scriptVersions.version, status: scriptVersions.status, document: scriptVersions.document })
    .from(scriptVersions)
    .where(eq(scriptVersions.scriptId, scriptId))
    .orderBy(desc(scriptVersions.version))
    .limit(1);
  return row;
}

async function versionRow(tx: Tx, workspaceId: string, key: string, version: number) {
  const script = await findScriptId(tx, workspaceId, key);
  // Lock the row so two reviewers cannot both move it.
  const [row] = await tx
    .select({
      version: scriptVersions.version,
      status: scriptVersions.status,
      document: scriptVersions.document,
      submittedBy: scriptVersions.submittedBy,
      createdById: scriptVersions.createdById,
      submittedById: scriptVersions.submittedById,
    })
    .from(scriptVersions)
    .where(and(eq(scriptVersions.scriptId, script.id), eq(scriptVersions.version, version)))
    .for("update");
  if (!row) throw new AppError("NOT_FOUND", { detail: `Script "${key}" has no version ${version}.` });
  return { scriptId: script.id, ...row };
}

/**
 * draft → in review. Refused (SCRIPT_HAS_ERRORS, with the diagnostics) while the document has a lint
 * error under the workspace's compliance rules: the editor shows the same list.
 */
export async function submitScriptVersion(db: Db, session: MemberSession, key: string, version: number): Promise<void> {
  requireRole(session, "edit");
  await db.transaction(async (tx) => {
    const row = await versionRow(tx, session.workspaceId, key, version);
    if (row.status !== "draft")
      throw new AppError("CONFLICT", {
        detail: `Version ${version} is ${row.status.replace("_", " ")}; only a draft can be submitted.`,
        extensions: { status: row.status },
      });
    const doc = parseOrThrow(row.document);
    const snippets = await snippetLibraryFor(tx, session.workspaceId, doc);
    assertNoLintErrors(doc, await getComplianceRules(tx, session.workspaceId), snippets);
    await tx
      .update(scriptVersions)
      .set({
        status: "in_review",
        submittedBy: session.user.name,
        submittedById: session.user.id,
        submittedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(and(eq(scriptVersions.scriptId, row.scriptId), eq(scriptVersions.version, version)));
  });
}

/** in review → approved, by a reviewer; refused when a newer version is already approved. */
export async function approveScriptVersion(
  db: Db,
  session: MemberSession,
  key: string,
  version: number,
): Promise<void> {
  requireRole(session, "review");
  await db.transaction(async (tx) => {
    const row = await versionRow(tx, session.workspaceId, key, version);
    if (row.status !== "in_review")
      throw new AppError("CONFLICT", {
        detail: `Version ${version} is ${row.status.replace("_", " ")}; only a version in review can be approved.`,
        extensions: { status: row.status },
      });
    const [newer] = await tx
      .select({ version: scriptVersions.version })
      .from(scriptVersions)
      .where(and(eq(scriptVersions.scriptId, row.scriptId), eq(scriptVersions.status, "approved")))
      .orderBy(desc(scriptVersions.version))
      .limit(1);
    if (newer && newer.version > version)
      throw new AppError("CONFLICT", {
        detail: `Version ${newer.version} is already approved; approving the older version ${version} would not be used.`,
      });
    const { requireFourEyes } = await getWorkspaceSecurity(tx, session.workspaceId);
    assertFourEyes({ requireFourEyes, actorId: session.user.id, authorIds: [row.createdById, row.submittedById] });
    await recordAudit(tx, {
      workspaceId: session.workspaceId,
      actor: memberActor(session),
      action: "script.approved",
      subject: { type: "script", id: row.scriptId, label: `${key} v${version}` },
      before: { status: row.status },
      after: { status: "approved" },
    });
    await tx
      .update(scriptVersions)
      .set({ status: "approved", approvedBy: session.user.name, approvedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(scriptVersions.scriptId, row.scriptId), eq(scriptVersions.version, version)));
  });
}

/** in review → draft: the author withdraws it; only while it is the newest. */
export async function returnScriptVersion(db: Db, session: MemberSession, key: string, version: number): Promise<void> {
  requireRole(session, "return");
  await moveBackToDraft(db, session, key, version);
}

/**
 * in review → draft with the reviewer's comment: a reviewer sends it back for changes. The comment
 * stays on the version (shown beside it) and goes to the audit log.
 */
export async function requestScriptChanges(
  db: Db,
  session: MemberSession,
  key: string,
  version: number,
  comment: string,
): Promise<void> {
  requireRole(session, "review");
  const text = comment.trim();
  if (!text) throw new AppError("VALIDATION_FAILED", { detail: "Say what should change: the comment is empty." });
  await moveBackToDraft(db, session, key, version, text);
}

async function moveBackToDraft(
  db: Db,
  session: MemberSession,
  key: string,
  version: number,
  comment?: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await versionRow(tx, session.workspaceId, key, version);
    if (row.status !== "in_review")
      throw new AppError("CONFLICT", {
        detail: `Version ${version} is not in review.`,
        extensions: { status: row.status },
      });
    const latest = await latestVersion(tx, row.scriptId);
    if (latest && latest.version !== version)
      throw new AppError("CONFLICT", {
        detail: `Version ${latest.version} is newer; discard it before returning version ${version} to draft.`,
      });
    if (comment !== undefined)
      await recordAudit(tx, {
        workspaceId: session.workspaceId,
        actor: memberActor(session),
        action: "script.returned",
        subject: { type: "script", id: row.scriptId, label: `${key} v${version}` },
        before: { status: row.status },
        after: { status: "draft", comment },
      });
    await tx
      .update(scriptVersions)
      .set({
        status: "draft",
        submittedBy: null,
        submittedAt: null,
        updatedAt: new Date(),
        ...(comment !== undefined
          ? { returnedBy: session.user.name, returnedAt: new Date(), returnComment: comment }
          : {}),
      })
      .where(and(eq(scriptVersions.scriptId, row.scriptId), eq(scriptVersions.version, version)));
  });
}

/** Deletes a draft version; the script goes with it when it was its only version. */
export async function discardScriptDraft(
  db: Db,
  session: MemberSession,
  key: string,
  version: number,
): Promise<{ scriptDeleted: boolean }> {
  requireRole(session, "edit");
  return db.transaction(async (tx) => {
    const row = await versionRow(tx, session.workspaceId, key, version);
    if (row.status !== "draft")
      throw new AppError("CONFLICT", {
        detail: `Version ${version} is ${row.status.replace("_", " ")}; only drafts can be discarded.`,
        extensions: { status: row.status },
      });
    await tx
      .delete(scriptVersions)
      .where(and(eq(scriptVersions.scriptId, row.scriptId), eq(scriptVersions.version, version)));
    const remaining = await latestVersion(tx, row.scriptId);
    if (!remaining) await tx.delete(scripts).where(eq(scripts.id, row.scriptId));
    return { scriptDeleted: !remaining };
  });
}

export type ImportedScript = { key: string; version: number; created: boolean; status: "draft" | "approved" };

/**
 * Stores an imported script document: nothing when it equals the newest version, else as the draft
 * (`journey import`, the studio's import). With `approvedBy` (examples, `--publish`) the version is
 * approved at once, as a reviewer would.
 */
export async function importScriptDocument(
  db: Db,
  workspaceId: string,
  document: unknown,
  options: { by?: string; byId?: string; approvedBy?: string } = {},
): Promise<ImportedScript> {
  const doc = parseOrThrow(document);
  return db.transaction(async (tx) => {
    const [script] = await tx
      .insert(scripts)
      .values({ workspaceId, key: doc.key, name: doc.name })
      .onConflictDoUpdate({ target: [scripts.workspaceId, scripts.key], set: { updatedAt: new Date() } })
      .returning({ id: scripts.id });
    if (!script) throw new Error("upsert into scripts returned no row");
    const latest = await latestVersion(tx, script.id);
    if (
      latest &&
      contentHash(latest.document) === contentHash(doc) &&
      (latest.status === "approved" || !options.approvedBy)
    ) {
      return {
        key: doc.key,
        version: latest.version,
        created: false,
        status: latest.status === "approved" ? "approved" : "draft",
      };
    }
    const saved = await writeDraft(tx, workspaceId, script.id, doc.key, doc, {
      id: options.byId ?? null,
      name: options.by ?? options.approvedBy ?? "import",
    });
    if (!options.approvedBy) return { ...saved, status: "draft" };
    const now = new Date();
    await tx
      .update(scriptVersions)
      .set({
        status: "approved",
        submittedBy: options.approvedBy,
        submittedAt: now,
        approvedBy: options.approvedBy,
        approvedAt: now,
        updatedAt: now,
      })
      .where(and(eq(scriptVersions.scriptId, script.id), eq(scriptVersions.version, saved.version)));
    return { ...saved, status: "approved" };
  });
}
