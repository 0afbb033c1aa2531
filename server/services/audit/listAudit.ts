// Reads a workspace's audit log, newest first, filtered, a page at a time.
import "server-only";
import { and, desc, eq, gte, ilike, lt, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { auditLog } from "../../db/schema";

export const auditFilterSchema = z.object({
  /** Exact action, or a prefix ending in `.` (`apiKey.`). */
  action: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  subjectType: z.string().max(50).optional(),
  /** Free text over the actor and subject labels. */
  text: z.string().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export type AuditRow = {
  id: string;
  at: string;
  actor: { type: string; id: string | null; label: string };
  action: string;
  subject: { type: string; id: string | null; label: string | null };
  before: unknown;
  after: unknown;
};

const cursorSchema = z.object({ at: z.string(), id: z.uuid() });

export async function listAudit(
  db: Db,
  workspaceId: string,
  input: AuditFilter,
): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const filter = auditFilterSchema.parse(input);
  const where: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
  if (filter.action)
    where.push(
      filter.action.endsWith(".")
        ? ilike(auditLog.action, `${escapeLike(filter.action)}%`)
        : eq(auditLog.action, filter.action),
    );
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
  if (filter.subjectType) where.push(eq(auditLog.subjectType, filter.subjectType));
  if (filter.text) {
    const pattern = `%${escapeLike(filter.text)}%`;
    const match = or(
      ilike(auditLog.actorLabel, pattern),
      ilike(auditLog.subjectLabel, pattern),
      ilike(auditLog.action, pattern),
    );
    if (match) where.push(match);
  }
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lte(auditLog.at, filter.to));
  if (filter.cursor) {
    const cursor = cursorSchema.parse(JSON.parse(Buffer.from(filter.cursor, "base64url").toString("utf8")));
    const at = new Date(cursor.at);
    const before = or(lt(auditLog.at, at), and(eq(auditLog.at, at), lt(auditLog.id, cursor.id)));
    if (before) where.push(before);
  }
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: { type: r.actorType, id: r.actorId, label: r.actorLabel },
      action: r.action,
      subject: { type: r.subjectType, id: r.subjectId, label: r.subjectLabel },
      before: r.before,
      after: r.after,
    })),
    nextCursor:
      rows.length > filter.limit && last
        ? Buffer.from(JSON.stringify({ at: last.at.toISOString(), id: last.id })).toString("base64url")
        : null,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
