// The webhook events of CONTRACT §5, declared in the OpenAPI document's `webhooks` (OpenAPI 3.1).
// Every delivery is `{ id, type, created, data }`, POSTed to the workspace's webhook for the channel
// (else its `all` webhook; `interaction.*` go to `all`), signed `X-Signature: t=<unix>,v1=<hex>`.
import "server-only";
import { z, type OpenAPIHono } from "@hono/zod-openapi";

const customer = z.object({ id: z.string() }).nullable();
const common = { interactionId: z.string(), flow: z.string(), customer };

function envelope<T extends z.ZodType>(type: string, data: T, name: string) {
  return z
    .object({
      id: z.string().openapi({ description: "The delivery's id (also X-Journey-Delivery); a message's id" }),
      type: z.literal(type),
      created: z.string().openapi({ description: "When the event happened (ISO 8601)" }),
      data,
    })
    .openapi(name);
}

const MessageSendEvent = envelope(
  "message.send",
  z.object({
    ...common,
    id: z.string(),
    node: z.string(),
    kind: z.enum(["script", "otp", "survey"]),
    channel: z.string(),
    address: z.string(),
    category: z.string().optional(),
    script: z.object({ key: z.string(), version: z.number().int(), variant: z.string() }).optional(),
    subject: z.string().optional(),
    text: z.string().optional().openapi({ description: "What to send (plain text); a one-time code's includes it" }),
    rendered: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "The channel's body (SSML for voice, HTML for email), segments for sms" }),
    metric: z.enum(["csat", "nps"]).optional().openapi({ description: "A survey's metric" }),
  }),
  "MessageSendEvent",
);

const VerificationRequestedEvent = envelope(
  "verification.requested",
  z.object({ ...common, node: z.string(), level: z.number().int(), methods: z.array(z.string()) }),
  "VerificationRequestedEvent",
);

const HandoffEvent = envelope(
  "interaction.handoff",
  z.object({
    ...common,
    node: z.string(),
    channel: z.string().openapi({ description: "The channel the interaction moves to" }),
    queue: z.string().nullable(),
    context: z.record(z.string(), z.unknown()).openapi({ description: "The flow's variables (carryContext)" }),
    path: z
      .array(
        z.object({
          node: z.string(),
          type: z.string(),
          enteredAt: z.string(),
          leftAt: z.string().optional(),
          outlet: z.string().optional(),
        }),
      )
      .openapi({ description: "Every node visited up to the handoff, in order" }),
  }),
  "InteractionHandoffEvent",
);

const endedData = z.object({
  ...common,
  status: z.enum(["completed", "failed"]),
  outcome: z.string().nullable(),
  channel: z.string(),
});
const CompletedEvent = envelope("interaction.completed", endedData, "InteractionCompletedEvent");
const FailedEvent = envelope("interaction.failed", endedData, "InteractionFailedEvent");

const headers = z.object({
  "x-signature": z.string().openapi({ description: 't=<unix>,v1=<hex HMAC-SHA256 of "t.body">' }),
  "x-journey-delivery": z.string(),
});

export function registerWebhookEvents(app: Pick<OpenAPIHono, "openAPIRegistry">) {
  const events: Array<[string, string, string, z.ZodType]> = [
    ["message.send", "webhookMessageSend", "A message to send to the customer", MessageSendEvent],
    [
      "verification.requested",
      "webhookVerificationRequested",
      "Verify the customer by these methods, then send verify.passed or verify.failed",
      VerificationRequestedEvent,
    ],
    [
      "interaction.handoff",
      "webhookInteractionHandoff",
      "The interaction moves to a channel or queue, with its context and path",
      HandoffEvent,
    ],
    ["interaction.completed", "webhookInteractionCompleted", "An interaction reached an end", CompletedEvent],
    ["interaction.failed", "webhookInteractionFailed", "An interaction failed or was cancelled", FailedEvent],
  ];
  for (const [type, operationId, summary, schema] of events) {
    app.openAPIRegistry.registerWebhook({
      method: "post",
      path: type,
      operationId,
      summary,
      tags: ["Webhooks"],
      security: [],
      request: { headers, body: { content: { "application/json": { schema } }, required: true } },
      responses: {
        200: { description: "Acknowledged (any 2xx); anything else is retried with back-off" },
      },
    });
  }
}
