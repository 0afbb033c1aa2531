import { describe, expect, it } from "vitest";
import { expressionIsTrue } from "../expressions/evaluateExpression";
import { checkExpression } from "../expressions/checkExpression";
import type { VariableDeclaration } from "../schema/flowDocument";
import { twilioConditionExpression } from "./twilio/twilioConditions";
import { mapTwilioPath, mapTwilioTemplate, twilioValueToExpression } from "./twilio/twilioLiquid";
import {
  connectConditionExpression,
  connectTextToLiquid,
  mapConnectPath,
  ssmlToScriptText,
} from "./connect/connectPaths";

function declarations() {
  const declared: { [name: string]: VariableDeclaration["type"] } = {};
  return { declared, declare: (name: string, type: VariableDeclaration["type"]) => void (declared[name] ??= type) };
}

describe("Twilio split-based-on conditions → expressions, evaluated", () => {
  // [type, value, inputs for which it holds, inputs for which it does not]
  const cases: Array<[string, string, unknown[], unknown[]]> = [
    ["equal_to", "1", ["1", 1], ["2", "", null]],
    ["not_equal_to", "9", ["1", ""], ["9", 9]],
    ["matches_any_of", "2, 3", ["2", "3", 3], ["23", "4", null]],
    ["does_not_match_any_of", "7, 8", ["1", "78"], ["7", "8"]],
    ["is_blank", "", ["", null], ["a"]],
    ["is_not_blank", "", ["a", "0"], ["", null]],
    ["contains", "help", ["I need help", "help"], ["hel", null]],
    ["does_not_contain", "stop", ["go on"], ["please stop"]],
    ["starts_with", "acc", ["account"], ["my account"]],
    ["does_not_start_with", "x", ["abc"], ["xyz"]],
    ["less_than", "10", [9, -1], [10, 11]],
    ["greater_than", "100", [101], [100, 5]],
    ["is_before_time", "09:00", ["08:59"], ["09:00", "17:30"]],
    ["is_after_time", "17:00", ["17:01", "23:00"], ["17:00", "08:00"]],
    ["is_before_date", "2026-01-01", ["2025-12-31"], ["2026-01-01", "2026-06-01"]],
    ["is_after_date", "2027-01-01", ["2027-01-02"], ["2027-01-01", "2026-12-31"]],
  ];
  it.each(cases)("%s %s", (type, value, holds, fails) => {
    const { declare } = declarations();
    const result = twilioConditionExpression({ type, value }, "answer", "answer", declare);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(checkExpression(result.expr, new Set(["answer"]))).toEqual([]);
    for (const input of holds)
      expect(
        expressionIsTrue(result.expr, { vars: { answer: input as never }, customer: {} }),
        `${JSON.stringify(input)}`,
      ).toBe(true);
    for (const input of fails)
      expect(
        expressionIsTrue(result.expr, { vars: { answer: input as never }, customer: {} }),
        `${JSON.stringify(input)}`,
      ).toBe(false);
  });

  it("a numeric comparison makes its variable a number; a regex is refused with why", () => {
    const { declared, declare } = declarations();
    declared.answer = "string";
    const declareUpgrading = (name: string, type: VariableDeclaration["type"]) => {
      if (declared[name] === "string" && type === "number") declared[name] = "number";
      else declare(name, type);
    };
    twilioConditionExpression({ type: "less_than", value: "3" }, "answer", "answer", declareUpgrading);
    expect(declared.answer).toBe("number");
    expect(twilioConditionExpression({ type: "regex", value: "^a" }, "answer", "answer", declare)).toEqual({
      ok: false,
      why: "regular expressions have no counterpart in expressions",
    });
    expect(twilioConditionExpression({ type: "less_than", value: "abc" }, "answer", "answer", declare).ok).toBe(false);
  });
});

