import type { ConversionResult, Declare } from "../conversionTypes";
import { FlowAssembler } from "../flowAssembler";
import { slug } from "../naming";
import type { ScriptVariant } from "../../schema/scriptDocument";
import type { ActionContext } from "./connectActionKit";
import { arnName } from "./connectActionKit";
import * as inputs from "./connectInputActions";
import * as logic from "./connectLogicActions";
import * as transfers from "./connectTransferActions";

const actions = { ...inputs, ...logic, ...transfers, arnName };
import { connectFlowSchema, unwrapConnect, type ConnectAction, type ConnectFlow } from "./connectFlow";
import { connectTextToLiquid, ssmlToScriptText } from "./connectPaths";

type ActionConverter = (context: ActionContext) => void;

const eventStage =
  (why: string): ActionConverter =>
  (context) =>
    actions.convertToEventStage(context, eventName(context.action), why);

const setting =
  (why: string, converted = false): ActionConverter =>
  (context) =>
    actions.skipSetting(context, why, converted);

/** Amazon Connect's flow actions (the `Type` of each action) → how each converts. */
export const connectActionConverters: { [type: string]: ActionConverter } = {
  MessageParticipant: actions.convertMessage,
  MessageParticipantIteratively: actions.convertMessage,
  GetParticipantInput: actions.convertGetInput,
  StoreCustomerInput: actions.convertGetInput,
  ConnectParticipantWithLexBot: actions.convertLexBot,
  Compare: actions.convertCompare,
  CheckAttribute: actions.convertCompare,
  UpdateContactAttributes: actions.convertUpdateAttributes,
  UpdateContactTargetQueue: actions.convertTargetQueue,
  TransferContactToQueue: actions.convertTransferToQueue,
  TransferToFlow: actions.convertTransferToFlow,
  InvokeFlowModule: actions.convertInvokeModule,
  DisconnectParticipant: actions.convertDisconnect,
  EndFlowExecution: actions.convertDisconnect,
  EndFlowModuleExecution: actions.convertDisconnect,
  Loop: actions.convertLoop,
  Wait: actions.convertWait,
  InvokeLambdaFunction: eventStage("a Lambda function is run by the integrator, not by the flow"),
  CheckHoursOfOperation: eventStage("hours of operation are the contact centre's calendar, not the flow's"),
  CheckMetricData: eventStage("queue metrics are the contact centre's, not the flow's"),
  GetMetricData: eventStage("queue metrics are the contact centre's, not the flow's"),
  CreateTask: eventStage("tasks are the contact centre's, not the flow's"),
  ShowView: eventStage("agent views are the agent desktop's, not the flow's"),
  TransferParticipantToThirdParty: eventStage("a transfer to a phone number is the telephony's to place"),
  UpdateContactTextToSpeechVoice: setting(
    "it sets the voice; the locale of the scripts that follow comes from it",
    true,
  ),
  UpdateContactData: setting("it sets contact data (language, name); the locale of the scripts comes from it", true),
  UpdateFlowLoggingBehavior: setting("it turns flow logging on or off, a platform setting with no counterpart"),
  UpdateContactRecordingBehavior: setting("it sets call recording, a telephony setting with no counterpart"),
  UpdateContactRecordingAndAnalyticsBehavior: setting(
    "it sets recording and analytics, a telephony setting with no counterpart",
  ),
  UpdateContactEventHooks: setting("it sets the flows run on contact events, which the studio does not have"),
  UpdateContactRoutingBehavior: setting("it sets routing priority, which the studio does not have"),
  UpdateContactCallbackNumber: setting("it sets the callback number, a telephony setting with no counterpart"),
};

/** Converts an Amazon Connect contact flow (2019-10-30), bare or with the flow as a string in `Content`. */
export function convertConnect(input: unknown, fallbackName: string): ConversionResult {
  const unwrapped = unwrapConnect(input);
  if (unwrapped?.contentError !== undefined)
    return {
      ok: false,
      message: `its Content (the flow as a JSON string) is not valid JSON: ${unwrapped.contentError}`,
    };
  const parsed = connectFlowSchema.safeParse(unwrapped?.flow ?? input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `is not an Amazon Connect contact flow: ${issue ? `${issue.path.join(".") || "(root)"} ${issue.message}` : "unreadable"}`,
    };
  }
  const flow = parsed.data;
  if (!flow.Actions.some((a) => a.Identifier === flow.StartAction))
    return { ok: false, message: `its StartAction "${flow.StartAction}" is not one of its Actions` };
  const name = unwrapped?.name ?? flow.Metadata?.name ?? fallbackName;
  const key = slug(name, "connect-flow");
  const asm = new FlowAssembler(key);
  const declare: Declare = (variable, type, defaultValue) => asm.declare(variable, type, defaultValue);
  const locale = flowLocale(flow);
  const queues = new Set(
    flow.Actions.filter((a) => a.Type === "UpdateContactTargetQueue").map((a) =>
      actions.arnName(typeof a.Parameters.QueueId === "string" ? a.Parameters.QueueId : "queue"),
    ),
  );
  const queue = queues.size === 1 ? [...queues][0] : undefined;
  const entry = flow.Metadata?.entryPointPosition ?? { x: 0, y: 0 };
  const start = asm.addNode("start", "start", { x: entry.x, y: entry.y }, { trigger: { type: "api" }, label: "Entry" });
  asm.exit({ node: start, next: flow.StartAction });
  for (const action of flow.Actions) {
    asm.sourceTransitions +=
      (action.Transitions.NextAction ? 1 : 0) + action.Transitions.Conditions.length + action.Transitions.Errors.length;
    const context: ActionContext = {
      asm,
      action,
      position: positionOf(flow, action),
      declare,
      ...(queue ? { queue } : {}),
      prompt: () => {
        const variants = promptVariants(action, locale, declare);
        if (!variants) return undefined;
        asm.sourcePrompts += 1;
        return { key: asm.addScript(nameOf(action), `${name}: ${nameOf(action)}`, variants) };
      },
    };
    const convert =
      connectActionConverters[action.Type] ??
      eventStage(`the action type "${action.Type}" has no counterpart in the studio`);
    convert(context);
  }
  const labels = new Map(flow.Actions.map((action) => [action.Identifier, labelOf(action)]));
  for (const node of asm.nodes) {
    const label = labels.get(node.id);
    if (label !== undefined && node.data.label === undefined) node.data.label = label;
  }
  for (const item of asm.report) {
    const label = labels.get(item.state);
    if (label !== undefined) item.label = label;
  }
  const assembled = asm.finish({
    key,
    name,
    ...(unwrapped?.description || flow.Metadata?.description
      ? { description: unwrapped?.description ?? flow.Metadata?.description ?? "" }
      : {}),
    channels: ["voice", "chat"],
    start,
  });
  return { ok: true, format: "connect", ...assembled };
}

