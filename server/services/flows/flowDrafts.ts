// A flow's draft: open, create (blank or from an example), duplicate, archive,
// save (the canvas autosaves), import. Every change names who made it (`by`): a member's id becomes the
// draft's author for the four-eyes rule, and the change is written to the audit log in its transaction.
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import {
  FLOW_SCHEMA,
  flowKeySchema,
  parseFlowDocument,
  type Diagnostic,
  type FlowDocument,
  validateFlow,
} from "../../../flows";
import type { Db } from "../../db/client";
import { flows, flowVersions } from "../../db/schema";
import { AppError } from "../../errors/appError";
import { recordAudit, type AuditActor } from "../audit/recordAudit";
import { exampleCallees, exampleFlow } from "./exampleFlows";
import { publishFlow } from "../publishing";
import { addMissingExampleScripts } from "./exampleScripts";
import { documentHash, parseDraft, storedDraft, studioMeta } from "./studioDraft";

export type FlowDraft = {
  key: string;
  document: FlowDocument;
  /** Optimistic concurrency: a save names the revision it started from. */
  revision: string;
  archived: boolean;
  latestVersion: number | null;
  unpublishedChanges: boolean;
};

export async function getFlowDraft(db: Db, workspaceId: string, key: string): Promise<FlowDraft> {
  const row = await findFlow(db, workspaceId, key);
  const { document, meta } = parseDraft(row.draft);
  if (!document) throw new AppError("FLOW_INVALID", { detail: `The stored draft of "${key}" is not a flow document.` });
  const [latest] = await db
    .select({ version: flowVersions.version, source: flowVersions.source })
    .from(flowVersions)
    .where(eq(flowVersions.flowId, row.id))
    .orderBy(desc(flowVersions.version))
    .limit(1);
  return {
    key,
    document,
    revision: row.updatedAt.toISOString(),
    archived: meta.archivedAt !== undefined,
    latestVersion: latest?.version ?? null,
    unpublishedChanges: !latest || documentHash(latest.source) !== documentHash(document),
  };
}

export type CreateFlowInput = {
  key: string;
  name: string;
  kind: "sop" | "mot";
  fromExample?: string;
  fromFlow?: string;
  /** Its process-map folder (checked by the caller: server/services/flows/flowFolders.ts authorizeFolder). */
  folderId?: string | null;
};

/** Who changed a draft: the audit actor; a member (type "user") is also the draft's author for four eyes. */
export type DraftEditor = AuditActor;

const authorId = (by: DraftEditor): string | null => (by.type === "user" ? (by.id ?? null) : null);

/**
 * What creating a flow did besides: from an example, the flows it calls (subflows, transitively) that
 * the workspace lacked and that came with it, published (`added`), and those it had already and kept
 * as they were (`kept`), by key.
 */
export type CreatedFlow = { key: string; addedFlows: string[]; keptFlows: string[] };

/**
 * A new flow: blank (an empty canvas), a copy of an example, or a copy of another flow's draft. An
 * example brings the flows it calls that the workspace does not have (any flow of that key counts,
 * archived or not: never a second copy), published as the start-up import publishes the examples, and
 * their scripts, so that the new flow validates and publishes in an empty workspace.
 */
export async function createFlow(
  db: Db,
  workspaceId: string,
  input: CreateFlowInput,
  by: DraftEditor,
  action: "flow.created" | "flow.duplicated" = "flow.created",
): Promise<CreatedFlow> {
  const key = parseKey(input.key);
  let base: FlowDocument = {
    schema: FLOW_SCHEMA,
    key,
    name: input.name,
    kind: input.kind,
    channels: ["chat"],
    variables: {},
    nodes: [],
    edges: [],
  };
  if (input.fromExample) {
    const example = exampleFlow(input.fromExample);
    if (!example) throw new AppError("NOT_FOUND", { detail: `No example "${input.fromExample}".` });
    // Under a key the example calls, the new flow would call itself where it calls that flow.
    if (exampleCallees(example.key).some((called) => called.key === key))
      throw new AppError("CONFLICT", {
        detail: `The example "${example.key}" calls a flow with the key "${key}"; choose another key.`,
        extensions: { field: "key" },
      });
    base = { ...example, key, name: input.name, kind: input.kind };
  } else if (input.fromFlow) {
    const source = await getFlowDraft(db, workspaceId, input.fromFlow);
    base = { ...source.document, key, name: input.name, kind: input.kind };
  }
  const brought = { addedFlows: [] as string[], keptFlows: [] as string[] };
  await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(flows)
      .values({
        workspaceId,
        key,
        name: base.name,
        kind: base.kind,
        draft: storedDraft(base, {}),
        draftUpdatedById: authorId(by),
        folderId: input.folderId ?? null,
      })
      .onConflictDoNothing({ target: [flows.workspaceId, flows.key] })
      .returning({ id: flows.id });
    if (!inserted)
      throw new AppError("CONFLICT", {
        detail: `A flow with the key "${key}" exists already.`,
        extensions: { field: "key" },
      });
    await recordAudit(tx, {
      workspaceId,
      actor: by,
      action,
      subject: { type: "flow", id: inserted.id, label: key },
      after: { fromExample: input.fromExample ?? null, fromFlow: input.fromFlow ?? null },
    });
    // An example's scripts come with it where the workspace lacks them, so it can be published as it is.
    if (input.fromExample) await addMissingExampleScripts(tx, workspaceId, base, by);
    if (input.fromExample) Object.assign(brought, await addCalledExamples(tx, workspaceId, input.fromExample, by));
  });
  return { key, ...brought };
}

