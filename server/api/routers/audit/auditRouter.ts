// Reading the audit log (it has no write procedure: services append to it).
import "server-only";
import { auditFilterSchema, listAudit } from "../../../services/audit/listAudit";
import { memberProcedure } from "../../authorize";
import { createTrpcRouter } from "../../trpc";
import { listAuditOutput } from "./auditRouter.types";

export const auditRouter = createTrpcRouter({
  list: memberProcedure
    .meta({ action: "audit.read" })
    .input(auditFilterSchema)
    .output(listAuditOutput)
    .query(({ ctx, input }) => listAudit(ctx.database.db, ctx.member.workspaceId, input)),
});
