// The studio's script procedures. Each parses its input and calls the service.
import "server-only";
import { createTrpcRouter, studioProcedure } from "../../trpc";
import {
  approvedScripts,
  approveScriptVersion,
  requestScriptChanges,
  scriptUsage,
  canDo,
  createScript,
  discardScriptDraft,
  exportScript,
  getScript,
  importScriptDocument,
  listScripts,
  makeOnlyVariant,
  requireRole,
  returnScriptVersion,
  saveScriptDraft,
  submitScriptVersion,
  getComplianceRules,
  snippetUsedBy,
} from "../../../services/scripts";
import { scriptVariableSuggestions } from "../../../services/scripts/scriptVariableSuggestions";
import { AppError } from "../../../errors/appError";
import { noOutput, scriptDocumentOutput } from "../common.types";
import {
  approvedScriptsOutput,
  complianceRulesOutput,
  snippetUsageOutput,
  createScriptInput,
  requestChangesInput,
  scriptUsageInput,
  scriptUsageOutput,
  discardDraftOutput,
  exportScriptInput,
  importScriptsInput,
  importScriptsOutput,
  listScriptsInput,
  listScriptsOutput,
  onlyVariantInput,
  onlyVariantOutput,
  saveDraftInput,
  savedVersionOutput,
  scriptDetailOutput,
  scriptKeyInput,
  scriptVersionInput,
} from "./scripts.types";

export const scriptsRouter = createTrpcRouter({
  /** The newest approved version of every script: what published flows say, for the canvas simulator. */
  approved: studioProcedure
    .meta({ action: "scripts.read" })
    .output(approvedScriptsOutput)
    .query(async ({ ctx }) => [...(await approvedScripts(ctx.database.db, ctx.session.workspaceId)).values()]),
  /** The workspace's compliance rules (Settings → Messaging policy), which the editor lints with. */
  complianceRules: studioProcedure
    .meta({ action: "scripts.read" })
    .output(complianceRulesOutput)
    .query(({ ctx }) => getComplianceRules(ctx.database.db, ctx.session.workspaceId)),
  list: studioProcedure
    .meta({ action: "scripts.read" })
    .input(listScriptsInput)
    .output(listScriptsOutput)
    .query(({ ctx, input }) => listScripts(ctx.database.db, ctx.session.workspaceId, input)),
  get: studioProcedure
    .meta({ action: "scripts.read" })
    .input(scriptKeyInput)
    .output(scriptDetailOutput)
    .query(async ({ ctx, input }) => ({
      ...(await getScript(ctx.database.db, ctx.session.workspaceId, input.key)),
      variables: await scriptVariableSuggestions(ctx.database.db, ctx.session.workspaceId, input.key),
      can: {
        edit: canDo(ctx.session, "edit"),
        review: canDo(ctx.session, "review"),
        return: canDo(ctx.session, "return"),
      },
    })),
  export: studioProcedure
    .meta({ action: "scripts.read" })
    .input(exportScriptInput)
    .output(scriptDocumentOutput)
    .query(({ ctx, input }) => exportScript(ctx.database.db, ctx.session.workspaceId, input.key, input.version)),
  create: studioProcedure
    .meta({ action: "scripts.edit" })
    .input(createScriptInput)
    .output(savedVersionOutput)
    .mutation(({ ctx, input }) => createScript(ctx.database.db, ctx.session, input)),
  saveDraft: studioProcedure
    .meta({ action: "scripts.edit" })
    .input(saveDraftInput)
    .output(savedVersionOutput)
    .mutation(({ ctx, input }) => saveScriptDraft(ctx.database.db, ctx.session, input.key, input.document)),
  /** A new draft with one variant left for its channel and locale; live only after review. */
  makeOnlyVariant: studioProcedure
    .meta({ action: "scripts.edit" })
    .input(onlyVariantInput)
    .output(onlyVariantOutput)
    .mutation(({ ctx, input }) => makeOnlyVariant(ctx.database.db, ctx.session, input)),
  submit: studioProcedure
    .meta({ action: "scripts.edit" })
    .input(scriptVersionInput)
    .output(noOutput)
    .mutation(({ ctx, input }) => submitScriptVersion(ctx.database.db, ctx.session, input.key, input.version)),
  approve: studioProcedure
    .meta({ action: "scripts.approve" })
    .input(scriptVersionInput)
    .output(noOutput)
    .mutation(({ ctx, input }) => approveScriptVersion(ctx.database.db, ctx.session, input.key, input.version)),
  returnToDraft: studioProcedure
    .meta({ action: "scripts.return" })
    .input(scriptVersionInput)
    .output(noOutput)
    .mutation(({ ctx, input }) => returnScriptVersion(ctx.database.db, ctx.session, input.key, input.version)),
  requestChanges: studioProcedure
    .meta({ action: "scripts.approve" })
    .input(requestChangesInput)
    .output(noOutput)
    .mutation(({ ctx, input }) =>
      requestScriptChanges(ctx.database.db, ctx.session, input.key, input.version, input.comment),
    ),
  /** What approving a version changes: the published flows that say the script, and their running interactions. */
  usage: studioProcedure
    .meta({ action: "scripts.read" })
    .input(scriptUsageInput)
    .output(scriptUsageOutput)
    .query(({ ctx, input }) => scriptUsage(ctx.database.db, ctx.session.workspaceId, input.key)),
  /** The scripts that put in this snippet (its "used by" list). */
  snippetUsage: studioProcedure
    .meta({ action: "scripts.read" })
    .input(scriptKeyInput)
    .output(snippetUsageOutput)
    .query(({ ctx, input }) => snippetUsedBy(ctx.database.db, ctx.session.workspaceId, input.key)),
  discardDraft: studioProcedure
    .meta({ action: "scripts.edit" })
    .input(scriptVersionInput)
    .output(discardDraftOutput)
    .mutation(({ ctx, input }) => discardScriptDraft(ctx.database.db, ctx.session, input.key, input.version)),
  import: studioProcedure
    .meta({ action: "scripts.edit" })
    .input(importScriptsInput)
    .output(importScriptsOutput)
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
              byId: ctx.session.user.id,
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
