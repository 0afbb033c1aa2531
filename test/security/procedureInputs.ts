// A VALID input for every tRPC procedure, made from real rows created just before the call (as the
// workspace's admin, through the services), so that the authorisation matrix reaches the service: a
// procedure whose router lets a role in while its service refuses that role fails the matrix.
// A procedure added to the router without an entry here fails the matrix too.
import type { Database } from "../../server/db/client";
import type { Auth } from "../../server/auth/auth";
import { createPasswordUser } from "../../server/auth/createPasswordUser";
import { createWorkspaceApiKey } from "../../server/auth/manageApiKeys";
import { memberships } from "../../server/db/schema";
import { memberActor } from "../../server/services/audit/recordAudit";
import { createFlow, getFlowDraft, saveFlowDraft } from "../../server/services/flows/flowDrafts";
import { publishDraft } from "../../server/services/flows/flowVersions";
import type { MemberSession } from "../../server/services/memberSession";
import { createScript, importScriptDocument, submitScriptVersion } from "../../server/services/scripts";
import { saveWebhook } from "../../server/services/webhooks/manageWebhooks";
import { createWorkspace } from "../../server/services/workspaces/createWorkspace";
import { createFolder, moveFlow } from "../../server/services/flows/flowFolders";
import { readFileSync } from "node:fs";
import { sqlClientFor } from "../../server/db/sqlClient";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { upsertCustomer } from "../../server/services/customers";
import { readDriverTaxonomy } from "../../server/services/analytics/analyticsDrivers";
import { inviteMember } from "../../server/services/members/invitations";
import { grantFolder } from "../../server/services/flows/folderAccess";

export type FixtureContext = {
  database: Database;
  auth: Auth;
  workspaceId: string;
  /** The workspace's admin, who makes the rows. */
  admin: MemberSession;
  /** A name no earlier call used. */
  unique(prefix: string): string;
};

type Prepare = (c: FixtureContext) => Promise<unknown>;

export const flowDocument = (key: string) => ({
  schema: "journey-studio/flow@1",
  key,
  name: key,
  kind: "sop",
  channels: ["chat"],
  variables: {},
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
    { id: "done", type: "end", position: { x: 0, y: 120 }, data: { outcome: "resolved" } },
  ],
  edges: [{ id: "e1", source: "start", target: "done" }],
});

export const scriptDocument = (key: string) => ({
  schema: "journey-studio/script@1",
  key,
  name: key,
  variants: [{ channel: "chat", locale: "en", text: "Hello {{ customer.name }}" }],
});

const by = (c: FixtureContext) => memberActor(c.admin);

/** The password a new user chooses when accepting an invitation in the matrix. */
export const PASSWORD_OF_NEW = "a new user's own password";

function anInvitation(c: FixtureContext, email = `${c.unique("invitee")}@example.com`) {
  return inviteMember(c.database.db, c.workspaceId, { email, role: "viewer" }, { actor: by(c) });
}

async function aFlow(c: FixtureContext): Promise<string> {
  const key = c.unique("flow");
  await createFlow(c.database.db, c.workspaceId, { key, name: key, kind: "sop" }, by(c));
  const draft = await getFlowDraft(c.database.db, c.workspaceId, key);
  await saveFlowDraft(c.database.db, c.workspaceId, key, flowDocument(key), draft.revision, by(c));
  return key;
}

async function aFolder(c: FixtureContext): Promise<string> {
  return (await createFolder(c.database.db, c.admin, { name: c.unique("folder"), parentId: null })).id;
}

async function aPublishedFlow(c: FixtureContext): Promise<string> {
  const key = await aFlow(c);
  await publishDraft(c.database.db, c.admin, key);
  return key;
}

async function aScript(c: FixtureContext, state: "draft" | "in_review" = "draft"): Promise<string> {
  const key = c.unique("script");
  await createScript(c.database.db, c.admin, { key, name: key, document: scriptDocument(key) });
  if (state === "in_review") await submitScriptVersion(c.database.db, c.admin, key, 1);
  return key;
}

/** An interaction running on a newly published flow. */
async function anInteraction(c: FixtureContext): Promise<string> {
  const flow = await aPublishedFlow(c);
  const engine = createRuntimeEngine(sqlClientFor(c.database));
  return (await engine.start({ workspaceId: c.workspaceId, mode: "live" }, { flow, channel: "chat" })).id;
}

