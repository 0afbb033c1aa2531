import { nodeRegistry } from "../nodes/registry";
import type { NodeData, NodeType } from "../nodes/registry";

/**
 * The data a node gets when dropped from the palette (each type's `defaultData`): the fields a
 * designer must fill stay empty, so the validator asks for them at once.
 */
export function defaultNodeData<Type extends NodeType>(type: Type): NodeData<Type> {
  return defaults[type].defaultData();
}

// The registry seen as a mapped type, so that indexing it by a generic type keeps data and type together.
const defaults: { [Type in NodeType]: { defaultData(): NodeData<Type> } } = nodeRegistry;

/** A node id not yet taken: the type followed by the first free number (`verify2`). */
export function freeNodeId(type: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = n === 1 ? type : `${type}${n}`;
    if (!taken.has(id)) return id;
  }
}
