// The zod schemas of the runtime API; they validate requests and make the OpenAPI document.
import "server-only";
import { z } from "@hono/zod-openapi";
import { channels, type JsonValue } from "../../../flows";

export const ChannelSchema = z.enum(channels).openapi("Channel");

/**
 * A JSON object. (Bodies arrive as parsed JSON, so being a plain object is all there is to check;
 * zod's recursive z.json() would send the OpenAPI generator into endless recursion.)
 */
const jsonObject = z
  .custom<{ [key: string]: JsonValue }>(
    (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    { message: "must be a JSON object" },
  )
  .openapi({ type: "object", additionalProperties: true });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

export const CustomerRefSchema = z
  .union([
    z.object({ id: z.string().min(1).max(200) }).strict(),
    z.object({ channel: ChannelSchema, address: z.string().min(1).max(320) }).strict(),
  ])
  .openapi("CustomerRef", { description: "A customer by your id, or by a channel address (created when unknown)" });

export const StartInteractionSchema = z
  .object({
    flow: z.string().min(1).max(100).openapi({ example: "card-transfer-stepup" }),
    version: z.number().int().positive().max(2_147_483_647).optional(),
    customer: CustomerRefSchema.optional(),
    channel: ChannelSchema,
    context: jsonObject.optional().openapi({ example: { amount: 80000 } }),
  })
  .strict()
  .openapi("StartInteraction");

export const EventSchema = z
  .object({ type: z.string().min(1).max(200).openapi({ example: "customer.identified" }), data: jsonObject.optional() })
  .strict()
  .openapi("Event");

export const ClockSchema = z
  .object({ advance: z.string().min(2).max(50).openapi({ example: "P3D" }) })
  .strict()
  .openapi("ClockMove");

export const CancelSchema = z
  .object({ reason: z.string().min(1).max(500).optional().openapi({ example: "customer hung up" }) })
  .strict()
  .openapi("Cancel");

export const StepScriptSchema = z
  .object({
    key: z.string(),
    channel: z.string(),
    version: z.number().int().optional().openapi({ description: "The approved version rendered" }),
    variant: z
      .string()
      .optional()
      .openapi({ description: "The id of the variant chosen: channel/locale[/style]#index" }),
    locale: z.string().optional(),
    text: z
      .string()
      .optional()
      .openapi({ description: "Plain text; absent (with version, variant) when no approved version renders" }),
    ssml: z.string().optional().openapi({ description: "Voice: the SSML to speak" }),
    subject: z.string().optional().openapi({ description: "Email: the subject" }),
  })
  .openapi("StepScript");

export const StepSchema = z
  .object({
    node: z.string(),
    type: z.string(),
    stage: z.string().optional(),
    mot: z.boolean().optional(),
    label: z.string().optional(),
    accepts: z.array(z.string()),
    script: StepScriptSchema.optional(),
    question: z.string().optional().openapi({ description: "ask, survey: the script text" }),
    options: z
      .array(z.object({ value: z.string(), label: z.string() }))
      .optional()
      .openapi({ description: "ask: the answers it takes (`answer {value}`) and what the customer reads" }),
    timeoutAt: z.string().optional().openapi({ description: "ask: when the question times out" }),
    level: z.number().int().optional().openapi({ description: "verify: 1-3" }),
    methods: z.array(z.string()).optional().openapi({ description: "verify: otp, token, cvv2, …" }),
    attemptsLeft: z
      .number()
      .int()
      .optional()
      .openapi({ description: "verify with otp: wrong codes still allowed before the failed outlet" }),
    metric: z.string().optional().openapi({ description: "survey: csat or nps" }),
    scale: z.object({ min: z.number(), max: z.number() }).optional(),
    wakesAt: z.string().optional().openapi({ description: "wait: when the timer falls due" }),
  })
  .openapi("Step");

export const InteractionSchema = z
  .object({
    id: z.string(),
    flow: z.string(),
    version: z.number().int(),
    status: z.enum(["active", "waiting", "completed", "failed"]),
    outcome: z.string().optional(),
    channel: z.string(),
    customer: z.object({ id: z.string() }).nullable(),
    step: StepSchema.nullable(),
    context: z.record(z.string(), z.unknown()),
    mode: z.enum(["live", "test"]),
    clock: z.string().optional().openapi({ description: "Test mode: the interaction's own clock" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Interaction");

/** The clock's answer: the Interaction, flat (an `allOf` would hide its properties from strict checks), and what fired. */
export const ClockResultSchema = z
  .object({
    ...InteractionSchema.shape,
    fired: z.array(z.string()).openapi({ description: "The timers that fired, in order" }),
  })
  .openapi("ClockResult");

export const InteractionPageSchema = z
  .object({ data: z.array(InteractionSchema), nextCursor: z.string().nullable() })
  .openapi("InteractionPage");

export const HistoryEntrySchema = z
  .object({
    seq: z.number().int(),
    type: z.string(),
    data: z.unknown(),
    fromNode: z.string().nullable(),
    toNode: z.string().nullable(),
    at: z.string(),
  })
  .openapi("HistoryEntry");

export const PathEntrySchema = z
  .object({
    node: z.string().openapi({ description: "The node's id in its flow document" }),
    path: z.string().openapi({ description: "Unique across nested subflows: node ids joined by /" }),
    type: z.string(),
    enteredAt: z.string(),
    leftAt: z.string().optional().openapi({ description: "Absent while the interaction is on the node" }),
    outlet: z.string().optional().openapi({ description: "The outlet it was left by (a stage: the event)" }),
    data: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "What the node recorded: a handoff's { channel, queue, context }" }),
  })
  .openapi("PathEntry");

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const IdempotencyHeader = z.object({
  "idempotency-key": z.string().optional().openapi({ description: "Same key, same body: the first answer again" }),
});

export const CustomerProfileSchema = z
  .object({
    name: z.string().max(200).nullable().optional(),
    birthday: z.iso
      .date()
      .refine((date) => !date.startsWith("0000"), { message: "year 0000 is not a date" })
      .nullable()
      .optional()
      .openapi({ example: "1988-06-01" }),
    timezone: z
      .string()
      .max(64)
      .refine(isTimeZone, { message: "is not an IANA time zone (for example Asia/Shanghai)" })
      .nullable()
      .optional()
      .openapi({ example: "Asia/Shanghai" }),
    preferredChannel: ChannelSchema.nullable().optional(),
    locale: z
      .string()
      .max(35)
      .refine(isLocale, { message: "is not a BCP 47 locale tag (for example zh-CN or en)" })
      .nullable()
      .optional()
      .openapi({ example: "zh-CN", description: "Scripts speak it; else the workspace's default locale" }),
    tags: z.array(z.string().max(100)).max(100).optional(),
    attributes: jsonObject
      .optional()
      .openapi({ description: "Anything else flows read as customer.<name>", example: { tier: "vip" } }),
    addresses: z
      .array(z.object({ channel: ChannelSchema, address: z.string().min(1).max(320) }).strict())
      .max(50)
      .optional(),
    consent: z
      .partialRecord(ChannelSchema, z.boolean())
      .optional()
      .openapi({
        description:
          "Consent per channel, merged into the profile's: false withdraws it; a channel not named keeps its own",
        example: { sms: false },
      }),
  })
  .strict()
  .openapi("CustomerProfile");

export const CustomerSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    birthday: z.string().nullable(),
    timezone: z.string().nullable(),
    preferredChannel: z.string().nullable(),
    locale: z.string().nullable(),
    tags: z.array(z.string()),
    attributes: z.record(z.string(), z.unknown()),
    addresses: z.array(z.object({ channel: z.string(), address: z.string() })),
    consent: z.record(z.string(), z.boolean()).openapi({ description: "false: consent withdrawn for that channel" }),
  })
  .openapi("Customer");

export const CustomerEventSchema = z
  .object({
    customer: CustomerRefSchema,
    type: z.string().min(1).max(200).openapi({ example: "customer.onboarded" }),
    data: jsonObject.optional(),
  })
  .strict()
  .openapi("CustomerEvent");

export const CustomerEventResultSchema = z
  .object({ started: z.array(z.string()), delivered: z.array(z.string()) })
  .openapi("CustomerEventResult");

export const PublishedFlowSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    kind: z.string(),
    version: z.number().int(),
    channels: z.array(z.string()),
    trigger: z.unknown(),
    publishedAt: z.string(),
  })
  .openapi("PublishedFlow");

