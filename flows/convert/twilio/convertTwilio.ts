import type { Channel } from "../../schema/common";
import type { ScriptChannel } from "../../schema/scriptDocument";
import type { ConversionResult, Declare } from "../conversionTypes";
import { FlowAssembler } from "../flowAssembler";
import { slug } from "../naming";
import { twilioDefinitionSchema, unwrapTwilio, type TwilioState } from "./twilioDefinition";
import { mapTwilioTemplate } from "./twilioLiquid";
import type { WidgetContext } from "./twilioWidgetKit";
import * as prompts from "./twilioPromptWidgets";
import * as logic from "./twilioLogicWidgets";
import * as handoffs from "./twilioHandoffWidgets";

const widgets = { ...prompts, ...logic, ...handoffs };

type WidgetConverter = (context: WidgetContext) => void;

const eventStage =
  (why: string): WidgetConverter =>
  (context) =>
    widgets.convertToEventStage(context, why);

/** Twilio's widget library (every `type` of the flow-definition schema) → how each converts. */
export const twilioWidgetConverters: { [type: string]: WidgetConverter } = {
  trigger: widgets.convertTrigger,
  "send-message": widgets.convertSendMessage,
  "send-and-wait-for-reply": widgets.convertSendAndWait,
  "gather-input-on-call": widgets.convertGather,
  "say-play": widgets.convertSayPlay,
  "split-based-on": widgets.convertSplit,
  "set-variables": widgets.convertSetVariables,
  "run-subflow": widgets.convertRunSubflow,
  "connect-call-to": widgets.convertConnectCall,
  "send-to-flex": widgets.convertSendToFlex,
  "enqueue-call": widgets.convertEnqueue,
  "make-http-request": eventStage("an HTTP request is made by the integrator, not by the flow"),
  "run-function": eventStage("a Twilio Function is run by the integrator, not by the flow"),
  "capture-payments": eventStage("payments are captured by the integrator's payment system, not by the flow"),
  "add-twiml-redirect": eventStage("TwiML is Twilio's own; the redirect is the integrator's to make"),
  "record-voicemail": eventStage("a voicemail is recorded by the IVR, not by the flow"),
  "make-outgoing-call": eventStage("an outgoing call is placed by the integrator, not by the flow"),
  "make-outgoing-call-v2": eventStage("an outgoing call is placed by the integrator, not by the flow"),
  "fork-stream": eventStage("media streams are Twilio's own"),
  "connect-virtual-agent": eventStage("a virtual agent (Dialogflow) is the integrator's to connect"),
  "send-to-auto-pilot": eventStage("Autopilot is Twilio's own"),
  "record-call": (context) =>
    widgets.skipSetting(
      context,
      "success",
      "it turns call recording on or off, a telephony setting with no counterpart",
    ),
};

/** Converts a Twilio Studio flow definition (or a Flow resource holding one in `definition`). */
export function convertTwilio(input: unknown, fallbackName: string): ConversionResult {
  const unwrapped = unwrapTwilio(input);
  const parsed = twilioDefinitionSchema.safeParse(unwrapped?.definition ?? input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `is not a Twilio Studio flow definition: ${issue ? `${issue.path.join(".") || "(root)"} ${issue.message}` : "unreadable"}`,
    };
  }
  const definition = parsed.data;
  const name = unwrapped?.name ?? (definition.description || fallbackName);
  const key = slug(unwrapped?.name ?? fallbackName, "twilio-flow");
  const asm = new FlowAssembler(key);
  const trigger = definition.states.find((s) => s.name === definition.initial_state);
  if (!trigger)
    return { ok: false, message: `its initial_state "${definition.initial_state}" is not one of its states` };
  const channels = flowChannels(definition.states, trigger);
  const messageChannel: Channel = channels.includes("sms") || !channels.includes("chat") ? "sms" : "chat";
  const handoffChannel: Channel = channels.includes("voice") ? "voice" : messageChannel;
  const declare: Declare = (variable, type, defaultValue) => asm.declare(variable, type, defaultValue);
  const ordered = [trigger, ...definition.states.filter((s) => s !== trigger)];
  for (const state of ordered) {
    asm.sourceTransitions += state.transitions.length;
    const context: WidgetContext = {
      asm,
      state,
      position: offsetOf(state),
      messageChannel,
      handoffChannel,
      declare,
      prompt: (text: string, channel: ScriptChannel, locale?: string) => {
        asm.sourcePrompts += 1;
        const mapped = mapTwilioTemplate(text, declare);
        const key = asm.addScript(state.name, `${name}: ${state.name}`, [
          { channel, ...(locale ? { locale } : {}), text: mapped.text },
        ]);
        return { key, unmapped: mapped.unmapped };
      },
    };
    const convert =
      state === trigger
        ? widgets.convertTrigger
        : state.type === "trigger"
          ? eventStage("a flow has one trigger, its initial_state")
          : (twilioWidgetConverters[state.type] ??
            eventStage(`the widget type "${state.type}" has no counterpart in the studio`));
    convert(context);
  }
  const assembled = asm.finish({
    key,
    name,
    ...(definition.description ? { description: definition.description } : {}),
    channels,
    start: trigger.name,
  });
  return { ok: true, format: "twilio", ...assembled };
}

/** The channels the flow is reached on (its trigger's events) and speaks on (its widgets). */
function flowChannels(states: readonly TwilioState[], trigger: TwilioState): Channel[] {
  const found = new Set<Channel>();
  for (const t of trigger.transitions) {
    if (!t.next) continue;
    if (t.event === "incomingMessage") found.add("sms");
    if (t.event === "incomingCall") found.add("voice");
    if (t.event === "incomingConversationMessage") found.add("chat");
  }
  const voiceWidgets = new Set([
    "gather-input-on-call",
    "say-play",
    "connect-call-to",
    "record-voicemail",
    "enqueue-call",
  ]);
  const messageWidgets = new Set(["send-message", "send-and-wait-for-reply"]);
  if (states.some((s) => voiceWidgets.has(s.type))) found.add("voice");
  if (states.some((s) => messageWidgets.has(s.type)) && !found.has("chat")) found.add("sms");
  if (found.size === 0) found.add("sms");
  return [...found];
}

function offsetOf(state: TwilioState): { x: number; y: number } {
  const offset = state.properties.offset;
  if (typeof offset === "object" && offset !== null) {
    const { x, y } = offset as { x?: unknown; y?: unknown };
    if (typeof x === "number" && typeof y === "number" && Number.isFinite(x) && Number.isFinite(y)) return { x, y };
  }
  return { x: 0, y: 0 };
}
