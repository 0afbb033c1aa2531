// Request schemas of the flows router: zod only, so the browser may import them too.
import { z } from "zod";

export const flowKeyInput = z.object({ key: z.string().min(1).max(100) });

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
});

export const duplicateFlowInput = z.object({ key: z.string().min(1).max(100), newKey: z.string().min(1).max(100) });

export const archiveFlowInput = z.object({ key: z.string().min(1).max(100), archived: z.boolean() });

/** The document is checked by the service (it answers with diagnostics, not a bare 400). */
export const saveDraftInput = z.object({
  key: z.string().min(1).max(100),
  document: z.unknown(),
  baseRevision: z.string().optional(),
});

export const importFlowInput = z.object({ document: z.unknown(), replace: z.boolean().default(false) });

export const versionInput = z.object({ key: z.string().min(1).max(100), version: z.number().int().positive() });