/** A Twilio Studio flow without prompts: its conversion brings no script, so `flows.edit` is the whole right. */
const twilioWithoutPrompts = (): unknown =>
  JSON.parse(readFileSync(new URL("../../flows/convert/fixtures/twilio/enqueue-call.json", import.meta.url), "utf8"));

async function aMember(c: FixtureContext, role: "viewer" | "designer" = "viewer"): Promise<string> {
  const email = `${c.unique("member")}@example.com`;
  const { id } = await createPasswordUser(c.auth, { email, name: email, password: "correct horse battery staple" });
  await c.database.db.insert(memberships).values({ workspaceId: c.workspaceId, userId: id, role });
  return id;
}

async function aWebhook(c: FixtureContext): Promise<string> {
  const saved = await saveWebhook(
    c.database.db,
    c.workspaceId,
    { channel: "sms", url: "https://1.1.1.1/hook" },
    { actor: by(c) },
  );
  return saved.id;
}

const none: Prepare = () => Promise.resolve(undefined);

export const validInputs: Record<string, Prepare> = {
  "system.health": none,
  "system.session": none,

  "flows.list": () => Promise.resolve({}),
  "flows.examples": none,
  "flows.get": async (c) => ({ key: await aFlow(c) }),
  "flows.create": (c) => Promise.resolve({ key: c.unique("new-flow"), name: "New", kind: "sop" }),
  "flows.duplicate": async (c) => ({ key: await aFlow(c), newKey: c.unique("copy") }),
  "flows.archive": async (c) => ({ key: await aFlow(c), archived: true }),
  "flows.saveDraft": async (c) => {
    const key = await aFlow(c);
    const draft = await getFlowDraft(c.database.db, c.workspaceId, key);
    return { key, document: { ...flowDocument(key), name: "Renamed" }, baseRevision: draft.revision };
  },
  "flows.import": (c) => Promise.resolve({ document: flowDocument(c.unique("imported")), replace: false }),
  "flows.importConverted": (c) => Promise.resolve({ source: twilioWithoutPrompts(), key: c.unique("converted") }),
  "flows.publish": async (c) => ({ key: await aFlow(c) }),
  "flows.versions": async (c) => ({ key: await aPublishedFlow(c) }),
  "flows.version": async (c) => ({ key: await aPublishedFlow(c), version: 1 }),
  "flows.restore": async (c) => ({ key: await aPublishedFlow(c), version: 1 }),
  "flows.compiled": async (c) => ({ key: await aFlow(c) }),
  "flows.published": none,

  "scripts.approved": none,
  "scripts.list": () => Promise.resolve({}),
  "scripts.complianceRules": none,
  "scripts.get": async (c) => ({ key: await aScript(c) }),
  "scripts.export": async (c) => ({ key: await aScript(c) }),
  "scripts.create": (c) => Promise.resolve({ key: c.unique("new-script"), name: "New" }),
  "scripts.saveDraft": async (c) => {
    const key = await aScript(c);
    return { key, document: { ...scriptDocument(key), name: "Renamed" } };
  },
  "scripts.submit": async (c) => ({ key: await aScript(c), version: 1 }),
  "scripts.approve": async (c) => ({ key: await aScript(c, "in_review"), version: 1 }),
  "scripts.returnToDraft": async (c) => ({ key: await aScript(c, "in_review"), version: 1 }),
  "scripts.requestChanges": async (c) => ({
    key: await aScript(c, "in_review"),
    version: 1,
    comment: "Shorter, please",
  }),
  "scripts.usage": async (c) => ({ key: await aScript(c) }),
  "scripts.makeOnlyVariant": async (c) => {
    const key = c.unique("split-script");
    const doc = scriptDocument(key);
    await importScriptDocument(
      c.database.db,
      c.workspaceId,
      { ...doc, variants: [...doc.variants, { channel: "chat", locale: "en", text: "Hi" }] },
      { approvedBy: "reviewer" },
    );
    return { key, variant: "chat/en#0" };
  },
  "scripts.snippetUsage": async (c) => ({ key: await aScript(c) }),
  "mot.policy": none,
  "mot.savePolicy": () =>
    Promise.resolve({
      document: {
        schema: "journey-studio/policy@1",
        quietHours: { start: "21:00", end: "08:00", categories: ["marketing"] },
        caps: [{ categories: ["marketing"], max: 1, per: "P1D" }],
        whenCapped: "skip",
      },
    }),
  "mot.audienceCount": () => Promise.resolve({ audience: "'vip' in customer.tags", segment: "vip-shanghai" }),
  "mot.searchCustomers": () => Promise.resolve({ text: "c" }),
  "mot.customer": async (c) => {
    const id = c.unique("customer");
    await upsertCustomer(sqlClientFor(c.database), c.workspaceId, id, { name: "Wang Fang" });
    return { id };
  },
  "interactions.list": () => Promise.resolve({}),
  "interactions.replay": async (c) => ({ id: await anInteraction(c) }),
  "analytics.flow": async (c) => ({ flow: await aPublishedFlow(c) }),
  "analytics.voice": async (c) => ({ flow: await aPublishedFlow(c) }),
  "analytics.variants": async (c) => ({ flow: await aPublishedFlow(c) }),
  "analytics.drivers": none,
  // Each save starts from what is stored now (a save from an older revision is a CONFLICT).
  "analytics.saveDrivers": async (c) => ({
    drivers: [
      { driver: c.unique("driver"), labels: { en: "Queue", zh: "排队" }, keywords: { en: ["queue"], zh: ["排队"] } },
    ],
    baseRevision: (await readDriverTaxonomy(c.database.db, c.workspaceId)).revision,
  }),
  "scripts.discardDraft": async (c) => ({ key: await aScript(c), version: 1 }),
  "scripts.import": (c) => Promise.resolve({ documents: [scriptDocument(c.unique("imported-script"))] }),

  "admin.me": none,
  "admin.apiKeys.list": none,
  "admin.apiKeys.create": () => Promise.resolve({ name: "key", mode: "test" }),
  "admin.apiKeys.revoke": async (c) => ({
    id: (await createWorkspaceApiKey(c.database, c.workspaceId, { name: "k", mode: "test" }, { actor: by(c) })).id,
  }),
  "admin.webhooks.list": none,
  "admin.webhooks.save": () => Promise.resolve({ channel: "email", url: "https://1.1.1.1/mail" }),
  "admin.webhooks.rotateSecret": async (c) => ({ id: await aWebhook(c) }),
  "admin.webhooks.delete": async (c) => ({ id: await aWebhook(c) }),
  "admin.members.list": none,
  "admin.members.invite": (c) => Promise.resolve({ email: `${c.unique("invited")}@example.com`, role: "viewer" }),
  "admin.members.invitations": none,
  "admin.members.revokeInvitation": async (c) => ({ id: (await anInvitation(c)).id }),
  "admin.members.changeRole": async (c) => ({ userId: await aMember(c), role: "designer" }),
  "admin.members.remove": async (c) => ({ userId: await aMember(c) }),
  "admin.security.get": none,
  "admin.security.update": () => Promise.resolve({ requireFourEyes: false, allowPrivateWebhookTargets: false }),

  "audit.list": () => Promise.resolve({}),

  // Public (an invitation link's holder): the matrix calls them signed out.
  "invitations.describe": async (c) => ({ token: (await anInvitation(c)).token }),
  "invitations.accept": async (c) => ({ token: (await anInvitation(c)).token }),
  "invitations.acceptAsNewUser": async (c) => ({ token: (await anInvitation(c)).token, password: PASSWORD_OF_NEW }),

  "folders.list": none,
  "folders.map": none,
  "folders.create": (c) => Promise.resolve({ name: c.unique("new-folder"), parentId: null }),
  "folders.update": async (c) => ({ id: await aFolder(c), name: c.unique("renamed-folder") }),
  "folders.delete": async (c) => ({ id: await aFolder(c) }),
  "folders.moveFlow": async (c) => ({ key: await aFlow(c), folderId: await aFolder(c) }),
  "folders.grants": none,
  "folders.setGrants": async (c) => ({ userId: await aMember(c), folderIds: [await aFolder(c)] }),
  "folders.republishCallers": async (c) => ({ key: await aPublishedFlow(c) }),
  "folders.access": async (c) => ({ id: await aFolder(c) }),
  "folders.grant": async (c) => ({ folderId: await aFolder(c), userId: await aMember(c, "designer") }),
  "folders.revokeGrant": async (c) => {
    const [folderId, userId] = [await aFolder(c), await aMember(c, "designer")];
    await grantFolder(c.database.db, c.admin, folderId, userId);
    return { folderId, userId };
  },

  "workspaces.list": none,
  "workspaces.create": (c) => Promise.resolve({ slug: c.unique("brand"), name: "Brand" }),
  "workspaces.rename": async (c) => ({
    id: (await createWorkspace(c.database.db, { slug: c.unique("renamed"), name: "Before" })).id,
    name: "After",
  }),
  "workspaces.archive": async (c) => ({
    id: (await createWorkspace(c.database.db, { slug: c.unique("archived"), name: "Old" })).id,
    archived: true,
  }),
};

