import { describe, expect, it } from "vitest";
import type { ScriptDocument } from "../scripts/scriptDocument";
import { validateFlow } from "./validateFlow";

const script = (
  key: string,
  channels: ScriptDocument["variants"][number]["channel"][],
  fallback?: ScriptDocument["fallback"],
): ScriptDocument => ({
  schema: "journey-studio/script@1",
  key,
  name: key,
  ...(fallback ? { fallback } : {}),
  variants: channels.map((channel) => ({ channel, text: "Hi" })),
});

const scripts = new Map([
  ["greeting", script("greeting", ["voice", "chat"])],
  ["sms-only", script("sms-only", ["sms"], [])],
  ["any", script("any", ["email"])],
]);
const resolveScript = (key: string) => scripts.get(key);

const flow = (nodes: object[], channels = ["voice", "chat"]) => ({
  schema: "journey-studio/flow@1",
  key: "f",
  name: "F",
  kind: "sop",
  channels,
  variables: {},
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
    ...nodes,
    { id: "end", type: "end", position: { x: 0, y: 0 }, data: { outcome: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", target: nodes.length ? "n" : "end" },
    ...(nodes.length ? [{ id: "e2", source: "n", target: "end" }] : []),
  ],
});
const at = (position = { x: 0, y: 0 }) => ({ position });

describe("checkScripts", () => {
  it("accepts a script with a variant per channel, and is skipped without a resolver", () => {
    const doc = flow([{ id: "n", type: "stage", ...at(), data: { stage: "opening", script: "greeting" } }]);
    expect(validateFlow(doc, { resolveScript }).diagnostics.filter((d) => d.code.startsWith("SCRIPT"))).toEqual([]);
    const unknown = flow([{ id: "n", type: "stage", ...at(), data: { stage: "opening", script: "nope" } }]);
    expect(validateFlow(unknown).diagnostics.filter((d) => d.code.startsWith("SCRIPT"))).toEqual([]);
  });

  it("reports an unknown key on the node", () => {
    const doc = flow([{ id: "n", type: "stage", ...at(), data: { stage: "opening", script: "nope" } }]);
    expect(validateFlow(doc, { resolveScript }).diagnostics.filter((d) => d.code.startsWith("SCRIPT"))).toEqual([
      expect.objectContaining({ code: "SCRIPT_NOT_FOUND", nodeId: "n", severity: "error" }),
    ]);
  });

  it("reports a channel without a usable variant (error) or reached by fallback (warning)", () => {
    const none = flow(
      [{ id: "n", type: "message", ...at(), data: { script: "sms-only", channel: "email", fallback: ["sms"] } }],
      ["email", "sms"],
    );
    expect(
      validateFlow(none, { resolveScript })
        .diagnostics.filter((d) => d.code.startsWith("SCRIPT"))
        .map((d) => [d.code, d.nodeId, d.severity]),
    ).toEqual([["SCRIPT_NO_VARIANT", "n", "error"]]);
    const fallback = flow([{ id: "n", type: "message", ...at(), data: { script: "any", channel: "sms" } }], ["sms"]);
    expect(
      validateFlow(fallback, { resolveScript })
        .diagnostics.filter((d) => d.code.startsWith("SCRIPT"))
        .map((d) => [d.code, d.severity]),
    ).toEqual([["SCRIPT_CHANNEL_FALLBACK", "warning"]]);
  });
});
