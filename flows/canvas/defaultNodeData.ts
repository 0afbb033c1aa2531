import type { NodeType } from "../nodes/registry";

/**
 * The data a node gets when dropped from the palette: the fields a designer must fill stay empty, so
 * the validator asks for them at once.
 */
export const defaultNodeData = {
  start: () => ({ trigger: { type: "api" } }),
  stage: () => ({ stage: "opening" }),
  message: () => ({ script: "", channel: "preferred" }),
  ask: () => ({ variable: "" }),
  decision: () => ({ rules: [] }),
  wait: () => ({ duration: "P1D" }),
  verify: () => ({ level: 1, methods: ["otp"] }),
  handoff: () => ({ channel: "voice", carryContext: true }),
  survey: () => ({ metric: "csat", script: "" }),
  set: () => ({ assign: {} }),
  subflow: () => ({ flow: "" }),
  end: () => ({ outcome: "resolved" }),
} satisfies Record<NodeType, () => Record<string, unknown>>;

/** A node id not yet taken: the type followed by the first free number (`verify2`). */
export function freeNodeId(type: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = n === 1 ? type : `${type}${n}`;
    if (!taken.has(id)) return id;
  }
}
