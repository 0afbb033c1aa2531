// Request and response schemas of the flows router: zod only, so the browser may import them too.
import { z } from "zod";
import { fitsDocumentLimit } from "../../../../flows/schema/readDocumentFile";
import { diagnosticOutput, flowDocumentOutput, machineOutput } from "../common.types";

export const flowKeyInput = z.object({ key: z.string().min(1).max(100) });
/** Publishing says what changed: the note is kept on the version (versions panel, diff). */
export const publishInput = flowKeyInput.extend({ note: z.string().trim().max(1000).optional() });

export const listFlowsInput = z
  .object({
    search: z.string().max(200).optional(),
    kind: z.enum(["sop", "mot"]).optional(),
    status: z.enum(["draft", "published", "changed", "archived", "active"]).optional(),
  })
  .default({});

export const createFlowInput = z.object({
  key: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(["sop", "mot"]),
  fromExample: z.string().max(100).optional(),
  /** The process-map folder to create it in (default: the top). */
  folderId: z.uuid().optional(),
});

export const duplicateFlowInput = z.object({ key: z.string().min(1).max(100), newKey: z.string().min(1).max(100) });

export const archiveFlowInput = z.object({ key: z.string().min(1).max(100), archived: z.boolean() });

/** The document is checked by the service (it answers with diagnostics, not a bare 400). */
export const saveDraftInput = z.object({
  key: z.string().min(1).max(100),
  document: z.unknown(),
  baseRevision: z.string().optional(),
});

/** The studio's import takes what the runtime API does: at most 1 MiB of JSON. */
const importedDocument = z
  .unknown()
  .refine(fitsDocumentLimit, { message: "The document is larger than 1 MiB; split it or trim it first." });
export const importFlowInput = z.object({ document: importedDocument, replace: z.boolean().default(false) });

/** A Twilio Studio or Amazon Connect export, converted and saved as drafts (CONTRACT §10). */
export const importConvertedInput = z.object({
  source: z.unknown(),
  from: z.enum(["twilio", "connect"]).optional(),
  name: z.string().max(200).optional(),
  key: z.string().min(1).max(100).optional(),
  folderId: z.uuid().optional(),
});

export const versionInput = z.object({ key: z.string().min(1).max(100), version: z.number().int().positive() });

// Response schemas: what each procedure answers (the client's types come from them; a service that
// answers something else fails the call instead of reaching the browser).

const flowKindOutput = z.enum(["sop", "mot"]);

export const flowSummaryOutput = z.object({
  key: z.string(),
  name: z.string(),
  kind: flowKindOutput,
  description: z.string().optional(),
  nodeCount: z.number().int(),
  updatedAt: z.string(),
  latestVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  unpublishedChanges: z.boolean(),
  archived: z.boolean(),
  status: z.enum(["draft", "published", "changed", "archived"]),
});
export const listFlowsOutput = z.array(flowSummaryOutput);

export const exampleFlowsOutput = z.array(
  z.object({
    key: z.string(),
    name: z.string(),
    kind: flowKindOutput,
    description: z.string(),
    nodeCount: z.number(),
    /** The flows its subflow nodes call (keys). */
    calls: z.array(z.string()),
    /**
     * The examples it calls, directly or through another (keys, each after the ones it calls): starting
     * from it brings those the workspace lacks, published.
     */
    brings: z.array(z.string()),
  }),
);

export const flowDraftOutput = z.object({
  key: z.string(),
  document: flowDocumentOutput,
  revision: z.string(),
  archived: z.boolean(),
  latestVersion: z.number().int().nullable(),
  unpublishedChanges: z.boolean(),
});

export const flowKeyOutput = z.object({ key: z.string() });
/** A new flow's key; from an example, the called flows that came with it and those already there (keys). */
export const createdFlowOutput = flowKeyOutput.extend({
  addedFlows: z.array(z.string()),
  keptFlows: z.array(z.string()),
});

export const archiveFlowOutput = z.object({ key: z.string(), archived: z.boolean() });

export const saveDraftOutput = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), revision: z.string() }),
  z.object({ ok: z.literal(false), diagnostics: z.array(diagnosticOutput) }),
]);

export const importFlowOutput = z.union([
  z.object({ key: z.string(), created: z.boolean() }),
  z.object({ diagnostics: z.array(diagnosticOutput) }),
]);

export const importConvertedOutput = z.object({
  key: z.string(),
  scripts: z.array(z.string()),
  notConverted: z.number().int(),
});

export const publishOutput = z.object({
  version: z.number().int(),
  created: z.boolean(),
  diagnostics: z.array(diagnosticOutput),
  revision: z.string(),
});

export const versionsOutput = z.array(
  z.object({
    version: z.number().int(),
    publishedAt: z.string(),
    publishedBy: z.string().nullable(),
    contentHash: z.string(),
    nodeCount: z.number().int(),
    changeNote: z.string().nullable(),
  }),
);

export const versionOutput = z.object({
  version: z.number().int(),
  document: flowDocumentOutput,
  changeNote: z.string().nullable(),
});

export const restoreOutput = z.object({ revision: z.string() });

export const compiledOutput = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), machine: machineOutput, diagnostics: z.array(diagnosticOutput) }),
  z.object({ ok: z.literal(false), diagnostics: z.array(diagnosticOutput) }),
]);

export const publishedFlowsOutput = z.array(flowDocumentOutput);