/** Text and SSML become a voice and a chat variant; a stored prompt or media has no text. */
function promptVariants(
  action: ConnectAction,
  locale: string | undefined,
  declare: Parameters<typeof connectTextToLiquid>[1],
): ScriptVariant[] | undefined {
  const text = typeof action.Parameters.Text === "string" ? action.Parameters.Text : undefined;
  const ssml = typeof action.Parameters.SSML === "string" ? action.Parameters.SSML : undefined;
  const written = text ?? (ssml !== undefined ? ssmlToScriptText(ssml) : undefined);
  if (written === undefined || written.trim() === "") return undefined;
  const liquid = connectTextToLiquid(written, declare);
  const at = locale ? { locale } : {};
  return [
    { channel: "voice", ...at, text: liquid },
    { channel: "chat", ...at, text: liquid.replace(/\[pause \d+ms\]\s*/g, "") },
  ];
}

/** Amazon Polly voices the flow picks, and the language codes it sets, give the scripts' locale. */
const voiceLocales: { [voice: string]: string } = {
  Joanna: "en-US",
  Matthew: "en-US",
  Salli: "en-US",
  Kendra: "en-US",
  Kimberly: "en-US",
  Ivy: "en-US",
  Joey: "en-US",
  Justin: "en-US",
  Kevin: "en-US",
  Ruth: "en-US",
  Stephen: "en-US",
  Amy: "en-GB",
  Brian: "en-GB",
  Emma: "en-GB",
  Arthur: "en-GB",
  Nicole: "en-AU",
  Olivia: "en-AU",
  Russell: "en-AU",
  Zhiyu: "zh-CN",
  Hiujin: "zh-HK",
  Lea: "fr-FR",
  Mathieu: "fr-FR",
  Celine: "fr-FR",
  Vicki: "de-DE",
  Hans: "de-DE",
  Marlene: "de-DE",
  Lucia: "es-ES",
  Conchita: "es-ES",
  Enrique: "es-ES",
  Mia: "es-MX",
  Lupe: "es-US",
  Mizuki: "ja-JP",
  Takumi: "ja-JP",
  Seoyeon: "ko-KR",
  Camila: "pt-BR",
  Vitoria: "pt-BR",
  Ines: "pt-PT",
  Bianca: "it-IT",
  Carla: "it-IT",
};

function flowLocale(flow: ConnectFlow): string | undefined {
  for (const action of flow.Actions) {
    const code = action.Parameters.LanguageCode;
    if (typeof code === "string" && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(code)) return code;
    const voice = action.Parameters.TextToSpeechVoice;
    if (typeof voice === "string" && voiceLocales[voice]) return voiceLocales[voice];
  }
  return undefined;
}

/** What an action's stage events are named after: a Lambda's function name, else the action type. */
function eventName(action: ConnectAction): string {
  if (action.Type === "InvokeLambdaFunction" && typeof action.Parameters.LambdaFunctionARN === "string")
    return actions.arnName(action.Parameters.LambdaFunctionARN);
  return action.Type;
}

/** A readable label for an action's node: its type, and the start of its prompt. */
function labelOf(action: ConnectAction): string {
  const text = typeof action.Parameters.Text === "string" ? action.Parameters.Text : undefined;
  const short = text && text.length > 40 ? `${text.slice(0, 39)}…` : text;
  return short
    ? `${action.Type}: ${short}`
    : action.Type === "InvokeLambdaFunction"
      ? `Lambda ${eventName(action)}`
      : action.Type;
}

function nameOf(action: ConnectAction): string {
  if (action.Type === "InvokeLambdaFunction" && typeof action.Parameters.LambdaFunctionARN === "string")
    return actions.arnName(action.Parameters.LambdaFunctionARN);
  return action.Identifier;
}

function positionOf(flow: ConnectFlow, action: ConnectAction): { x: number; y: number } {
  return flow.Metadata?.ActionMetadata?.[action.Identifier]?.position ?? { x: 0, y: 0 };
}
