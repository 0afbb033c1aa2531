// Twilio widgets that decide and remember: split-based-on, set-variables, run-subflow.
import { eventPart, uniqueName, variableName } from "../naming";
import { Findings } from "../findings";
import type { WidgetContext } from "./twilioWidgetKit";
import { below, dropOthers, exitOn, nextOf, str } from "./twilioWidgetKit";
import { twilioValueToExpression } from "./twilioLiquid";
import { twilioConditionExpression } from "./twilioConditions";

export function convertSplit(context: WidgetContext): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const input = twilioValueToExpression(str(state.properties.input) ?? "", context.declare);
  if (!input.ok) findings.lost("expression", `its input cannot be read: ${input.why}`);
  const leftVariable = input.ok && /^[A-Za-z_]\w*$/.test(input.expr) ? input.expr : undefined;
  const rules: Array<{ when: string; handle: string }> = [];
  const handles = new Set<string>(["else"]);
  const exits: Array<{ handle: string; next: string }> = [];
  state.transitions
    .filter((t) => t.event === "match")
    .forEach((t, index) => {
      const conditions = t.conditions ?? [];
      const name = conditions[0]?.friendly_name ?? `match ${index + 1}`;
      if (!input.ok) {
        if (t.next) findings.lost("branch-left-out", `its branch "${name}" (to ${t.next}) is left out`);
        if (t.next) asm.lostBranchTo(t.next);
        return;
      }
      const parts = conditions.map((c) =>
        twilioConditionExpression(c, wrapInput(input.expr), leftVariable, context.declare),
      );
      const failed = parts.find((p) => !p.ok);
      if (failed && !failed.ok) {
        if (t.next) asm.lostBranchTo(t.next);
        findings.lost(
          "branch-left-out",
          `its branch "${name}"${t.next ? ` (to ${t.next})` : ""} is left out: ${failed.why}`,
        );
        return;
      }
      if (parts.length === 0) {
        if (t.next)
          findings.lost("branch-left-out", `its branch "${name}" (to ${t.next}) has no condition and is left out`);
        return;
      }
      const handle = uniqueName(
        eventPart(name.replace(/\s+/g, "-")).replace(/^_+/, "") || `match-${index + 1}`,
        handles,
      );
      handles.add(handle);
      rules.push({ when: parts.map((p) => (p.ok ? wrapAnd(p.expr, parts.length) : "")).join(" and "), handle });
      exits.push({ handle, next: t.next ?? "" });
    });
  const node = asm.addNode(state.name, "decision", context.position, { rules, label: state.name }, state.name);
  findings.node = node;
  asm.enter(state.name, node);
  for (const exit of exits) asm.exit({ node, outlet: exit.handle, ...(exit.next ? { next: exit.next } : {}) });
  exitOn(context, node, "noMatch", "else");
  findings.record();
}

const wrapInput = (expr: string) => (/^[\w.]+$/.test(expr) ? expr : `(${expr})`);
const wrapAnd = (expr: string, count: number) => (count > 1 && !expr.startsWith("(") ? `(${expr})` : expr);

export function convertSetVariables(context: WidgetContext): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const assign: { [variable: string]: string } = {};
  const variables = Array.isArray(state.properties.variables) ? state.properties.variables : [];
  for (const entry of variables) {
    const key = typeof entry === "object" && entry !== null ? str((entry as { key?: unknown }).key) : undefined;
    const value = typeof entry === "object" && entry !== null ? str((entry as { value?: unknown }).value) : undefined;
    if (key === undefined) continue;
    const expr = twilioValueToExpression(value ?? "", context.declare);
    if (!expr.ok) {
      findings.lost("expression", `"${key}" is not set: ${expr.why}`);
      continue;
    }
    const variable = variableName(key);
    context.declare(variable, expr.numeric ? "number" : "string");
    assign[variable] = expr.expr;
  }
  if (Object.keys(assign).length === 0) {
    asm.skip(state.name, nextOf(state, "next"));
    findings.lost("left-out", "it sets nothing that converts, so it is left out");
    findings.record();
    return;
  }
  const node = asm.addNode(state.name, "set", context.position, { assign, label: state.name }, state.name);
  findings.node = node;
  asm.enter(state.name, node);
  exitOn(context, node, "next");
  findings.record();
}

export function convertRunSubflow(context: WidgetContext): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const sid = str(state.properties.flow_sid) ?? "";
  const flow = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(sid) ? sid : `subflow-${eventPart(state.name)}`;
  const assign: { [variable: string]: string } = {};
  const parameters = Array.isArray(state.properties.parameters) ? state.properties.parameters : [];
  for (const entry of parameters) {
    const key = typeof entry === "object" && entry !== null ? str((entry as { key?: unknown }).key) : undefined;
    const value = typeof entry === "object" && entry !== null ? str((entry as { value?: unknown }).value) : undefined;
    if (key === undefined) continue;
    const expr = twilioValueToExpression(value ?? "", context.declare);
    if (!expr.ok) {
      findings.lost("expression", `its parameter "${key}" is not passed: ${expr.why}`);
      continue;
    }
    const variable = variableName(key);
    context.declare(variable, expr.numeric ? "number" : "string");
    assign[variable] = expr.expr;
  }
  const position = Object.keys(assign).length > 0 ? below(context.position) : context.position;
  const node = asm.addNode(state.name, "subflow", position, { flow, label: state.name }, state.name);
  if (Object.keys(assign).length > 0) {
    const set = asm.addNode(
      `${state.name}.parameters`,
      "set",
      context.position,
      {
        assign,
        label: `${state.name}: parameters`,
      },
      state.name,
    );
    asm.link(set, node);
    asm.enter(state.name, set);
  } else asm.enter(state.name, node);
  findings.node = node;
  exitOn(context, node, "completed", "else");
  dropOthers(asm, findings, state, ["completed"], "a subflow leaves by the outcome its flow ends with");
  findings.note.push(
    `calls flow "${flow}": convert and import that flow too (its parameters are variables both flows declare)`,
  );
  findings.record();
}
