import { z } from "zod";
import { eventNameSchema } from "../schema/common";
import { DEFAULT_OUTLET, defineNodeType, go } from "./nodeType";

const triggerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("api") }),
  z.object({ type: z.literal("event"), event: eventNameSchema }),
  z.object({ type: z.literal("schedule"), cron: z.string().min(1), timezone: z.string().optional() }),
  z.object({
    type: z.literal("date"),
    field: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, "must be a path such as customer.birthday"),
    offsetDays: z.number().int().optional(),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day such as 09:00").optional(),
    timezone: z.string().optional(),
  }),
]);
export type Trigger = z.infer<typeof triggerSchema>;

export const startNode = defineNodeType({
  type: "start",
  label: "Start",
  description: "Where the journey begins: started by the API, a customer event, a schedule or a date.",
  behaviour: "passes",
  dataSchema: z.looseObject({ trigger: triggerSchema.default({ type: "api" }) }),
  outlets: () => [DEFAULT_OUTLET],
  requiredOutlets: () => [DEFAULT_OUTLET],
  status: () => "passing",
  compile: ({ targetFor }) => ({ always: go(targetFor(DEFAULT_OUTLET)) }),
});
