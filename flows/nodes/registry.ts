import { askNode } from "./ask";
import { decisionNode } from "./decision";
import { endNode } from "./end";
import { handoffNode } from "./handoff";
import { messageNode } from "./message";
import { setNode } from "./set";
import { stageNode } from "./stage";
import { startNode } from "./start";
import { subflowNode } from "./subflow";
import { surveyNode } from "./survey";
import { verifyNode } from "./verify";
import { waitNode } from "./wait";

/** Every node type of the language, in palette order. The one place a new type is listed. */
export const nodeRegistry = {
  start: startNode,
  stage: stageNode,
  message: messageNode,
  ask: askNode,
  decision: decisionNode,
  wait: waitNode,
  verify: verifyNode,
  handoff: handoffNode,
  survey: surveyNode,
  set: setNode,
  subflow: subflowNode,
  end: endNode,
} as const;

export type NodeType = keyof typeof nodeRegistry;
export type AnyNodeTypeDefinition = (typeof nodeRegistry)[NodeType];

export const nodeTypes = Object.keys(nodeRegistry) as NodeType[];

export function isNodeType(type: string): type is NodeType {
  return Object.prototype.hasOwnProperty.call(nodeRegistry, type);
}

export function nodeDefinition(type: string): AnyNodeTypeDefinition | undefined {
  return isNodeType(type) ? nodeRegistry[type] : undefined;
}
