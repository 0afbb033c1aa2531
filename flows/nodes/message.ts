import { z } from "zod";
import { channelSchema } from "../schema/common";
import { warningAt } from "../diagnostics";
import { DEFAULT_OUTLET, defineNodeType, go } from "./nodeType";

export const messageNode = defineNodeType({
  type: "message",
  label: "Message",
  description: "Sends a script on a channel (or the customer's preferred one, with fallbacks) and moves on.",
  behaviour: "passes",
  dataSchema: z.looseObject({
    script: z.string().min(1, "names no script"),
    channel: z.union([channelSchema, z.literal("preferred")]),
    fallback: z.array(channelSchema).optional(),
  }),
  outlets: () => [DEFAULT_OUTLET],
  requiredOutlets: () => [DEFAULT_OUTLET],
  status: () => "passing",
  check: ({ node, data, document }) => {
    const used = [...(data.channel === "preferred" ? [] : [data.channel]), ...(data.fallback ?? [])];
    return used
      .filter((channel) => !document.channels.includes(channel))
      .map((channel) =>
        warningAt(
          "CHANNEL_NOT_IN_FLOW",
          `Message "${node.id}" uses channel ${channel}, which is not one of the flow's channels (${document.channels.join(", ")}).`,
          { nodeId: node.id },
        ),
      );
  },
  compile: ({ node, data, targetFor }) => ({
    entry: [
      {
        type: "queueMessage",
        params: { node: node.id, script: data.script, channel: data.channel, fallback: data.fallback ?? [] },
      },
    ],
    always: go(targetFor(DEFAULT_OUTLET)),
  }),
});