// Folder permissions: a valid input whose flow (or folder) lies in `folderId`, for every procedure whose
// action a member's folder grants narrow (policy.ts folderScopedActions). The matrix calls each as a
// member limited to one folder, inside it (allowed) and outside it (FORBIDDEN).
type PrepareIn = (c: FixtureContext, folderId: string) => Promise<unknown>;

async function aFlowIn(c: FixtureContext, folderId: string, published = false): Promise<string> {
  const key = published ? await aPublishedFlow(c) : await aFlow(c);
  await moveFlow(c.database.db, c.admin, key, folderId);
  return key;
}

async function aSubfolder(c: FixtureContext, parentId: string): Promise<string> {
  return (await createFolder(c.database.db, c.admin, { name: c.unique("sub"), parentId })).id;
}

/** A published subflow, a published caller that inlines it, then the subflow republished: the caller is stale. */
async function aStaleCallerIn(c: FixtureContext, folderId: string): Promise<string> {
  const callee = await aFlowIn(c, folderId, true);
  const caller = c.unique("caller");
  const doc = flowDocument(caller);
  await createFlow(c.database.db, c.workspaceId, { key: caller, name: caller, kind: "sop" }, by(c));
  const draft = await getFlowDraft(c.database.db, c.workspaceId, caller);
  await saveFlowDraft(
    c.database.db,
    c.workspaceId,
    caller,
    {
      ...doc,
      nodes: [
        doc.nodes[0],
        { id: "call", type: "subflow", position: { x: 0, y: 60 }, data: { flow: callee } },
        doc.nodes[1],
      ],
      edges: [
        { id: "e1", source: "start", target: "call" },
        { id: "e2", source: "call", sourceHandle: "resolved", target: "done" },
        { id: "e3", source: "call", sourceHandle: "else", target: "done" },
      ],
    },
    draft.revision,
    by(c),
  );
  await moveFlow(c.database.db, c.admin, caller, folderId);
  await publishDraft(c.database.db, c.admin, caller);
  const calleeDraft = await getFlowDraft(c.database.db, c.workspaceId, callee);
  await saveFlowDraft(
    c.database.db,
    c.workspaceId,
    callee,
    { ...flowDocument(callee), name: "changed" },
    calleeDraft.revision,
    by(c),
  );
  await publishDraft(c.database.db, c.admin, callee);
  return callee;
}

