import { z } from "zod";
import { channelSchema, isoDurationSchema } from "./common";

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
