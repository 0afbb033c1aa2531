// GET /flows/{key}/analytics — CONTRACT §8.
import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../errors/appError";
import { problemResponseSpec } from "../problem";

const day = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), "an ISO date or date-time")
  .transform((s) => new Date(Date.parse(s)).toISOString().slice(0, 10));

export const AnalyticsQuerySchema = z.object({
  from: day.optional().openapi({ description: "First UTC day (ISO date or date-time), default 29 days before `to`" }),
  to: day.optional().openapi({ description: "Last UTC day, included (default today)" }),
  version: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: "One version (default: all, matched by node id)" }),
  channel: z.string().min(1).max(40).optional(),
});

const count = z.number().int().nonnegative();

const NodeFiguresSchema = z
  .object({
    node: z.string(),
    entered: count,
    exits: z.record(z.string(), count),
    dropped: count,
    dwellMs: z.object({ p50: count, p90: count }).optional(),
    csat: z.object({ n: count, mean: z.number() }).optional(),
    nps: z
      .object({ n: count, score: z.number().int(), promoters: count, passives: count, detractors: count })
      .optional(),
  })
  .openapi("NodeAnalytics");

export const FlowAnalyticsSchema = z
  .object({
    flow: z.string(),
    from: z.string(),
    to: z.string(),
    interactions: z.object({ started: count, completed: count, byOutcome: z.record(z.string(), count) }),
    nodes: z.array(NodeFiguresSchema),
    channels: z.array(z.object({ channel: z.string(), started: count, completed: count })),
    foldedThrough: z.string().openapi({ description: "Every step written before this instant is counted" }),
    lagMs: count.openapi({ description: "How far the rollups are behind now" }),
  })
  .openapi("FlowAnalytics");

export const flowAnalyticsRoute = createRoute({
  method: "get",
  path: "/flows/{key}/analytics",
  operationId: "getFlowAnalytics",
  tags: ["Flows"],
  summary: "A flow's figures per node and channel: entered, exits, dropped, dwell, CSAT, NPS",
  request: {
    params: z.object({ key: z.string().min(1).max(100) }),
    query: AnalyticsQuerySchema,
  },
  responses: {
    200: { description: "The figures", content: { "application/json": { schema: FlowAnalyticsSchema } } },
    400: problemResponseSpec("The query does not validate (VALIDATION_FAILED)"),
    401: problemResponseSpec("Missing or invalid API key (UNAUTHORIZED)"),
    404: problemResponseSpec("No such published flow (FLOW_NOT_FOUND)"),
    503: problemResponseSpec("The database does not answer (DATABASE_UNAVAILABLE)"),
  },
});

const VariantFigureSchema = z
  .object({
    node: z.string(),
    script: z.string(),
    variant: z.string().openapi({ description: "The variant's id, as a step's `script.variant` gives it" }),
    sends: count,
    next: count.openapi({ description: "Sends after which the customer took the next step" }),
    nextRate: z.number().openapi({ description: "next / sends, in %, to one decimal" }),
    csat: z.object({ n: count, mean: z.number() }).optional(),
    test: z
      .object({ z: z.number(), p: z.number(), significant: z.boolean() })
      .nullable()
      .openapi({ description: "Two-proportion z-test of the next-step rate against the node's other variants" }),
  })
  .openapi("VariantAnalytics");

export const flowVariantsRoute = createRoute({
  method: "get",
  path: "/flows/{key}/analytics/variants",
  operationId: "getFlowVariantAnalytics",
  tags: ["Flows"],
  summary: "A flow's script variants: sends, next-step rate, CSAT and a significance test per variant",
  request: {
    params: z.object({ key: z.string().min(1).max(100) }),
    query: AnalyticsQuerySchema.omit({ version: true }),
  },
  responses: {
    200: {
      description: "The figures per node and variant",
      content: {
        "application/json": {
          schema: z.object({ flow: z.string(), from: z.string(), to: z.string(), data: z.array(VariantFigureSchema) }),
        },
      },
    },
    400: problemResponseSpec("The query does not validate (VALIDATION_FAILED)"),
    401: problemResponseSpec("Missing or invalid API key (UNAUTHORIZED)"),
    404: problemResponseSpec("No such published flow (FLOW_NOT_FOUND)"),
    503: problemResponseSpec("The database does not answer (DATABASE_UNAVAILABLE)"),
  },
});

/** The days asked for, defaults filled in. */
export function analyticsDays(query: { from?: string; to?: string }, now = new Date()): { from: string; to: string } {
  const to = query.to ?? now.toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(to) - 29 * 86_400_000).toISOString().slice(0, 10);
  if (from > to) throw new AppError("VALIDATION_FAILED", { detail: `"from" (${from}) is after "to" (${to}).` });
  return { from, to };
}
