import type { FlowMachine } from "../compile/createFlowMachine";
import type { FlowContext } from "../compile/machineJson";
import type { FlowSnapshot } from "./transitionFlow";

/** What the runtime stores: plain JSON (state value, context, status, output). */
export type PersistedFlowSnapshot = {
  status: string;
  value: unknown;
  context: FlowContext;
  output?: unknown;
  historyValue?: unknown;
  children?: unknown;
};

export function persistSnapshot(machine: FlowMachine, snapshot: FlowSnapshot): PersistedFlowSnapshot {
  return JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot))) as PersistedFlowSnapshot;
}

/** Brings a stored snapshot back to life for the next pure `transition`; runs no actions. */
export function restoreSnapshot(machine: FlowMachine, persisted: PersistedFlowSnapshot): FlowSnapshot {
  return machine.resolveState(persisted as unknown as Parameters<FlowMachine["resolveState"]>[0]);
}
