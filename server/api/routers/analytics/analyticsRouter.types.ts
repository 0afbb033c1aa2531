// Request and response schemas of the studio's analytics router: zod only.
import { z } from "zod";

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
