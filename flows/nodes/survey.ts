import { messageCategorySchema } from "../schema/policyDocument";
import { z } from "zod";
import { channelSchema, isoDurationSchema } from "../schema/common";
import { errorAt } from "../diagnostics";
import { timerEvent } from "../compile/machineJson";
import { flowContextAction, flowEffect, flowGuard } from "../compile/flowEffect";
import { DEFAULT_OUTLET, defineNodeType, timerActions } from "./nodeType";
import { TIMEOUT_OUTLET } from "./ask";

export const SURVEY_ANSWERED_EVENT = "survey.answered";
export const surveyScales = { csat: { min: 1, max: 5 }, nps: { min: 0, max: 10 } } as const;

export const surveyNode = defineNodeType({
  type: "survey",
  label: "Survey",
  description: "Asks for a CSAT (1-5) or NPS (0-10) score and waits for it; the score can be kept in a variable.",
  textKey: "node.survey",
  behaviour: "waits",
  dataSchema: z.looseObject({
    metric: z.enum(["csat", "nps"]),
    script: z.string().min(1, "names no script"),
    channel: channelSchema.optional(),
    timeout: isoDurationSchema.optional(),
    variable: z.string().min(1).optional(),
    category: messageCategorySchema.optional(),
  }),
  defaultData: () => ({ metric: "csat" as const, script: "" }),
  outlets: (data) => [DEFAULT_OUTLET, ...(data.timeout ? [TIMEOUT_OUTLET] : [])],
  requiredOutlets: (data) => [DEFAULT_OUTLET, ...(data.timeout ? [TIMEOUT_OUTLET] : [])],
  status: () => "active",
  step: (data) => ({ script: data.script, metric: data.metric, scale: { ...surveyScales[data.metric] } }),
  scripts: (data, flowChannels) => [
    { key: data.script, channels: data.channel !== undefined ? [data.channel] : flowChannels },
  ],
  effects: ["sendSurvey", "scheduleTimer", "cancelTimer"],
  check: ({ node, data, declaredVariables }) =>
    data.variable === undefined || declaredVariables.has(data.variable)
      ? []
      : [
          errorAt(
            "UNDECLARED_VARIABLE",
            `Survey "${node.id}" stores its score in "${data.variable}", which is not a variable of this flow.`,
            { nodeId: node.id, path: "data.variable", params: { node: node.id, variable: data.variable } },
          ),
        ],
  compile: ({ node, data, path, exit }) => {
    const scale = surveyScales[data.metric];
    const timers = data.timeout ? timerActions(path, { after: data.timeout }) : undefined;
    const store = flowContextAction.storeEventValue({
      field: "score",
      ...(data.variable ? { variable: data.variable } : {}),
    });
    return {
      entry: [
        flowEffect.sendSurvey({
          node: node.id,
          metric: data.metric,
          script: data.script,
          ...(data.channel ? { channel: data.channel } : {}),
          ...(data.category ? { category: data.category } : {}),
        }),
        ...(timers?.entry ?? []),
      ],
      ...(timers ? { exit: timers.exit } : {}),
      on: {
        [SURVEY_ANSWERED_EVENT]: exit(DEFAULT_OUTLET, { actions: [store] }).map((t) => ({
          ...t,
          guard: flowGuard.scoreInRange({ min: scale.min, max: scale.max }),
        })),
        ...(timers ? { [timerEvent(path)]: exit(TIMEOUT_OUTLET) } : {}),
      },
    };
  },
});
