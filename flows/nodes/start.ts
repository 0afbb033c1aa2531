import { z } from "zod";
import { CronExpressionParser } from "cron-parser";
import { eventNameSchema, expressionSchema, isoDurationSchema } from "../schema/common";
import { segmentNameSchema } from "../schema/policyDocument";
import { checkExpression } from "../expressions/checkExpression";
import { errorAt } from "../diagnostics";
import type { Diagnostic } from "../diagnostics";
import { DEFAULT_OUTLET, defineNodeType } from "./nodeType";

const triggerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("api") }),
  z.object({ type: z.literal("event"), event: eventNameSchema }),
  z.object({ type: z.literal("schedule"), cron: z.string().min(1), timezone: z.string().optional() }),
  z.object({
    type: z.literal("date"),
    field: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, "must be a path such as customer.birthday"),
    offsetDays: z.number().int().optional(),
    at: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day such as 09:00")
      .optional(),
    timezone: z.string().optional(),
  }),
]);
export type Trigger = z.infer<typeof triggerSchema>;

/**
 * CONTRACT §7: whether a triggered start may start a customer again. `afterEnd` (the default): not while
 * their journey of this flow is still running; `never`: once per customer; `always`: every occurrence;
 * an ISO duration: not within that long of their last start.
 */
export const reentrySchema = z.union([z.enum(["always", "never", "afterEnd"]), isoDurationSchema]);
export type Reentry = z.infer<typeof reentrySchema>;

export const startNode = defineNodeType({
  type: "start",
  label: "Start",
  description: "Where the journey begins: started by the API, a customer event, a schedule or a date.",
  textKey: "node.start",
  behaviour: "passes",
  dataSchema: z.looseObject({
    trigger: triggerSchema.default({ type: "api" }),
    /** An expression over `customer`: date, schedule and event triggers start only customers it holds for. */
    audience: expressionSchema.optional(),
    /** A workspace segment (policy@1 `segments`) the customer must be in too, besides `audience`. */
    segment: segmentNameSchema.optional(),
    reentry: reentrySchema.optional(),
  }),
  defaultData: () => ({ trigger: { type: "api" as const } }),
  outlets: () => [DEFAULT_OUTLET],
  requiredOutlets: () => [DEFAULT_OUTLET],
  status: () => "passing",
  step: () => ({}),
  scripts: () => [],
  effects: [],
  check: ({ node, data, declaredVariables, segments }) => [
    ...checkTrigger(node.id, data.trigger, declaredVariables),
    ...checkAudience(node.id, data.audience),
    ...checkSegment(node.id, data.segment, segments),
  ],
  compile: ({ exit }) => ({ always: exit(DEFAULT_OUTLET) }),
});

/** What the schema cannot see: a cron that does not parse, an unknown time zone, a date field that is not there. */
function checkTrigger(nodeId: string, trigger: Trigger, declaredVariables: ReadonlySet<string>): Diagnostic[] {
  const found: Diagnostic[] = [];
  const where = { nodeId, path: "data.trigger" };
  if (
    (trigger.type === "schedule" || trigger.type === "date") &&
    trigger.timezone !== undefined &&
    !isTimeZone(trigger.timezone)
  ) {
    found.push(
      errorAt(
        "BAD_TIMEZONE",
        `Start "${nodeId}": "${trigger.timezone}" is not a time zone (use an IANA name such as Asia/Shanghai).`,
        { ...where, params: { node: nodeId, zone: trigger.timezone } },
      ),
    );
  }
  if (trigger.type === "schedule") {
    try {
      CronExpressionParser.parse(
        trigger.cron,
        trigger.timezone && isTimeZone(trigger.timezone) ? { tz: trigger.timezone } : {},
      );
    } catch (error) {
      found.push(
        errorAt(
          "BAD_CRON",
          `Start "${nodeId}": the schedule "${trigger.cron}" is not a cron expression (${error instanceof Error ? error.message : "unreadable"}).`,
          { ...where, params: { node: nodeId, cron: trigger.cron } },
        ),
      );
    }
  }
  if (trigger.type === "date" && !trigger.field.startsWith("customer.") && !declaredVariables.has(trigger.field)) {
    found.push(
      errorAt(
        "BAD_DATE_FIELD",
        `Start "${nodeId}": the date field "${trigger.field}" is neither on the customer profile (customer.…) nor a variable of this flow.`,
        { ...where, params: { node: nodeId, field: trigger.field } },
      ),
    );
  }
  return found;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An audience reads the customer profile only (no flow variable exists before the start). */
function checkAudience(nodeId: string, audience: string | undefined): Diagnostic[] {
  if (audience === undefined) return [];
  return checkExpression(audience, new Set()).map((problem) =>
    errorAt(
      "BAD_AUDIENCE",
      `Start "${nodeId}": the audience ${problem.message.replace(/which is not a variable of this flow \(declare it under "variables", or use customer\.(\w+) for the profile\)/, "which is not on the customer profile (use customer.$1)")}.`,
      {
        nodeId,
        path: "data.audience",
        params: { node: nodeId, expression: audience, problem: problem.reason, ...problem.params },
      },
    ),
  );
}

/** A segment the workspace does not define starts nobody: an error, when the names are known. */
function checkSegment(nodeId: string, segment: string | undefined, segments: ReadonlySet<string> | undefined) {
  if (segment === undefined || segments === undefined || segments.has(segment)) return [];
  const known = [...segments].sort().join(", ") || "—";
  return [
    errorAt(
      "UNKNOWN_SEGMENT",
      `Start "${nodeId}": the segment "${segment}" is not one of the workspace's segments (known: ${known}).`,
      { nodeId, path: "data.segment", params: { node: nodeId, segment, known } },
    ),
  ];
}
