// The studio's script procedures. Each parses its input and calls the service.
import "server-only";
import { createTrpcRouter, studioProcedure } from "../../trpc";
import {
  approvedScripts,
  approveScriptVersion,
  canDo,
  createScript,
  discardScriptDraft,
  exportScript,
  getScript,
  importScriptDocument,
  listScripts,
  requireRole,
  returnScriptVersion,
  saveScriptDraft,
  submitScriptVersion,
} from "../../../services/scripts";
import { scriptVariableSuggestions } from "../../../services/scripts/scriptVariableSuggestions";
import { AppError } from "../../../errors/appError";
import {
  createScriptInput,
  exportScriptInput,
  importScriptsInput,
  listScriptsInput,
  saveDraftInput,
  scriptKeyInput,
  scriptVersionInput,
} from "./scripts.types";

export const scriptsRouter = createTrpcRouter({
  /** The newest approved version of every script: what published flows say, for the canvas simulator. */
  approved: studioProcedure
    .meta({ action: "scripts.read" })
    .query(async ({ ctx }) => [...(await approvedScripts(ctx.database.db, ctx.session.workspaceId)).values()]),
  list: studioProcedure
    .meta({ action: "scripts.read" })
    .input(listScriptsInput)
    .query(({ ctx, input }) => listScripts(ctx.database.db, ctx.session.workspaceId, input)),
  get: studioProcedure
    .meta({ action: "scripts.read" })
    .input(scriptKeyInput)
    .query(async ({ ctx, input }) => ({
      ...(await getScript(ctx.database.db, ctx.session.workspaceId, input.key)),
      variables: await scriptVariableSuggestions(ctx.database.db, ctx.session.workspaceId, input.key),
      can: { edit: canDo(ctx.session, "edit"), review: canDo(ctx.session, "review") },
    })),
  export: studioProcedure
    .meta({ action: "scripts.read" })
    .input(exportScriptInput)
    .query(({ ctx, input }) => exportScript(ctx.database.db, ctx.session.workspaceId, input.key, input.version)),
  create: studioProcedure
    .meta({ action: "scripts.edit" })
    .input(createScriptInput)
    .mutation(({ ctx, input }) => createScript(ctx.database.db, ctx.session, input)),
  saveDraft: studioProcedure
    .meta({ action: "scripts.edit" })
    .input(saveDraftInput)
    .mutation(({ ctx, input }) => saveScriptDraft(ctx.database.db, ctx.session, input.key, input.document)),
  submit: studioProcedure
    .meta({ action: "scripts.edit" })
    .input(scriptVersionInput)
    .mutation(({ ctx, input }) => submitScriptVersion(ctx.database.db, ctx.session, input.key, input.version)),
  approve: studioProcedure
    .meta({ action: "scripts.approve" })
    .input(scriptVersionInput)
    .mutation(({ ctx, input }) => approveScriptVersion(ctx.database.db, ctx.session, input.key, input.version)),
  returnToDraft: studioProcedure
    .meta({ action: "scripts.approve" })
    .input(scriptVersionInput)
    .mutation(({ ctx, input }) => returnScriptVersion(ctx.database.db, ctx.session, input.key, input.version)),
  discardDraft: studioProcedure
    .meta({ action: "scripts.edit" })
    .input(scriptVersionInput)
    .mutation(({ ctx, input }) => discardScriptDraft(ctx.database.db, ctx.session, input.key, input.version)),
  import: studioProcedure
    .meta({ action: "scripts.edit" })
    .input(importScriptsInput)
    .mutation(async ({ ctx, input }) => {
      requireRole(ctx.session, "edit");
      const results = [];
      for (const [index, document] of input.documents.entries()) {
        try {
          results.push({
            index,
            ok: true as const,
            ...(await importScriptDocument(ctx.database.db, ctx.session.workspaceId, document, {
              by: ctx.session.user.name,
            })),
          });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          results.push({ index, ok: false as const, message: error.detail ?? error.title });
        }
      }
      return results;
    }),
});
