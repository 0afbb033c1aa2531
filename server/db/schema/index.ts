// Every table, for drizzle's typed queries and for drizzle-kit. The schema files do not import
// "server-only" (drizzle-kit loads them on plain Node; see server/allowServerOnly.mjs).
export { workspaces } from "./workspaces";
export { flows, flowVersions } from "./flows";
export { scripts, scriptVersions, type ScriptVersionStatus } from "./scripts";
export { customers, customerAddresses } from "./customers";
export { interactions, interactionEvents, interactionPath, timers, type InteractionStatus } from "./interactions";
export { outbox, outboxAttempts, webhooks, type MessageKind, type OutboxStatus } from "./outbox";
export { idempotencyKeys } from "./idempotencyKeys";
export { apiKeys, type ApiKeyMode } from "./apiKeys";
export { triggerRuns } from "./triggers";
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
  studioRoles,
  type StudioRole,
} from "./auth";
export { auditLog, type AuditActorType } from "./audit";
