import { z } from "zod";
import { channelSchema } from "../schema/common";
import { flowEffect } from "../compile/flowEffect";
import { DEFAULT_OUTLET, defineNodeType } from "./nodeType";

export const handoffNode = defineNodeType({
  type: "handoff",
  label: "Hand off",
  description: "Switches the customer to another channel or queue, carrying the whole context, and moves on.",
  textKey: "node.handoff",
  behaviour: "passes",
  dataSchema: z.looseObject({
    channel: channelSchema,
    queue: z.string().min(1).optional(),
    carryContext: z.boolean().default(true),
  }),
  defaultData: () => ({ channel: "voice" as const, carryContext: true }),
  outlets: () => [DEFAULT_OUTLET],
  requiredOutlets: () => [DEFAULT_OUTLET],
  status: () => "passing",
  step: () => ({}),
  scripts: () => [],
  effects: ["recordHandoff"],
  compile: ({ node, data, exit }) => ({
    entry: [
      flowEffect.recordHandoff({
        node: node.id,
        channel: data.channel,
        carryContext: data.carryContext,
        ...(data.queue ? { queue: data.queue } : {}),
      }),
    ],
    always: exit(DEFAULT_OUTLET),
  }),
});