export const MessageSchema = z
  .object({
    id: z.string(),
    node: z.string().nullable().openapi({ description: "The node that sent it" }),
    kind: z.enum(["script", "otp", "survey"]),
    channel: z.string(),
    address: z.string().nullable().openapi({ description: "Null: the customer has no address on the channel" }),
    script: z.object({ key: z.string(), version: z.number().int(), variant: z.string() }).optional(),
    subject: z.string().optional(),
    text: z
      .string()
      .nullable()
      .openapi({ description: "What it says (a one-time code masked); null when no approved script rendered" }),
    category: z.string().optional().openapi({ description: "transactional, service or marketing" }),
    status: z.enum(["pending", "sent", "delivered", "failed", "skipped"]),
    reason: z.string().optional().openapi({
      description:
        "Why it was skipped, held, moved or failed: NO_WEBHOOK, NO_ADDRESS, NO_CONSENT, NO_VARIANT (no approved wording for the channel), QUIET_HOURS, CAPPED, FALLBACK_AFTER_FAILURE, OTP_RATE_LIMITED, WEBHOOK_FAILED, PROVIDER_FAILED, …",
    }),
    attempts: z
      .array(
        z.object({
          at: z.string(),
          status: z
            .string()
            .openapi({ description: "A webhook attempt: sent or failed; a provider report: delivered or failed" }),
          error: z.string().optional(),
        }),
      )
      .openapi({ description: "In order" }),
    createdAt: z.string(),
  })
  .openapi("Message");

export const DeliveryReportSchema = z
  .object({
    status: z.enum(["delivered", "failed"]),
    error: z.string().min(1).max(1000).optional().openapi({ example: "handset unreachable" }),
  })
  .strict()
  .openapi("DeliveryReport");
