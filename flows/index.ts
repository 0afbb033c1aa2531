// The flow language's public surface, for the server, the CLI and the canvas.
export * from "./diagnostics";
export * from "./schema/common";
export * from "./schema/flowDocument";
export { parseIsoDuration, addIsoDuration, isoDurationInRange, MAX_DURATION_YEARS } from "./schema/isoDuration";
export { migrateFlowDocument } from "./schema/migrateFlowDocument";
export { parseFlowDocument, parseFlowDocumentOrThrow } from "./schema/parseFlowDocument";
export type { ParseDocumentResult, MigrationResult } from "./schema/documentFormat";
export { nodeRegistry, nodeTypes, nodeDefinition, isNodeType } from "./nodes/registry";
export type { NodeData, NodeType } from "./nodes/registry";
export { DEFAULT_OUTLET } from "./nodes/nodeType";
export {
  DEFAULT_CODE_SCRIPT,
  DEFAULT_MAX_ATTEMPTS,
  FAILED_OUTLET,
  VERIFIED_OUTLET,
  VERIFY_SUBMITTED_EVENT,
} from "./nodes/verify";
export { validateFlow } from "./validate/validateFlow";
export { compileFlow } from "./compile/compileFlow";
export type { CompileResult } from "./compile/compileFlow";
export { createFlowMachine } from "./compile/createFlowMachine";
export type { FlowEvent, FlowInput, FlowMachine } from "./compile/createFlowMachine";
export type { MachineJson, StepMeta, FlowContext } from "./compile/machineJson";
export { timerEvent, TIMER_EVENT_PREFIX } from "./compile/machineJson";
export { flowEffectTypes, isFlowEffectType } from "./compile/flowEffect";
export type { FlowEffect, FlowEffectOf, FlowEffectParams, FlowEffectType } from "./compile/flowEffect";
export { startFlow, transitionFlow, currentStep, interactionStatus } from "./execute/transitionFlow";
export type { FlowSnapshot, InteractionStatus, StepResult } from "./execute/transitionFlow";
export { persistSnapshot, restoreSnapshot } from "./execute/persistSnapshot";
export type { PersistedFlowSnapshot } from "./execute/persistSnapshot";
export { resolveChannel, channelCandidates, nextChannel, reachable } from "./execute/resolveChannel";
export { planEffects } from "./execute/planEffects";
export type { EffectPlan, PlanInput, PlannedMessage, PlannedTimer } from "./execute/planEffects";
export { FlowSimulation } from "./simulate/flowSimulation";
export { simulateRun } from "./simulate/simulateRun";
export * from "./expressions";
