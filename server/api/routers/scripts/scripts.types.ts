// Request and response schemas of the scripts router: zod only, so the browser may import them.
import { z } from "zod";
import { fitsDocumentLimit } from "../../../../flows/schema/readDocumentFile";
import { scriptDocumentOutput } from "../common.types";
import { localeSchema, scriptChannelSchema } from "../../../../flows/scripts/scriptDocument";
import { complianceRulesSchema } from "../../../../flows/schema/policyDocument";

export const scriptKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes")
  .max(80);

export const listScriptsInput = z.strictObject({
  search: z.string().max(200).optional(),
  channel: scriptChannelSchema.optional(),
  status: z.enum(["draft", "in_review", "approved"]).optional(),
});

export const scriptKeyInput = z.strictObject({ key: scriptKeySchema });
export const scriptVersionInput = z.strictObject({ key: scriptKeySchema, version: z.number().int().positive() });
export const exportScriptInput = z.strictObject({
  key: scriptKeySchema,
  version: z.number().int().positive().optional(),
});
export const createScriptInput = z.strictObject({
  key: scriptKeySchema,
  name: z.string().trim().min(1).max(200),
  /** The first variant's channel and locale when no document is given (default: SMS, any locale). */
  channel: scriptChannelSchema.optional(),
  locale: localeSchema.optional(),
  document: z.unknown().optional(),
});
/** The document is parsed by the service (journey-studio/script@1), which reports its issues. */
export const requestChangesInput = z.strictObject({
  key: scriptKeySchema,
  version: z.number().int().positive(),
  comment: z.string().trim().min(1).max(2000),
});
export const scriptUsageInput = z.strictObject({ key: scriptKeySchema });
export const scriptUsageOutput = z.object({
  /** Flows whose newest published version says this script, newest first. */
  flows: z.array(z.object({ key: z.string(), name: z.string(), version: z.number().int() })),
  /** Interactions still running (active or waiting) on a flow version that says this script. */
  runningInteractions: z.number().int(),
});
export const saveDraftInput = z.strictObject({ key: scriptKeySchema, document: z.unknown() });
export const importScriptsInput = z.strictObject({
  documents: z
    .array(
      z
        .unknown()
        .refine(fitsDocumentLimit, { message: "The document is larger than 1 MiB; split it or trim it first." }),
    )
    .min(1)
    .max(200),
});

// Response schemas: what each procedure answers (the client's types come from them).

const scriptStatusOutput = z.enum(["draft", "in_review", "approved"]);

export const approvedScriptsOutput = z.array(scriptDocumentOutput);

export const scriptSummaryOutput = z.object({
  key: z.string(),
  name: z.string(),
  channels: z.array(scriptChannelSchema),
  locales: z.array(z.string()),
  latestVersion: z.number().int(),
  status: scriptStatusOutput,
  approvedVersion: z.number().int().nullable(),
  updatedAt: z.string(),
});
export const listScriptsOutput = z.array(scriptSummaryOutput);

export const scriptVersionOutput = z.object({
  version: z.number().int(),
  status: scriptStatusOutput,
  document: scriptDocumentOutput.nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  returnedBy: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnComment: z.string().nullable(),
});

export const scriptDetailOutput = z.object({
  key: z.string(),
  name: z.string(),
  versions: z.array(scriptVersionOutput),
  /** Variables the editor suggests: the customer profile's, and those of the flows that say this script. */
  variables: z.array(z.object({ name: z.string(), source: z.string() })),
  can: z.object({ edit: z.boolean(), review: z.boolean(), return: z.boolean() }),
});

export const savedVersionOutput = z.object({ key: z.string(), version: z.number().int(), created: z.boolean() });

export const discardDraftOutput = z.object({ scriptDeleted: z.boolean() });

export const importScriptsOutput = z.array(
  z.discriminatedUnion("ok", [
    z.object({
      index: z.number().int(),
      ok: z.literal(true),
      key: z.string(),
      version: z.number().int(),
      created: z.boolean(),
      status: z.enum(["draft", "approved"]),
    }),
    z.object({ index: z.number().int(), ok: z.literal(false), message: z.string() }),
  ]),
);

/** A variant as the variants table names it: `channel/locale[/style]#index`. */
export const onlyVariantInput = z.strictObject({ key: scriptKeySchema, variant: z.string().min(3).max(120) });

export const onlyVariantOutput = z.object({
  key: z.string(),
  version: z.number().int(),
  basedOn: z.number().int(),
  removed: z.number().int(),
});
/** The workspace's compliance rules the editor lints with (null: the built-in ones). */
export const complianceRulesOutput = complianceRulesSchema.nullable();

/** The scripts whose newest version puts in a snippet. */
export const snippetUsageOutput = z.array(
  z.object({ key: z.string(), name: z.string(), version: z.number().int(), status: scriptStatusOutput }),
);
