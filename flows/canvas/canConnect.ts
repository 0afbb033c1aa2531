import type { FlowResolver } from "../schema/flowDocument";
import { isValidOutlet, nodeOutlets } from "./nodeOutlets";

type Connectable = { id: string; type?: string; data: Record<string, unknown> };
type Connected = { source: string; sourceHandle?: string | null };
type Connection = { source: string; target: string; sourceHandle?: string | null };

/**
 * May the designer draw this edge? Not to itself or to a start node, only from an outlet the source
 * has, and one edge per outlet (a second would never be taken) except where edges are chosen by event.
 */
export function canConnect(
  nodes: readonly Connectable[],
  edges: readonly Connected[],
  connection: Connection,
  resolveFlow?: FlowResolver,
): boolean {
  const source = nodes.find((n) => n.id === connection.source);
  const target = nodes.find((n) => n.id === connection.target);
  if (!source || !target || source.id === target.id || target.type === "start") return false;
  if (!isValidOutlet(source.type, source.data, connection.sourceHandle, resolveFlow)) return false;
  if (nodeOutlets(source.type, source.data, resolveFlow).byEvent) return true;
  return !edges.some((e) => e.source === source.id && (e.sourceHandle ?? null) === (connection.sourceHandle ?? null));
}
