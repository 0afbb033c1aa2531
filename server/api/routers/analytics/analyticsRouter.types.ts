// Request and response schemas of the studio's analytics router: zod only.
import { z } from "zod";
import { driverEntrySchema, driverTaxonomySchema } from "../../../../flows/analytics/driverTaxonomy";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const flowFiguresInput = z.object({
  flow: z.string().min(1).max(100),
  from: day.optional(),
  to: day.optional(),
  version: z.number().int().positive().optional(),
  channel: z.string().min(1).max(40).optional(),
  test: z.boolean().optional(),
});

const count = z.number();

export const flowFiguresOutput = z.object({
  flow: z.string(),
  from: z.string(),
  to: z.string(),
  interactions: z.object({ started: count, completed: count, byOutcome: z.record(z.string(), count) }),
  nodes: z.array(
    z.object({
      node: z.string(),
      entered: count,
      exits: z.record(z.string(), count),
      dropped: count,
      dwellMs: z.object({ p50: count, p90: count }).optional(),
      csat: z.object({ n: count, mean: z.number() }).optional(),
      nps: z.object({ n: count, score: z.number(), promoters: count, passives: count, detractors: count }).optional(),
    }),
  ),
  channels: z.array(z.object({ channel: z.string(), started: count, completed: count })),
  foldedThrough: z.string(),
  lagMs: z.number(),
});

export const voiceInput = flowFiguresInput
  .omit({ version: true })
  .extend({ node: z.string().min(1).max(100).optional() });

export const voiceOutput = z.object({
  drivers: z.array(z.object({ driver: z.string(), labels: z.record(z.string(), z.string()) })),
  comments: z.array(
    z.object({
      interactionId: z.string(),
      node: z.string(),
      channel: z.string(),
      metric: z.string(),
      score: z.number(),
      comment: z.string(),
      at: z.string(),
      drivers: z.array(z.string()),
    }),
  ),
  pareto: z.array(z.object({ driver: z.string(), count: z.number(), cumulative: z.number() })),
  trend: z.array(
    z.object({
      week: z.string(),
      nps: z.object({ n: z.number(), score: z.number().nullable() }),
      csat: z.object({ n: z.number(), mean: z.number().nullable() }),
      detractors: z.number(),
      mix: z.record(z.string(), z.number()),
    }),
  ),
  shifts: z.array(z.object({ driver: z.string(), week: z.string(), points: z.number() })),
});

export const variantsInput = flowFiguresInput.omit({ version: true });

export const variantsOutput = z.array(
  z.object({
    node: z.string(),
    script: z.string(),
    variant: z.string(),
    sends: z.number(),
    next: z.number(),
    nextRate: z.number(),
    csat: z.object({ n: z.number(), mean: z.number() }).optional(),
    test: z.object({ z: z.number(), p: z.number(), significant: z.boolean() }).nullable(),
  }),
);

export const driverTaxonomyOutput = z.object({
  drivers: z.array(driverEntrySchema),
  custom: z.boolean(),
  revision: z.string(),
});

export const saveDriversInput = z.object({ drivers: driverTaxonomySchema, baseRevision: z.string().min(1).max(100) });
