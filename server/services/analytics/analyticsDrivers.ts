// A workspace's drivers taxonomy (`analytics_drivers`): read for VOC and for its editor, replaced whole
// by the editor's save. VOC tags comments at read time, so the next read after a save uses the new rules.
import "server-only";
import { asc, eq } from "drizzle-orm";
import { DEFAULT_DRIVERS, type DriverRule } from "../../../flows/analytics/driverTagging";
import {
  taxonomyEntries,
  taxonomyIssues,
  taxonomyRules,
  type DriverEntry,
} from "../../../flows/analytics/driverTaxonomy";
import { authorize } from "../../auth/policy";
import type { Db } from "../../db/client";
import { analyticsDrivers, workspaces } from "../../db/schema";
import { AppError } from "../../errors/appError";
import { memberActor, recordAudit } from "../audit/recordAudit";
import { contentHash } from "../contentHash";
import type { MemberSession } from "../memberSession";

export type DriverTaxonomy = {
  drivers: DriverEntry[];
  /** False while the workspace has no taxonomy of its own and the default one applies. */
  custom: boolean;
  /** Changes whenever the stored taxonomy does; a save names the one it started from. */
  revision: string;
};

/** The rules VOC tags comments with: the workspace's own, or the default taxonomy while it has none. */
export async function driverRules(db: Db, workspaceId: string): Promise<{ rules: DriverRule[]; custom: boolean }> {
  const rows = await db
    .select({
      driver: analyticsDrivers.driver,
      locale: analyticsDrivers.locale,
      label: analyticsDrivers.label,
      keywords: analyticsDrivers.keywords,
    })
    .from(analyticsDrivers)
    .where(eq(analyticsDrivers.workspaceId, workspaceId))
    .orderBy(asc(analyticsDrivers.driver), asc(analyticsDrivers.locale));
  if (rows.length === 0) return { rules: [...DEFAULT_DRIVERS], custom: false };
  return {
    rules: rows.map((r) => ({
      ...r,
      keywords: Array.isArray(r.keywords) ? r.keywords.filter((k): k is string => typeof k === "string") : [],
    })),
    custom: true,
  };
}

export async function readDriverTaxonomy(db: Db, workspaceId: string): Promise<DriverTaxonomy> {
  const { rules, custom } = await driverRules(db, workspaceId);
  return { drivers: taxonomyEntries(rules), custom, revision: revisionOf(rules, custom) };
}

/**
 * Replaces the workspace's taxonomy with `drivers` (VALIDATION_FAILED with the issues when one is
 * wrong; CONFLICT when someone saved since `baseRevision` was read), with an audit row.
 */
export async function saveDriverTaxonomy(
  db: Db,
  session: MemberSession,
  input: { drivers: readonly DriverEntry[]; baseRevision: string },
): Promise<DriverTaxonomy> {
  authorize(session, "drivers.edit");
  const issues = taxonomyIssues(input.drivers);
  if (issues.length > 0)
    throw new AppError("VALIDATION_FAILED", {
      detail: `The drivers have ${issues.length} problem(s): ${issues.map((i) => i.code).join(", ")}.`,
      extensions: { issues },
    });
  const rules = taxonomyRules(input.drivers);
  return db.transaction(async (tx) => {
    // One save at a time per workspace, so the revision check below cannot race another save.
    await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, session.workspaceId)).for("update");
    const before = await driverRules(tx, session.workspaceId);
    if (revisionOf(before.rules, before.custom) !== input.baseRevision)
      throw new AppError("CONFLICT", {
        detail: "Someone changed the drivers since you opened them: reload to see their version.",
      });
    await tx.delete(analyticsDrivers).where(eq(analyticsDrivers.workspaceId, session.workspaceId));
    await tx
      .insert(analyticsDrivers)
      .values(rules.map((r) => ({ workspaceId: session.workspaceId, ...r, keywords: [...r.keywords] })));
    await recordAudit(tx, {
      workspaceId: session.workspaceId,
      actor: memberActor(session),
      action: "drivers.saved",
      subject: { type: "drivers", label: `${input.drivers.length} drivers` },
      before: { custom: before.custom, drivers: taxonomyEntries(before.rules) },
      after: { drivers: taxonomyEntries(rules) },
    });
    const saved = await driverRules(tx, session.workspaceId);
    return { drivers: taxonomyEntries(saved.rules), custom: true, revision: revisionOf(saved.rules, true) };
  });
}

function revisionOf(rules: readonly DriverRule[], custom: boolean): string {
  return custom ? contentHash(rules).slice(0, 16) : "default";
}
