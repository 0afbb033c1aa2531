import { z } from "zod";

export const twilioConditionSchema = z.looseObject({
  type: z.string().optional(),
  value: z.string().optional(),
  friendly_name: z.string().optional(),
  arguments: z.array(z.string()).optional(),
});

export const twilioTransitionSchema = z.looseObject({
  event: z.string().min(1),
  next: z
    .string()
    .nullish()
    .transform((next) => next ?? undefined),
  conditions: z.array(twilioConditionSchema).optional(),
});
export type TwilioTransition = z.infer<typeof twilioTransitionSchema>;

export const twilioStateSchema = z.looseObject({
  name: z.string().min(1),
  type: z.string().min(1),
  transitions: z.array(twilioTransitionSchema).default([]),
  properties: z.record(z.string(), z.unknown()).default({}),
});
export type TwilioState = z.infer<typeof twilioStateSchema>;

/** A Twilio Studio flow definition (schemas.twilio.com/studio/draft/2019-09/flow-definition). */
export const twilioDefinitionSchema = z.looseObject({
  description: z.string().optional(),
  states: z.array(twilioStateSchema).min(1),
  initial_state: z.string().min(1),
  flags: z.looseObject({}).optional(),
});
export type TwilioDefinition = z.infer<typeof twilioDefinitionSchema>;

/** The definition itself, or a Flow resource as the API and the console export it (`definition` inside). */
export function unwrapTwilio(input: unknown): { definition: unknown; name?: string } | undefined {
  if (!isObject(input)) return undefined;
  if ("states" in input) return { definition: input };
  const inner = typeof input.definition === "string" ? parseOrUndefined(input.definition) : input.definition;
  if (!isObject(inner) || !("states" in inner)) return undefined;
  const name = typeof input.friendly_name === "string" ? input.friendly_name : undefined;
  return { definition: inner, ...(name ? { name } : {}) };
}

export function looksLikeTwilio(input: unknown): boolean {
  const unwrapped = unwrapTwilio(input);
  return unwrapped !== undefined && isObject(unwrapped.definition) && "initial_state" in unwrapped.definition;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
