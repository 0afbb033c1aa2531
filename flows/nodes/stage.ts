import { z } from "zod";
import { stageSchema } from "../schema/common";
import { stateKey, type TransitionJson } from "../compile/machineJson";
import { defineNodeType, leaveTo } from "./nodeType";
import { styleFields, wantedStyles } from "./styleFields";

export const NEXT_EVENT = "next";

export const stageNode = defineNodeType({
  type: "stage",
  label: "Stage",
  description:
    "A scene of the interaction (opening, verification, …) with its script; waits for the events on its edges.",
  textKey: "node.stage",
  behaviour: "waits",
  edgesByEvent: true,
  dataSchema: z.looseObject({
    stage: stageSchema,
    script: z.string().min(1).optional(),
    mot: z.boolean().optional(),
    label: z.string().optional(),
    ...styleFields,
  }),
  defaultData: () => ({ stage: "opening" as const }),
  outlets: () => undefined,
  requiredOutlets: () => [],
  status: () => "active",
  step: (data) => ({
    stage: data.stage,
    ...(data.mot === true ? { mot: true } : {}),
    ...(data.script !== undefined ? { script: data.script } : {}),
    ...(data.label !== undefined ? { label: data.label } : {}),
    ...(data.style !== undefined ? { styles: wantedStyles(data) } : {}),
  }),
  scripts: (data, flowChannels) => (data.script !== undefined ? [{ key: data.script, channels: flowChannels }] : []),
  effects: [],
  compile: ({ node, outgoing, path }) => {
    const on: { [event: string]: TransitionJson[] } = {};
    for (const { edge, target } of outgoing) {
      const event = edge.data?.event ?? NEXT_EVENT;
      // A stage's edges are told apart by the event they wait for: that is the outlet the path records.
      if (!on[event]) on[event] = [leaveTo(target, path, event, { self: stateKey(node.id) })];
    }
    return { on };
  },
});
