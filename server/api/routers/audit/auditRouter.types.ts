// Response schemas of the audit router: zod only. (Its filter, the request schema, is the service's.)
import { z } from "zod";

const party = { type: z.string(), id: z.string().nullable() };

export const auditRowOutput = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ ...party, label: z.string() }),
  action: z.string(),
  subject: z.object({ ...party, label: z.string().nullable() }),
  before: z.unknown(),
  after: z.unknown(),
});

export const listAuditOutput = z.object({ rows: z.array(auditRowOutput), nextCursor: z.string().nullable() });