export const validInputsInFolder: Record<string, PrepareIn> = {
  "flows.create": (c, folderId) => Promise.resolve({ key: c.unique("new-flow"), name: "New", kind: "sop", folderId }),
  "flows.duplicate": async (c, f) => ({ key: await aFlowIn(c, f), newKey: c.unique("copy") }),
  "flows.archive": async (c, f) => ({ key: await aFlowIn(c, f), archived: true }),
  "flows.saveDraft": async (c, f) => {
    const key = await aFlowIn(c, f);
    const draft = await getFlowDraft(c.database.db, c.workspaceId, key);
    return { key, document: { ...flowDocument(key), name: "Renamed" }, baseRevision: draft.revision };
  },
  "flows.import": async (c, f) => ({ document: { ...flowDocument(await aFlowIn(c, f)), name: "New" }, replace: true }),
  "flows.importConverted": (c, folderId) =>
    Promise.resolve({ source: twilioWithoutPrompts(), key: c.unique("converted"), folderId }),
  "flows.publish": async (c, f) => ({ key: await aFlowIn(c, f) }),
  "flows.restore": async (c, f) => ({ key: await aFlowIn(c, f, true), version: 1 }),
  "folders.create": (c, parentId) => Promise.resolve({ name: c.unique("new-folder"), parentId }),
  "folders.update": async (c, f) => ({ id: await aSubfolder(c, f), name: c.unique("renamed") }),
  "folders.delete": async (c, f) => ({ id: await aSubfolder(c, f) }),
  "folders.moveFlow": async (c, f) => ({ key: await aFlowIn(c, f), folderId: await aSubfolder(c, f) }),
  "folders.republishCallers": async (c, f) => ({ key: await aStaleCallerIn(c, f) }),
};