describe("Twilio Liquid → our variables", () => {
  it.each([
    ["widgets.ask.inbound.Body", "ask"],
    ["widgets.gather_1.Digits", "gather_1"],
    ["widgets.gather_1.SpeechResult", "gather_1"],
    ["widgets.http_1.parsed.customer.tier", "http_1_parsed.customer.tier"],
    ["widgets.http_1.status_code", "http_1_status_code"],
    ["flow.variables.count", "count"],
    ["flow.data.reference", "reference"],
    ["flow.channel.address", "flow_channel_address"],
    ["trigger.message.Body", "trigger_Body"],
    ["trigger.message.From", "customer.address"],
    ["trigger.call.From", "customer.address"],
    ["contact.channel.address", "customer.address"],
  ])("%s → %s", (path, expected) => {
    expect(mapTwilioPath(path, () => {})).toBe(expected);
  });

  it("rewrites paths inside outputs and tags, keeping filters and text", () => {
    const { declared, declare } = declarations();
    expect(
      mapTwilioTemplate(
        "Hi {{flow.variables.name | upcase}}{% if widgets.ask.inbound.Body == 'y' %}, thanks{% endif %}!",
        declare,
      ),
    ).toEqual({
      text: "Hi {{flow.variables.name | upcase}}{% if widgets.ask.inbound.Body == 'y' %}, thanks{% endif %}!"
        .replace("flow.variables.name", "name")
        .replace("widgets.ask.inbound.Body", "ask"),
      unmapped: [],
    });
    expect(declared).toEqual({ name: "string", ask: "string" });
  });

  it("values become literals, paths, arithmetic or concatenations", () => {
    const { declare } = declarations();
    expect(twilioValueToExpression("0", declare)).toEqual({ ok: true, expr: "0", numeric: true });
    expect(twilioValueToExpression("007", declare)).toEqual({ ok: true, expr: '"007"', numeric: false });
    expect(twilioValueToExpression("{{flow.variables.n | plus: 2}}", declare)).toEqual({
      ok: true,
      expr: "(n + 2)",
      numeric: true,
    });
    expect(twilioValueToExpression("Dear {{flow.data.name}}!", declare)).toEqual({
      ok: true,
      expr: '"Dear " + name + "!"',
      numeric: false,
    });
    expect(twilioValueToExpression("{{flow.data.name | upcase}}", declare).ok).toBe(false);
    expect(twilioValueToExpression("{{nothing.here}}", declare).ok).toBe(false);
  });
});

describe("Connect paths, prompts and conditions", () => {
  it("maps JSONPaths, SSML and attribute references", () => {
    expect(mapConnectPath("$.Attributes.tier", () => {})).toBe("tier");
    expect(mapConnectPath("$.External.balance", () => {})).toBe("External.balance");
    expect(mapConnectPath("$.Lex.IntentName", () => {})).toBe("Lex_IntentName");
    expect(mapConnectPath("$.CustomerEndpoint.Address", () => {})).toBe("customer.address");
    expect(mapConnectPath("$.StoredCustomerInput", () => {})).toBe("StoredCustomerInput");
    expect(connectTextToLiquid("Hi $.Attributes.name, you owe $.External.due.", () => {})).toBe(
      "Hi {{ name }}, you owe {{ External.due }}.",
    );
    expect(ssmlToScriptText('<speak>Hello <break time="1s"/> there &amp; <emphasis>welcome</emphasis></speak>')).toBe(
      "Hello [pause 1000ms] there & welcome",
    );
  });

  it.each([
    ["Equals", "5", ["5", 5], ["6"]],
    ["NumberGreaterThan", "5", [6], [5]],
    ["NumberGreaterOrEqualTo", "5", [5, 6], [4]],
    ["NumberLessThan", "5", [4], [5]],
    ["NumberLessOrEqualTo", "5", [5], [6]],
    ["TextContains", "vip", ["a vip"], ["none"]],
    ["TextStartsWith", "pre", ["prefix"], ["apre"]],
  ] as Array<[string, string, unknown[], unknown[]]>)("%s %s", (operator, operand, holds, fails) => {
    const result = connectConditionExpression(operator, operand, "value", "value", () => {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const input of holds)
      expect(expressionIsTrue(result.expr, { vars: { value: input as never }, customer: {} })).toBe(true);
    for (const input of fails)
      expect(expressionIsTrue(result.expr, { vars: { value: input as never }, customer: {} })).toBe(false);
  });

  it("TextEndsWith has no counterpart", () => {
    expect(connectConditionExpression("TextEndsWith", "x", "value", "value", () => {}).ok).toBe(false);
  });
});
