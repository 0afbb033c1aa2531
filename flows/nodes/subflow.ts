import { z } from "zod";
import { flowKeySchema } from "../schema/flowDocument";
import { errorAt } from "../diagnostics";
import type { TransitionJson } from "../compile/machineJson";
import { flowContextAction, flowGuard } from "../compile/flowEffect";
import type { JsonValue } from "../expressions";
import { defineNodeType } from "./nodeType";
import { ELSE_OUTLET } from "./decision";

export const subflowNode = defineNodeType({
  type: "subflow",
  label: "Subflow",
  description:
    "Runs another journey with the variables both declare; leaves by the outcome the called journey ends with.",
  textKey: "node.subflow",
  behaviour: "waits",
  dataSchema: z.looseObject({
    flow: flowKeySchema,
    version: z.union([z.number().int().positive(), z.literal("latest")]).optional(),
  }),
  defaultData: () => ({ flow: "" }),
  outlets: (data, { resolveFlow }) => {
    if (!resolveFlow) return undefined;
    const called = resolveFlow(data.flow, data.version);
    if (!called) return undefined;
    const outcomes = called.nodes
      .filter((n) => n.type === "end")
      .map((n) => (typeof n.data.outcome === "string" ? n.data.outcome : ""));
    return [...new Set(outcomes.filter(Boolean)), ELSE_OUTLET];
  },
  requiredOutlets: () => [],
  status: () => "active",
  step: () => ({}),
  scripts: () => [],
  effects: [],
  check: ({ node, data, resolveFlow }) => {
    if (!resolveFlow || resolveFlow(data.flow, data.version)) return [];
    const version = data.version === undefined || data.version === "latest" ? "" : ` version ${data.version}`;
    return [
      errorAt("SUBFLOW_NOT_FOUND", `Subflow "${node.id}" calls flow "${data.flow}"${version}, which cannot be found.`, {
        nodeId: node.id,
        path: "data.flow",
        params: { node: node.id, flow: data.flow, ...(version ? { version: String(data.version) } : {}) },
      }),
    ];
  },
  compile: ({ node, data, exit, compileCalledFlow }) => {
    const called = compileCalledFlow(data.flow, data.version);
    if (!called) return { type: "final" };
    const declared = called.document.variables;
    const defaults: { [name: string]: JsonValue } = {};
    for (const [name, declaration] of Object.entries(declared))
      defaults[name] = (declaration.default ?? null) as JsonValue;
    const onDone: TransitionJson[] = [];
    for (const outcome of called.outcomes)
      onDone.push(...exit(outcome, { guard: flowGuard.subflowOutcomeIs({ outcome }) }));
    onDone.push(...exit(ELSE_OUTLET));
    return {
      type: "compound",
      entry: [flowContextAction.enterSubflow({ node: node.id, flow: data.flow, defaults })],
      exit: [flowContextAction.exitSubflow({ node: node.id })],
      initial: called.initial,
      states: called.states,
      onDone,
    };
  },
});
