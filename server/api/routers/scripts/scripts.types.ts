// Request schemas of the scripts router: zod only, so the browser may import them.
import { z } from "zod";
import { scriptChannelSchema } from "../../../../flows/scripts/scriptDocument";

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
  document: z.unknown().optional(),
});
/** The document is parsed by the service (journey-studio/script@1), which reports its issues. */
export const saveDraftInput = z.strictObject({ key: scriptKeySchema, document: z.unknown() });
export const importScriptsInput = z.strictObject({ documents: z.array(z.unknown()).min(1).max(200) });
