import { z } from "zod";
import { channelSchema } from "../schema/common";
import { messageCategorySchema } from "../schema/policyDocument";
import { warningAt } from "../diagnostics";
import { flowEffect } from "../compile/flowEffect";
import { DEFAULT_OUTLET, defineNodeType } from "./nodeType";
import { styleFields, wantedStyles } from "./styleFields";

export const messageNode = defineNodeType({
  type: "message",
  label: "Message",
  description: "Sends a script on a channel (or the customer's preferred one, with fallbacks) and moves on.",
  textKey: "node.message",
  behaviour: "passes",
  dataSchema: z.looseObject({
    script: z.string().min(1, "names no script"),
    channel: z.union([channelSchema, z.literal("preferred")]),
    fallback: z.array(channelSchema).optional(),
    category: messageCategorySchema.optional(),
    ...styleFields,
  }),
  defaultData: () => ({ script: "", channel: "preferred" as const }),
  outlets: () => [DEFAULT_OUTLET],
  requiredOutlets: () => [DEFAULT_OUTLET],
  status: () => "passing",
  step: (data) => ({ script: data.script }),
  scripts: (data, flowChannels) => [
    {
      key: data.script,
      channels: [
        ...new Set([...(data.channel === "preferred" ? flowChannels : [data.channel]), ...(data.fallback ?? [])]),
      ],
    },
  ],
  effects: ["queueMessage"],
  check: ({ node, data, document }) => {
    const used = [...(data.channel === "preferred" ? [] : [data.channel]), ...(data.fallback ?? [])];
    return used
      .filter((channel) => !document.channels.includes(channel))
      .map((channel) =>
        warningAt(
          "CHANNEL_NOT_IN_FLOW",
          `Message "${node.id}" uses channel ${channel}, which is not one of the flow's channels (${document.channels.join(", ")}).`,
          { nodeId: node.id, params: { node: node.id, channel, channels: document.channels.join(", ") } },
        ),
      );
  },
  compile: ({ node, data, exit }) => ({
    entry: [
      flowEffect.queueMessage({
        node: node.id,
        script: data.script,
        channel: data.channel,
        fallback: data.fallback ?? [],
        ...(data.category ? { category: data.category } : {}),
        ...(data.style !== undefined ? { styles: wantedStyles(data) } : {}),
      }),
    ],
    always: exit(DEFAULT_OUTLET),
  }),
});
