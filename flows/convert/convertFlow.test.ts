import { describe, expect, it } from "vitest";
import { analyseFlow } from "../validate/analyseFlow";
import { compileFlow } from "../compile/compileFlow";
import { hasErrors } from "../diagnostics";
import { parseScriptDocument } from "../schema/parseScriptDocument";
import { renderScript } from "../scripts/renderScript";
import type { FlowDocument, FlowResolver } from "../schema/flowDocument";
import type { ScriptDocument } from "../schema/scriptDocument";
import { exploreBranches } from "../testing/exploreBranches";
import { loadFixtures } from "../testing/convertFixtures";
import { convertFlow, detectFormat } from "./convertFlow";
import type { ConversionSuccess } from "./conversionTypes";
import { twilioWidgetConverters } from "./twilio/convertTwilio";
import { connectActionConverters } from "./connect/convertConnect";

const fixtures = loadFixtures();

/** A called flow that ends at once: converted subflow calls compile against it. */
export const stubSubflows =
  (caller: FlowDocument): FlowResolver =>
  (key) =>
    key === caller.key
      ? undefined
      : {
          schema: "journey-studio/flow@1",
          key,
          name: key,
          kind: "sop",
          channels: caller.channels,
          variables: {},
          nodes: [
            { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
            { id: "done", type: "end", position: { x: 0, y: 100 }, data: { outcome: "resolved" } },
          ],
          edges: [{ id: "e1", source: "start", target: "done" }],
        };

function convert(name: string, document: unknown): ConversionSuccess {
  const result = convertFlow(document, { name: name.replace(/\.json$/, "").replace(/\//g, "-") });
  if (!result.ok) throw new Error(`${name}: ${result.message}`);
  return result;
}

function sourceStates(document: unknown): string[] {
  const d = document as { definition?: { states: Array<{ name: string }> }; states?: Array<{ name: string }> };
  const twilio = d.states ?? d.definition?.states;
  if (twilio) return twilio.map((s) => s.name);
  const c = document as { Actions?: Array<{ Identifier: string }>; ContactFlow?: { Content: string } };
  const actions =
    c.Actions ?? (JSON.parse(c.ContactFlow?.Content ?? "{}") as { Actions: Array<{ Identifier: string }> }).Actions;
  return actions.map((a) => a.Identifier);
}

function sourceTypes(document: unknown): string[] {
  const d = document as { definition?: { states: Array<{ type: string }> }; states?: Array<{ type: string }> };
  const twilio = d.states ?? d.definition?.states;
  if (twilio) return twilio.map((s) => s.type);
  const c = document as { Actions?: Array<{ Type: string }>; ContactFlow?: { Content: string } };
  const actions =
    c.Actions ?? (JSON.parse(c.ContactFlow?.Content ?? "{}") as { Actions: Array<{ Type: string }> }).Actions;
  return actions.map((a) => a.Type);
}

describe("convertFlow: every fixture", () => {
  it("has a fixture for every widget type and action type the converter knows", () => {
    const types = new Set(fixtures.flatMap((f) => sourceTypes(f.document)));
    for (const type of [...Object.keys(twilioWidgetConverters), ...Object.keys(connectActionConverters)]) {
      // Aliases Connect exports under another name share their fixture.
      const aliases = [
        "MessageParticipantIteratively",
        "StoreCustomerInput",
        "CheckAttribute",
        "GetMetricData",
        "EndFlowModuleExecution",
        "make-outgoing-call-v2",
      ];
      if (aliases.includes(type)) continue;
      if (
        [
          "CreateTask",
          "ShowView",
          "TransferParticipantToThirdParty",
          "UpdateContactRecordingAndAnalyticsBehavior",
          "UpdateContactEventHooks",
          "UpdateContactRoutingBehavior",
          "UpdateContactCallbackNumber",
          "CheckMetricData",
        ].includes(type)
      )
        continue; // converted by the same code as a fixture's neighbour (event stage, setting)
      expect(types, `no fixture holds ${type}`).toContain(type);
    }
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    "%s: detected, converted, valid, compiled, every branch simulated",
    (name, fixture) => {
      expect(detectFormat(fixture.document)).toBe(fixture.format);
      const result = convert(name, fixture.document);
      const scripts = new Map(result.scripts.map((s) => [s.key, s]));
      const resolveFlow = stubSubflows(result.flow);
      const analysis = analyseFlow(result.flow, { resolveFlow, resolveScript: (key) => scripts.get(key) });
      expect(analysis.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const compiled = compileFlow(result.flow, { resolveFlow });
      expect(compiled.ok && !hasErrors(compiled.diagnostics)).toBe(true);

      // Round-trip facts: one report line per source state, counts that add up.
      expect(result.report.map((r) => r.state).sort()).toEqual(sourceStates(fixture.document).sort());
      expect(result.stats).toMatchObject({
        states: result.report.length,
        nodes: result.flow.nodes.length,
        edges: result.flow.edges.length,
        scripts: result.scripts.length,
        converted: result.report.filter((r) => r.converted).length,
      });
      expect(result.stats.prompts).toBeGreaterThanOrEqual(result.scripts.length);
      for (const item of result.report) {
        if (!item.converted) expect(item.why, `${item.state} is not converted without a why`).toBeTruthy();
        if (!item.converted) expect(item.reasons?.length, `${item.state} names no kind of loss`).toBeGreaterThan(0);
        if (item.node !== undefined) expect(result.flow.nodes.some((n) => n.id === item.node)).toBe(true);
      }
      // Every prompt is a valid script used by a node, rendered on each of its channels.
      const used = new Set(result.flow.nodes.map((n) => n.data.script).filter((s) => typeof s === "string"));
      for (const script of result.scripts) {
        expect(parseScriptDocument(script).ok).toBe(true);
        expect(used.has(script.key)).toBe(true);
        for (const variant of script.variants)
          expect(() =>
            renderScript(script, { channel: variant.channel, locale: variant.locale, context: {} }),
          ).not.toThrow();
      }

      const explored = exploreBranches(result.flow, { resolveFlow });
      expect(explored.uncovered, `edges no simulated run took (${explored.runs} runs)`).toEqual([]);
    },
  );
});

describe("convertFlow: what the fixtures become", () => {
  const byName = new Map(fixtures.map((f) => [f.name, f]));
  const get = (name: string) => {
    const fixture = byName.get(name);
    if (!fixture) throw new Error(`no fixture ${name}`);
    return convert(name, fixture.document);
  };
  const node = (result: ConversionSuccess, id: string) => result.flow.nodes.find((n) => n.id === id);
  const script = (result: ConversionSuccess, key: unknown): ScriptDocument | undefined =>
    result.scripts.find((s) => s.key === key);

  it("Twilio: widget names become node ids and labels, offsets positions", () => {
    const result = get("twilio/ivr-realistic.json");
    expect(result.flow.name).toBe("Acme support IVR");
    expect(node(result, "main_menu")).toMatchObject({
      type: "ask",
      position: { x: 0, y: 300 },
      data: { label: "main_menu", variable: "main_menu", timeout: "PT5S" },
    });
    expect(node(result, "route")).toMatchObject({
      type: "decision",
      data: {
        rules: [
          { when: '(main_menu == "1" or main_menu == 1)', handle: "billing" },
          expect.anything(),
          expect.anything(),
        ],
      },
    });
    expect(node(result, "billing")).toMatchObject({ type: "handoff", data: { channel: "voice", queue: "billing" } });
    expect(node(result, "lookup")).toMatchObject({ type: "stage", data: { stage: "custom" } });
    expect(result.flow.edges.filter((e) => e.source === "lookup").map((e) => e.data?.event)).toEqual([
      "lookup.success",
      "lookup.failed",
    ]);
    expect(node(result, "tier")?.data.rules).toEqual([{ when: 'lookup_parsed.tier == "gold"', handle: "vip" }]);
    expect(result.flow.variables.lookup_parsed).toEqual({ type: "object" });
    expect(node(result, "old_prompt")).toBeUndefined();
    expect(result.report.find((r) => r.state === "old_prompt")).toMatchObject({
      converted: false,
      why: expect.stringContaining("cannot be reached"),
    });
  });

  it("Twilio: prompts become scripts per channel and locale, Liquid mapped to our variables", () => {
    const welcome = get("twilio/ivr-realistic.json");
    expect(script(welcome, node(welcome, "welcome")?.data.script)?.variants).toEqual([
      {
        channel: "voice",
        locale: "en-US",
        text: "Thanks for calling Acme, {{trigger_CallerName | default: 'caller'}}.",
      },
    ]);
    const sms = get("twilio/send-message.json");
    expect(script(sms, node(sms, "confirm")?.data.script)?.variants).toEqual([
      { channel: "sms", text: "Hi {{name | default: 'there'}}, your order {{trigger_Body}} is on its way." },
    ]);
    const reply = get("twilio/send-and-wait-for-reply.json");
    expect(script(reply, node(reply, "thanks")?.data.script)?.variants[0]?.text).toBe(
      "Thanks, you said {{ask_rating}}.",
    );
    expect(node(reply, "ask_rating.reply")).toMatchObject({
      type: "ask",
      data: { variable: "ask_rating", timeout: "PT3600S" },
    });
  });

  it("Twilio: set-variables counts with numbers; unmappable Liquid is reported", () => {
    const result = get("twilio/set-variables.json");
    expect(node(result, "count")?.data.assign).toEqual({ attempts: "(attempts + 1)", last_pin: '"PIN " + ask_pin' });
    expect(node(result, "init")?.data.assign).toEqual({ attempts: "0", first_words: "trigger_Body" });
    expect(result.flow.variables.attempts).toEqual({ type: "number", default: 0 });
    expect(result.report.find((r) => r.state === "init")).toMatchObject({
      converted: false,
      why: expect.stringContaining('"has_body" is not set'),
    });
  });

  it("Twilio: the trigger routes by channel through a decision on triggerEvent", () => {
    const result = get("twilio/trigger.json");
    expect(result.flow.channels.sort()).toEqual(["sms", "voice"]);
    expect(node(result, "Trigger.route")?.data.rules).toEqual([
      { when: 'triggerEvent == "incomingMessage"', handle: "incomingMessage" },
      { when: 'triggerEvent == "incomingCall"', handle: "incomingCall" },
      { when: 'triggerEvent == "incomingRequest"', handle: "incomingRequest" },
    ]);
  });

  it("Connect: Content unwrapped, SSML to voice markup, attributes to variables, a locale from the voice", () => {
    const result = get("connect/MessageParticipant.json");
    expect(result.flow.name).toBe("Message participant");
    const ids = result.flow.nodes
      .filter((n) => n.type === "message")
      .map((n) => script(result, n.data.script)?.variants);
    expect(ids).toEqual([
      [
        { channel: "voice", locale: "en-US", text: "Hello {{ firstName }}, thanks for contacting us." },
        { channel: "chat", locale: "en-US", text: "Hello {{ firstName }}, thanks for contacting us." },
      ],
      [
        { channel: "voice", locale: "en-US", text: "One moment [pause 500ms] please." },
        { channel: "chat", locale: "en-US", text: "One moment please." },
      ],
    ]);
    expect(result.report.filter((r) => !r.converted).map((r) => r.why)).toEqual([
      expect.stringContaining("stored prompt"),
    ]);
  });

  it("Connect: input with conditions is an ask and a decision; a lambda a stage named after its function", () => {
    const input = get("connect/GetParticipantInput.json");
    const ask = input.flow.nodes.find((n) => n.type === "ask");
    expect(ask?.data).toMatchObject({ timeout: "PT5S" });
    const decision = input.flow.nodes.find((n) => n.type === "decision");
    expect(decision?.data.rules).toEqual([
      { when: `(${String(ask?.data.variable)} == "1" or ${String(ask?.data.variable)} == 1)`, handle: "1" },
      { when: `(${String(ask?.data.variable)} == "2" or ${String(ask?.data.variable)} == 2)`, handle: "2" },
    ]);
    const lambda = get("connect/InvokeLambdaFunction.json");
    expect(lambda.flow.edges.map((e) => e.data?.event).filter(Boolean)).toEqual([
      "check-balance.success",
      "check-balance.NoMatchingError",
    ]);
    const queue = get("connect/TransferContactToQueue.json");
    expect(queue.flow.nodes.find((n) => n.type === "handoff")?.data).toMatchObject({ queue: "billing-queue" });
    const settings = get("connect/UpdateFlowLoggingBehavior.json");
    expect(
      script(settings, settings.flow.nodes.find((n) => n.type === "message")?.data.script)?.variants[0]?.locale,
    ).toBe("zh-CN");
  });

  it("Connect: a console export with its metadata, a Lex bot with a timeout and a default way", () => {
    const result = get("connect/realistic-ivr.json");
    expect(result.flow).toMatchObject({ name: "Acme Connect IVR", description: "Main line" });
    const lex = result.flow.nodes.find((n) => n.type === "ask");
    expect(lex?.data).toMatchObject({ variable: "Lex_IntentName", timeout: "PT8S" });
    expect(result.flow.nodes.find((n) => n.data.label === "DisconnectParticipant")?.position).toEqual({ x: 0, y: 0 });
    const lost = result.report.filter((r) => !r.converted).map((r) => r.type);
    expect(lost.sort()).toEqual(["InvokeLambdaFunction", "TransferContactToQueue", "UpdateFlowLoggingBehavior"]);
    expect(result.flow.nodes.find((n) => n.type === "handoff")?.data.queue).toBeUndefined(); // two queues: in targetQueue
  });

  it("refuses what is neither format, and a broken document of either, with a message", () => {
    expect(convertFlow({ hello: 1 })).toMatchObject({ ok: false, message: expect.stringContaining("neither") });
    expect(convertFlow({ states: [], initial_state: "Trigger" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Twilio"),
    });
    expect(convertFlow({ Version: "2019-10-30", StartAction: "a", Actions: [] })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Connect"),
    });
    expect(convertFlow({ Content: "{not json" })).toMatchObject({ ok: false });
  });
});