/**
 * The examples `example` calls (exampleCallees: each after the flows it calls) that the workspace has
 * no flow of that key for: added with their scripts and published by "examples", audited as
 * `flow.addedFromExample`. The others are kept as they are.
 */
async function addCalledExamples(
  db: Db,
  workspaceId: string,
  example: string,
  by: DraftEditor,
): Promise<{ addedFlows: string[]; keptFlows: string[] }> {
  const addedFlows: string[] = [];
  const keptFlows: string[] = [];
  for (const called of exampleCallees(example)) {
    // The key is claimed by inserting the flow (publishFlow then finds it): a look-up first would not see
    // a flow of that key another member is creating meanwhile, and publishFlow's upsert would then
    // overwrite that flow's draft with the example and publish it. Waits for such a creation to commit.
    const [claimed] = await db
      .insert(flows)
      .values({ workspaceId, key: called.key, name: called.name, kind: called.kind, draft: called })
      .onConflictDoNothing({ target: [flows.workspaceId, flows.key] })
      .returning({ id: flows.id });
    if (!claimed) {
      keptFlows.push(called.key);
      continue;
    }
    await addMissingExampleScripts(db, workspaceId, called, by);
    const published = await publishFlow(db, workspaceId, called, { publishedBy: "examples" });
    if (!published.ok)
      throw new AppError("FLOW_INVALID", {
        detail: `The example "${called.key}" that "${example}" calls does not publish.`,
        extensions: { diagnostics: published.diagnostics },
      });
    await recordAudit(db, {
      workspaceId,
      actor: by,
      action: "flow.addedFromExample",
      subject: { type: "flow", label: called.key },
      after: { calledBy: example, version: published.version },
    });
    addedFlows.push(called.key);
  }
  return { addedFlows, keptFlows };
}

export async function duplicateFlow(
  db: Db,
  workspaceId: string,
  key: string,
  newKey: string,
  by: DraftEditor,
): Promise<{ key: string }> {
  const source = await getFlowDraft(db, workspaceId, key);
  const { folderId } = await findFlow(db, workspaceId, key);
  // The copy sits beside the original, in its folder.
  return createFlow(
    db,
    workspaceId,
    { key: newKey, name: `${source.document.name} (copy)`, kind: source.document.kind, fromFlow: key, folderId },
    by,
    "flow.duplicated",
  );
}

/** Archiving hides a flow from the library; its versions keep running. */
export async function setFlowArchived(
  db: Db,
  workspaceId: string,
  key: string,
  archived: boolean,
  by: DraftEditor = { type: "system", label: "system" },
): Promise<{ key: string; archived: boolean }> {
  const row = await findFlow(db, workspaceId, key);
  const { document } = parseDraft(row.draft);
  if (!document) throw new AppError("FLOW_INVALID", { detail: `The stored draft of "${key}" is not a flow document.` });
  // Archiving is bookkeeping: it does not count as an edit of the draft (updatedAt and its author stay).
  await db.transaction(async (tx) => {
    await tx
      .update(flows)
      .set({ draft: storedDraft(document, archived ? { archivedAt: new Date().toISOString() } : {}) })
      .where(eq(flows.id, row.id));
    await recordAudit(tx, {
      workspaceId,
      actor: by,
      action: archived ? "flow.archived" : "flow.unarchived",
      subject: { type: "flow", id: row.id, label: key },
    });
  });
  return { key, archived };
}

export type SaveResult = { ok: true; revision: string } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Stores the canvas's document as the draft. The draft may have node-level errors (it is being
 * drawn); it must be a flow document, and its key is the flow's. Refused with CONFLICT when the
 * draft changed since `baseRevision` (another tab, or a restore). The canvas autosaves, so an ordinary
 * save is audited as `flow.draftEdited` when the draft's author changes (the first save of each run of
 * one person's edits), not at every keystroke; `action` names a change audited every time.
 */
