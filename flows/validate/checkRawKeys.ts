import type { Diagnostic } from "../diagnostics";
import { errorAt } from "../diagnostics";

/** Names a variable may not take: JavaScript objects' own machinery, which object copies drop or shadow. */
export const objectMachineryNames = new Set(["__proto__", "constructor", "prototype"]);

/**
 * What the document's parse would lose without a word: a `__proto__` key anywhere (JSON.parse keeps it as
 * an own key, but object spreads and zod records drop it), and variables named after object machinery.
 * Runs over the raw input, before anything copies it.
 */
export function checkRawKeys(input: unknown): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (typeof input !== "object" || input === null) return diagnostics;
  const variables = (input as Record<string, unknown>).variables;
  if (typeof variables === "object" && variables !== null && !Array.isArray(variables)) {
    for (const name of Object.keys(variables)) {
      if (!objectMachineryNames.has(name)) continue;
      diagnostics.push(
        errorAt("RESERVED_VARIABLE_NAME", `Variable "${name}" cannot be used: the name is reserved; rename it.`, {
          path: `variables.${name}`,
          params: { variable: name },
        }),
      );
    }
  }
  // One path stack, pushed and popped: big flows have tens of thousands of values, and a new path array
  // per value made this walk cost more than the rest of validation.
  const path: string[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (typeof value !== "object" || value === null || depth > 64) return;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        path.push(String(index));
        walk(value[index], depth + 1);
        path.pop();
      }
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === "__proto__" && !(path.length === 1 && path[0] === "variables")) {
        const at = [...path, key].join(".");
        diagnostics.push(
          errorAt("FORBIDDEN_KEY", `"${at}": "__proto__" cannot be used as a name; rename it.`, {
            ...nodeOrEdgeAt(input, path),
            path: at,
            params: { at },
          }),
        );
        continue;
      }
      path.push(key);
      walk(record[key], depth + 1);
      path.pop();
    }
  };
  walk(input, 0);
  return diagnostics;
}

function nodeOrEdgeAt(input: object, path: string[]): { nodeId?: string; edgeId?: string } {
  const [collection, index] = path;
  if ((collection !== "nodes" && collection !== "edges") || index === undefined) return {};
  const list = (input as Record<string, unknown>)[collection];
  const item: unknown = Array.isArray(list) ? list[Number(index)] : undefined;
  const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
  if (typeof id !== "string") return {};
  return collection === "nodes" ? { nodeId: id } : { edgeId: id };
}
