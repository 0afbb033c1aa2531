import { z } from "zod";
import { isoDurationInRange, MAX_DURATION_YEARS, parseIsoDuration } from "./isoDuration";

export const channels = ["voice", "sms", "wechat", "email", "chat", "app", "video", "social"] as const;
export const channelSchema = z.enum(channels);
export type Channel = z.infer<typeof channelSchema>;

export const stages = [
  "opening",
  "probing",
  "verification",
  "confirming",
  "transaction",
  "dispute",
  "completion",
  "ending",
  "custom",
] as const;
export const stageSchema = z.enum(stages);
export type Stage = z.infer<typeof stageSchema>;

/** An ISO 8601 duration such as `P3D`, `PT24H` or `P1DT12H`, of at most MAX_DURATION_YEARS. */
export const isoDurationSchema = z
  .string()
  .refine((value) => parseIsoDuration(value) !== undefined, {
    message: "is not an ISO 8601 duration (for example P3D, PT30M, P1DT12H)",
  })
  .refine(
    (value) => {
      const parsed = parseIsoDuration(value);
      return parsed === undefined || isoDurationInRange(parsed);
    },
    { message: `is longer than ${MAX_DURATION_YEARS} years` },
  );

/** An expression in the flow's expression language; checked by the validator, not here. */
export const expressionSchema = z.string().min(1, "is empty");

export const eventNameSchema = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/, "must be letters, digits, '.', ':', '_' or '-'")
  .refine((name) => !name.startsWith("timer.") && !name.startsWith("xstate."), {
    message: "must not start with 'timer.' or 'xstate.' (reserved)",
  });
