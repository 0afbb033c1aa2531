// Every table, for drizzle's typed queries and for drizzle-kit. The schema files do not import
// "server-only" (drizzle-kit loads them on plain Node; see server/allowServerOnly.mjs).
export { workspaces } from "./workspaces";
export { flows, flowVersions } from "./flows";
export { scripts, scriptVersions, type ScriptVersionStatus } from "./scripts";
export { customers, customerAddresses } from "./customers";
export { interactions, interactionEvents, interactionPath, timers, type InteractionStatus } from "./interactions";
export {
  outbox,
  outboxAttempts,
  webhooks,
  verificationCodes,
  webhookEventTypes,
  type MessageKind,
  type OutboxStatus,
  type WebhookEventType,
} from "./outbox";
export { idempotencyKeys } from "./idempotencyKeys";
export { apiKeys, type ApiKeyMode } from "./apiKeys";
export { triggerRuns, triggerWatermarks } from "./triggers";
export { workspacePolicies } from "./policies";
export {
  users,
  sessions,
  accounts,
  verifications,
  rateLimits,
  memberships,
  workspaceSettings,
  webhookPreviousSecrets,
  serverSecrets,
  instanceAdmins,
  studioRoles,
  type StudioRole,
} from "./auth";
export {
  analyticsRollups,
  analyticsFacts,
  analyticsWatermarks,
  analyticsComments,
  analyticsDrivers,
} from "./analytics";
export { auditLog, type AuditActorType } from "./audit";
export { flowFolders, folderGrants } from "./folders";
export { workspaceInvitations } from "./invitations";
