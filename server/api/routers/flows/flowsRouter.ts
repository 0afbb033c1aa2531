// The studio's flow procedures. Each parses its input and calls a service.
import "server-only";
import { createTrpcRouter, studioProcedure } from "../../trpc";
import { listFlows } from "../../../services/flows/flowLibrary";
import {
  createFlow,
  duplicateFlow,
  getFlowDraft,
  importFlowDocument,
  saveFlowDraft,
  setFlowArchived,
} from "../../../services/flows/flowDrafts";
import {
  compileDraft,
  getVersion,
  listVersions,
  publishDraft,
  publishedDocuments,
  restoreVersion,
} from "../../../services/flows/flowVersions";
import { exampleCallees, exampleCalls, exampleFlows } from "../../../services/flows/exampleFlows";
import { memberActor } from "../../../services/audit/recordAudit";
import { importConvertedFlow } from "../../../services/flows/importConvertedFlow";
import { authorizeFlow, authorizeFolder, flowExists } from "../../../services/flows/flowFolders";
import {
  archiveFlowInput,
  archiveFlowOutput,
  compiledOutput,
  createFlowInput,
  duplicateFlowInput,
  createdFlowOutput,
  exampleFlowsOutput,
  flowDraftOutput,
  flowKeyInput,
  flowKeyOutput,
  importConvertedInput,
  importConvertedOutput,
  importFlowInput,
  importFlowOutput,
  listFlowsInput,
  listFlowsOutput,
  publishedFlowsOutput,
  publishInput,
  publishOutput,
  restoreOutput,
  saveDraftInput,
  saveDraftOutput,
  versionInput,
  versionOutput,
  versionsOutput,
} from "./flowsRouter.types";

export const flowsRouter = createTrpcRouter({
  list: studioProcedure
    .meta({ action: "flows.read" })
    .input(listFlowsInput)
    .output(listFlowsOutput)
    .query(({ ctx, input }) => listFlows(ctx.database.db, ctx.session.workspaceId, input)),
  examples: studioProcedure
    .meta({ action: "flows.read" })
    .output(exampleFlowsOutput)
    .query(() =>
      exampleFlows.map((flow) => ({
        key: flow.key,
        name: flow.name,
        kind: flow.kind,
        description: flow.description ?? "",
        nodeCount: flow.nodes.length,
        calls: exampleCalls(flow),
        brings: exampleCallees(flow.key).map((called) => called.key),
      })),
    ),
  get: studioProcedure
    .meta({ action: "flows.read" })
    .input(flowKeyInput)
    .output(flowDraftOutput)
    .query(({ ctx, input }) => getFlowDraft(ctx.database.db, ctx.session.workspaceId, input.key)),
  create: studioProcedure
    .meta({ action: "flows.edit" })
    .input(createFlowInput)
    .output(createdFlowOutput)
    .mutation(async ({ ctx, input }) => {
      // A member limited to some folders creates flows inside them only.
      await authorizeFolder(ctx.database.db, ctx.member, input.folderId ?? null);
      return createFlow(ctx.database.db, ctx.session.workspaceId, input, memberActor(ctx.member));
    }),
  duplicate: studioProcedure
    .meta({ action: "flows.edit" })
    .input(duplicateFlowInput)
    .output(flowKeyOutput)
    .mutation(async ({ ctx, input }) => {
      await authorizeFlow(ctx.database.db, ctx.member, "flows.edit", input.key);
      return duplicateFlow(ctx.database.db, ctx.session.workspaceId, input.key, input.newKey, memberActor(ctx.member));
    }),
  archive: studioProcedure
    .meta({ action: "flows.edit" })
    .input(archiveFlowInput)
    .output(archiveFlowOutput)
    .mutation(async ({ ctx, input }) => {
      await authorizeFlow(ctx.database.db, ctx.member, "flows.edit", input.key);
      return setFlowArchived(
        ctx.database.db,
        ctx.session.workspaceId,
        input.key,
        input.archived,
        memberActor(ctx.member),
      );
    }),
  saveDraft: studioProcedure
    .meta({ action: "flows.edit" })
    .input(saveDraftInput)
    .output(saveDraftOutput)
    .mutation(async ({ ctx, input }) => {
      await authorizeFlow(ctx.database.db, ctx.member, "flows.edit", input.key);
      return saveFlowDraft(
        ctx.database.db,
        ctx.session.workspaceId,
        input.key,
        input.document,
        input.baseRevision,
        memberActor(ctx.member),
      );
    }),
  import: studioProcedure
    .meta({ action: "flows.edit" })
    .input(importFlowInput)
    .output(importFlowOutput)
    .mutation(async ({ ctx, input }) => {
      // Replacing a flow's draft is editing it where it sits; a new flow lands at the top.
      const key = Reflect.get(Object(input.document), "key");
      const existing = typeof key === "string" && (await flowExists(ctx.database.db, ctx.session.workspaceId, key));
      if (existing) await authorizeFlow(ctx.database.db, ctx.member, "flows.edit", key);
      else await authorizeFolder(ctx.database.db, ctx.member, null);
      return importFlowDocument(ctx.database.db, ctx.session.workspaceId, input.document, {
        replace: input.replace,
        by: memberActor(ctx.member),
      });
    }),
  importConverted: studioProcedure
    .meta({ action: "flows.edit" })
    .input(importConvertedInput)
    .output(importConvertedOutput)
    .mutation(async ({ ctx, input }) => {
      // A converted flow is a new flow: a member limited to some folders brings it into one of them.
      await authorizeFolder(ctx.database.db, ctx.member, input.folderId ?? null);
      return importConvertedFlow(ctx.database.db, ctx.session, input, memberActor(ctx.member));
    }),
  publish: studioProcedure
    .meta({ action: "flows.publish" })
    .input(publishInput)
    .output(publishOutput)
    .mutation(async ({ ctx, input }) => {
      await authorizeFlow(ctx.database.db, ctx.member, "flows.publish", input.key);
      return publishDraft(ctx.database.db, ctx.session, input.key, { note: input.note });
    }),
  versions: studioProcedure
    .meta({ action: "flows.read" })
    .input(flowKeyInput)
    .output(versionsOutput)
    .query(({ ctx, input }) => listVersions(ctx.database.db, ctx.session.workspaceId, input.key)),
  version: studioProcedure
    .meta({ action: "flows.read" })
    .input(versionInput)
    .output(versionOutput)
    .query(({ ctx, input }) => getVersion(ctx.database.db, ctx.session.workspaceId, input.key, input.version)),
  restore: studioProcedure
    .meta({ action: "flows.edit" })
    .input(versionInput)
    .output(restoreOutput)
    .mutation(async ({ ctx, input }) => {
      await authorizeFlow(ctx.database.db, ctx.member, "flows.edit", input.key);
      return restoreVersion(
        ctx.database.db,
        ctx.session.workspaceId,
        input.key,
        input.version,
        memberActor(ctx.member),
      );
    }),
  compiled: studioProcedure
    .meta({ action: "flows.read" })
    .input(flowKeyInput)
    .output(compiledOutput)
    .query(({ ctx, input }) => compileDraft(ctx.database.db, ctx.session.workspaceId, input.key)),
  published: studioProcedure
    .meta({ action: "flows.read" })
    .output(publishedFlowsOutput)
    .query(({ ctx }) => publishedDocuments(ctx.database.db, ctx.session.workspaceId)),
});
