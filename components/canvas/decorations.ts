import { createContext, useContext, useSyncExternalStore } from "react";
import type { FlowResolver } from "../../flows";

export type Layer = "problem" | "simulation" | "diff" | "search";

/**
 * Per-node decorations (validation, simulation path, diff, search hits) kept outside node data, so
 * a change repaints only the nodes whose decoration changed, never the whole canvas.
 */
export class Decorations {
  private layers = new Map<Layer, Map<string, string>>();
  private listeners = new Set<() => void>();
  private classes = new Map<string, string>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  classFor = (nodeId: string): string => this.classes.get(nodeId) ?? "";

  setLayer(layer: Layer, values: Map<string, string>) {
    this.layers.set(layer, values);
    const next = new Map<string, string>();
    for (const [, map] of this.layers) {
      for (const [id, value] of map) next.set(id, next.has(id) ? `${next.get(id)} ${value}` : value);
    }
    let changed = next.size !== this.classes.size;
    if (!changed) for (const [id, value] of next) if (this.classes.get(id) !== value) changed = true;
    this.classes = next;
    if (changed) for (const listener of this.listeners) listener();
  }
}

export type CanvasEnvironment = { decorations: Decorations; resolveFlow?: FlowResolver; readOnly: boolean };

export const CanvasContext = createContext<CanvasEnvironment>({ decorations: new Decorations(), readOnly: false });

export function useNodeDecoration(nodeId: string): string {
  const { decorations } = useContext(CanvasContext);
  return useSyncExternalStore(
    decorations.subscribe,
    () => decorations.classFor(nodeId),
    () => "",
  );
}
