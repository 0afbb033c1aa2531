// Response schemas of the MOT router: the workspace policy, the customer 360° view, audience counts.
import { z } from "zod";

export const policyOutput = z.object({ document: z.record(z.string(), z.unknown()) });

export const audienceCountOutput = z.object({
  count: z.number().int(),
  total: z.number().int(),
  problems: z.array(z.string()),
});

export const customerHitsOutput = z.array(
  z.object({ id: z.string(), name: z.string().nullable(), addresses: z.array(z.string()) }),
);

const timelineEntry = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("interaction"),
    at: z.string(),
    id: z.string(),
    flow: z.string(),
    channel: z.string(),
    status: z.string(),
    outcome: z.string().nullable(),
  }),
  z.object({
    kind: z.literal("message"),
    at: z.string(),
    id: z.string(),
    flow: z.string().nullable(),
    channel: z.string(),
    status: z.string(),
    reason: z.string().nullable(),
    script: z.string().nullable(),
    category: z.string().nullable(),
  }),
]);

export const customerViewOutput = z
  .object({
    customer: z.object({
      id: z.string(),
      name: z.string().nullable(),
      birthday: z.string().nullable(),
      timezone: z.string().nullable(),
      preferredChannel: z.string().nullable(),
      locale: z.string().nullable(),
      tags: z.array(z.string()),
      attributes: z.record(z.string(), z.unknown()),
      addresses: z.array(z.object({ channel: z.string(), address: z.string() })),
      consent: z.record(z.string(), z.boolean()),
    }),
    audiences: z.array(
      z.object({ flow: z.string(), name: z.string(), audience: z.string(), segment: z.string().optional() }),
    ),
    timeline: z.array(timelineEntry),
    lastSurvey: z
      .object({ metric: z.string().nullable(), score: z.number(), comment: z.string().nullable(), at: z.string() })
      .nullable(),
  })
  .nullable();