export async function saveFlowDraft(
  db: Db,
  workspaceId: string,
  key: string,
  input: unknown,
  baseRevision: string | undefined,
  by: DraftEditor,
  action?: "flow.replaced" | "flow.restored",
): Promise<SaveResult> {
  const parsed = parseFlowDocument(input);
  if (!parsed.ok)
    return {
      ok: false,
      diagnostics: documentFindings(input),
    };
  const document = { ...parsed.document, key };
  const row = await findFlow(db, workspaceId, key);
  if (baseRevision && row.updatedAt.toISOString() !== baseRevision) {
    throw new AppError("CONFLICT", {
      detail: "The draft was changed elsewhere since you opened it; reload to see the latest.",
      extensions: { revision: row.updatedAt.toISOString() },
    });
  }
  const editorId = authorId(by);
  const updated = await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(flows)
      .set({
        draft: storedDraft(document, studioMeta(row.draft)),
        name: document.name,
        kind: document.kind,
        updatedAt: new Date(),
        draftUpdatedById: editorId,
      })
      // Postgres keeps microseconds, a JavaScript Date milliseconds: compare at the precision both share.
      .where(
        and(
          eq(flows.id, row.id),
          sql`date_trunc('milliseconds', ${flows.updatedAt}) = ${row.updatedAt.toISOString()}::timestamptz`,
        ),
      )
      .returning({ updatedAt: flows.updatedAt });
    if (!changed)
      throw new AppError("CONFLICT", {
        detail: "The draft was saved by someone else at the same moment; reload to see the latest.",
      });
    if (action || row.draftUpdatedById !== editorId || editorId === null)
      await recordAudit(tx, {
        workspaceId,
        actor: by,
        action: action ?? "flow.draftEdited",
        subject: { type: "flow", id: row.id, label: key },
        before: { author: row.draftUpdatedById },
      });
    return changed;
  });
  return { ok: true, revision: updated.updatedAt.toISOString() };
}

/** Imports a flow document file: a new flow, or (with `replace`) the new draft of an existing one. */
export async function importFlowDocument(
  db: Db,
  workspaceId: string,
  input: unknown,
  options: { replace: boolean; by: DraftEditor },
): Promise<{ key: string; created: boolean } | { diagnostics: Diagnostic[] }> {
  const parsed = parseFlowDocument(input);
  if (!parsed.ok)
    return {
      diagnostics: documentFindings(input),
    };
  const document = parsed.document;
  const [existing] = await db
    .select({ id: flows.id })
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.key, document.key)));
  if (existing && !options.replace)
    throw new AppError("CONFLICT", {
      detail: `A flow with the key "${document.key}" exists already.`,
      extensions: { field: "key" },
    });
  if (existing) {
    await saveFlowDraft(db, workspaceId, document.key, document, undefined, options.by, "flow.replaced");
    return { key: document.key, created: false };
  }
  await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(flows)
      .values({
        workspaceId,
        key: document.key,
        name: document.name,
        kind: document.kind,
        draft: storedDraft(document, {}),
        draftUpdatedById: authorId(options.by),
      })
      .returning({ id: flows.id });
    await recordAudit(tx, {
      workspaceId,
      actor: options.by,
      action: "flow.imported",
      subject: { type: "flow", id: inserted?.id ?? null, label: document.key },
    });
  });
  return { key: document.key, created: true };
}

export async function findFlow(db: Db, workspaceId: string, key: string) {
  const [row] = await db
    .select({
      id: flows.id,
      draft: flows.draft,
      updatedAt: flows.updatedAt,
      draftUpdatedById: flows.draftUpdatedById,
      folderId: flows.folderId,
    })
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.key, key)));
  if (!row) throw new AppError("FLOW_NOT_FOUND", { detail: `No flow "${key}" in this workspace.` });
  return row;
}

function parseKey(key: string): string {
  const parsed = flowKeySchema.safeParse(key);
  if (!parsed.success)
    throw new AppError("VALIDATION_FAILED", {
      detail: `The key ${parsed.error.issues[0]?.message ?? "is not valid"}.`,
      extensions: { field: "key" },
    });
  return parsed.data;
}

/**
 * Why a value is no flow document, as the validator's findings (NOT_A_FLOW_DOCUMENT with their params,
 * FORBIDDEN_KEY), which the studio words in its language: not zod's own English.
 */
function documentFindings(input: unknown): Diagnostic[] {
  return validateFlow(input).diagnostics;
}
