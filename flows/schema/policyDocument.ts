import { z } from "zod";
import { channelSchema, isoDurationSchema } from "./common";
import { checkExpression } from "../expressions/checkExpression";

export const POLICY_SCHEMA = "journey-studio/policy@1";

/** What a message is for (CONTRACT §7): transactional ones (OTP, confirmations) are never capped or held. */
export const messageCategories = ["transactional", "service", "marketing"] as const;
export const messageCategorySchema = z.enum(messageCategories);
export type MessageCategory = z.infer<typeof messageCategorySchema>;

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day such as 21:00");

export const quietHoursSchema = z.strictObject({
  start: timeOfDaySchema,
  end: timeOfDaySchema,
  /** The categories quiet hours hold back; transactional messages are never held, even if named. */
  categories: z.array(messageCategorySchema).default(["service", "marketing"]),
});
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const capSchema = z.strictObject({
  categories: z.array(messageCategorySchema).min(1, "names no category"),
  /** One channel, or every channel when absent. */
  channel: channelSchema.optional(),
  max: z.number().int().min(0),
  per: isoDurationSchema,
});
export type Cap = z.infer<typeof capSchema>;

export const whenCappedSchema = z.enum(["skip", "defer", "fallback"]);
export type WhenCapped = z.infer<typeof whenCappedSchema>;

const ruleText = z.string().trim().min(1).max(200);

/** A "minefield" (雷区): a phrase that upsets customers, what to say instead, and on which channels. */
export const forbiddenPhraseRuleSchema = z.strictObject({
  phrase: ruleText,
  replacement: z.string().trim().max(200).optional(),
  /** Every channel when absent. */
  channels: z.array(channelSchema).optional(),
  /** `error` (the default) refuses submission for review; `warning` only shows. */
  severity: z.enum(["error", "warning"]).default("error"),
});
export type ForbiddenPhraseRule = z.infer<typeof forbiddenPhraseRuleSchema>;

/** Words every script of a channel (and of these categories) must carry, any one of them. */
export const disclosureRuleSchema = z.strictObject({
  channel: channelSchema,
  /** Every category when absent; a script without a `category` counts as `service`. */
  categories: z.array(messageCategorySchema).optional(),
  anyOf: z.array(ruleText).min(1, "names no words"),
  label: z.string().trim().max(200).optional(),
});
export type DisclosureRule = z.infer<typeof disclosureRuleSchema>;

/** How long a channel's scripts may be: SMS segments, characters, seconds of speech. Over it is an error. */
export const lengthLimitSchema = z.strictObject({
  channel: channelSchema,
  maxSegments: z.number().int().min(1).max(20).optional(),
  maxCharacters: z.number().int().min(1).max(100_000).optional(),
  maxSeconds: z.number().int().min(1).max(3600).optional(),
});
export type LengthLimit = z.infer<typeof lengthLimitSchema>;

/**
 * The workspace's compliance rules for scripts, linted as content editors type; a script with an error
 * is not submitted for review. Present, its lists replace the built-in ones (the SMS opt-out words).
 */
export const complianceRulesSchema = z.strictObject({
  forbiddenPhrases: z.array(forbiddenPhraseRuleSchema).max(500).default([]),
  requiredDisclosures: z.array(disclosureRuleSchema).max(100).default([]),
  lengthLimits: z.array(lengthLimitSchema).max(50).default([]),
});
export type ComplianceRules = z.infer<typeof complianceRulesSchema>;

/** A segment's name, as a start node's `segment` names it: `vip-shanghai`. */
export const segmentNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be lower-case letters, digits, '-' or '_' (such as vip-shanghai)");

/** An audience expression over the customer profile, checked as a start node's `audience` is. */
const segmentAudienceSchema = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(2000)
  .superRefine((text, ctx) => {
    for (const problem of checkExpression(text, new Set()))
      ctx.addIssue({ code: "custom", message: problem.message.replace(/ \(declare it under "variables".*\)$/, "") });
  });

/** A named audience (CONTRACT §7): a workspace-level expression over `customer` start nodes reuse by name. */
export const segmentSchema = z.strictObject({
  name: segmentNameSchema,
  audience: segmentAudienceSchema,
  description: z.string().trim().max(200).optional(),
});
export type Segment = z.infer<typeof segmentSchema>;

/** A workspace's messaging policy, `journey-studio/policy@1`: caps and quiet hours across every flow. */
export const policyDocumentSchema = z.strictObject({
  schema: z.literal(POLICY_SCHEMA),
  defaultLocale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/, "must be a locale tag such as zh-CN or en")
    .optional(),
  /** The workspace's time zone, for customers without one (UTC when absent). */
  timezone: z
    .string()
    .refine(isTimeZone, { message: "is not a time zone (use an IANA name such as Asia/Shanghai)" })
    .optional(),
  quietHours: quietHoursSchema.optional(),
  caps: z.array(capSchema).default([]),
  whenCapped: whenCappedSchema.default("skip"),
  /** Compliance rules for scripts (an addition to policy@1: documents without it keep their meaning). */
  compliance: complianceRulesSchema.optional(),
  /** Named segments (an addition to policy@1): audiences start nodes reference by `segment`. */
  segments: z
    .array(segmentSchema)
    .max(200)
    .refine((list) => new Set(list.map((s) => s.name)).size === list.length, { message: "names a segment twice" })
    .optional(),
});
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

/** A workspace without a policy document: no caps, no quiet hours. */
export const EMPTY_POLICY: PolicyDocument = { schema: POLICY_SCHEMA, caps: [], whenCapped: "skip" };

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
