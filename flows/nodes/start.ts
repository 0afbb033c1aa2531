import { z } from "zod";
import { CronExpressionParser } from "cron-parser";
import { eventNameSchema } from "../schema/common";
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

export const startNode = defineNodeType({
  type: "start",
  label: "Start",
  description: "Where the journey begins: started by the API, a customer event, a schedule or a date.",
  textKey: "node.start",
  behaviour: "passes",
  dataSchema: z.looseObject({ trigger: triggerSchema.default({ type: "api" }) }),
  defaultData: () => ({ trigger: { type: "api" as const } }),
  outlets: () => [DEFAULT_OUTLET],
  requiredOutlets: () => [DEFAULT_OUTLET],
  status: () => "passing",
  step: () => ({}),
  scripts: () => [],
  effects: [],
  check: ({ node, data, declaredVariables }) => checkTrigger(node.id, data.trigger, declaredVariables),
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
        where,
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
          where,
        ),
      );
    }
  }
  if (trigger.type === "date" && !trigger.field.startsWith("customer.") && !declaredVariables.has(trigger.field)) {
    found.push(
      errorAt(
        "BAD_DATE_FIELD",
        `Start "${nodeId}": the date field "${trigger.field}" is neither on the customer profile (customer.…) nor a variable of this flow.`,
        where,
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
