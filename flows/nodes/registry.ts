import type { z } from "zod";
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
import type { NodeTypeDefinition } from "./nodeType";

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
} as const satisfies { [type: string]: NodeTypeDefinition<string, z.ZodType> };

export type NodeType = keyof typeof nodeRegistry;
export type AnyNodeTypeDefinition = (typeof nodeRegistry)[NodeType];
/** A node's data as a document holds it (before defaults), e.g. for canvas nodes `Node<NodeData<"survey">, "survey">`. */
export type NodeData<Type extends NodeType> = z.input<(typeof nodeRegistry)[Type]["dataSchema"]>;

// Each entry's key is its type: `survey: askNode` fails to compile here, naming the wrong key.
type MisnamedEntry = { [Type in NodeType]: (typeof nodeRegistry)[Type]["type"] extends Type ? never : Type }[NodeType];
const keysAreTypes: [MisnamedEntry] extends [never] ? true : MisnamedEntry = true;
void keysAreTypes;

export const nodeTypes = Object.keys(nodeRegistry) as NodeType[];

export function isNodeType(type: string): type is NodeType {
  return Object.prototype.hasOwnProperty.call(nodeRegistry, type);
}

export function nodeDefinition(type: string): AnyNodeTypeDefinition | undefined {
  return isNodeType(type) ? nodeRegistry[type] : undefined;
}
