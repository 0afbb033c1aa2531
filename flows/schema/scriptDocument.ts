import { z } from "zod";
import { messageCategorySchema } from "./policyDocument";

/** The channels a script can be written for (CONTRACT 1: the flow's `channels`). */
export const scriptChannels = ["voice", "sms", "wechat", "email", "chat", "app", "video", "social"] as const;
export const scriptChannelSchema = z.enum(scriptChannels);
export type ScriptChannel = z.infer<typeof scriptChannelSchema>;

/** A BCP 47 tag as content teams write them: `zh-CN`, `en`, `en-GB`, `zh-Hant-TW`. */
export const localeSchema = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/, "must be a locale tag such as zh-CN or en");

/** A Tiptap mark (`bold`, `link` with `attrs.href`, …). Unknown marks are kept and ignored when rendering. */
export const tiptapMarkSchema = z.looseObject({
  type: z.string().min(1),
  attrs: z.record(z.string(), z.unknown()).optional(),
});
export type TiptapMark = z.infer<typeof tiptapMarkSchema>;

/**
 * A Tiptap (ProseMirror) JSON node, accepted generically: the editor's extensions may add node types,
 * and the renderer turns the ones it knows (paragraph, text, hardBreak, lists, variable, pause,
 * conditional) into the same template text as a `text` variant.
 */
export const tiptapNodeSchema = z.looseObject({
  type: z.string().min(1),
  text: z.string().optional(),
  attrs: z.record(z.string(), z.unknown()).optional(),
  marks: z.array(tiptapMarkSchema).optional(),
  get content(): z.ZodOptional<z.ZodArray<typeof tiptapNodeSchema>> {
    return z.array(tiptapNodeSchema).optional();
  },
});
export type TiptapNode = z.infer<typeof tiptapNodeSchema>;

export const scriptVariantSchema = z
  .strictObject({
    channel: scriptChannelSchema,
    locale: localeSchema.optional(),
    /** The tone of this variant, e.g. `empathetic` for an emotion-driven customer, `brisk` for a task. */
    style: z.string().min(1).max(40).optional(),
    /** Relative weight in an A/B split between variants of the same channel and locale (default 1). */
    weight: z.number().finite().nonnegative().optional(),
    /** App push title (Liquid, plain text). */
    title: z.string().optional(),
    /** Email subject (Liquid, plain text). */
    subject: z.string().optional(),
    /** Liquid with light markup: `**bold**`, `[link](url)`, and for voice `[pause 300ms]`. */
    text: z.string().optional(),
    /** The editor's Tiptap JSON, rendered exactly as the equivalent `text`. */
    doc: tiptapNodeSchema.optional(),
  })
  .refine((v) => (v.text === undefined) !== (v.doc === undefined), {
    message: "a variant holds either `text` or `doc`, not both and not neither",
  });
export type ScriptVariant = z.infer<typeof scriptVariantSchema>;

const variableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*$/, "must be a variable path such as customer.name");

export const scriptVariableSchema = z.strictObject({
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  description: z.string().optional(),
});
export type ScriptVariable = z.infer<typeof scriptVariableSchema>;

export const SCRIPT_SCHEMA = "journey-studio/script@1";

export const scriptDocumentSchema = z.strictObject({
  schema: z.literal(SCRIPT_SCHEMA),
  key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes"),
  name: z.string().min(1),
  description: z.string().optional(),
  /**
   * `snippet`: a piece other scripts put in by key (a disclosure, a signature), reviewed once; not a
   * whole message, so the length and disclosure rules do not apply to it alone. Default `script`.
   */
  kind: z.enum(["script", "snippet"]).optional(),
  /** What the script is for (CONTRACT §7); the workspace's required disclosures may depend on it. */
  category: messageCategorySchema.optional(),
  /** Channel order tried when no variant matches the step's channel (default: `chat`, then any). */
  fallback: z.array(scriptChannelSchema).optional(),
  /** Variables the script reads, with the value rendered when the context lacks one. */
  variables: z.record(variableNameSchema, scriptVariableSchema).optional(),
  variants: z.array(scriptVariantSchema).min(1, "a script needs at least one variant"),
});
export type ScriptDocument = z.infer<typeof scriptDocumentSchema>;
