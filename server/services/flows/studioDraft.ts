// Reading a stored draft. The flow document is parsed with zod; the studio's own
// bookkeeping (archived) rides in the draft row under `x-studio` until flows get an `archived_at`
// column, and never reaches a published version (publishing takes the parsed document).
import "server-only";
import { parseFlowDocument, type FlowDocument } from "../../../flows";
import { contentHash } from "../contentHash";

export type StudioMeta = { archivedAt?: string };

export const STUDIO_META_KEY = "x-studio";

export function parseDraft(raw: unknown): { document?: FlowDocument; meta: StudioMeta } {
  const parsed = parseFlowDocument(raw);
  return { ...(parsed.ok ? { document: parsed.document } : {}), meta: studioMeta(raw) };
}

export function studioMeta(raw: unknown): StudioMeta {
  if (typeof raw !== "object" || raw === null) return {};
  const meta = (raw as Record<string, unknown>)[STUDIO_META_KEY];
  if (typeof meta !== "object" || meta === null) return {};
  const archivedAt = (meta as Record<string, unknown>).archivedAt;
  return typeof archivedAt === "string" ? { archivedAt } : {};
}

/** The row's stored form: the parsed document, plus the studio's bookkeeping when there is any. */
export function storedDraft(document: FlowDocument, meta: StudioMeta): Record<string, unknown> {
  return meta.archivedAt ? { ...document, [STUDIO_META_KEY]: meta } : { ...document };
}

/** A hash of a document's substance (parsed, so defaults and bookkeeping do not count). */
export function documentHash(raw: unknown): string | undefined {
  const parsed = parseFlowDocument(raw);
  return parsed.ok ? contentHash(parsed.document) : undefined;
}
