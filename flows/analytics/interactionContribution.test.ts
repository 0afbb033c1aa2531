import { describe, expect, it } from "vitest";
import { contributionNodes, interactionContribution, type ContributionInput } from "./interactionContribution";

const nodes = contributionNodes([
  { id: "start", type: "start" },
  { id: "greet", type: "stage", data: { mot: true } },
  { id: "ask", type: "ask" },
  { id: "move", type: "handoff" },
  { id: "survey", type: "survey", data: { metric: "csat" } },
  { id: "end", type: "end" },
]);
const row = (
  node: string,
  seq: number,
  outlet: string | null,
  extra: Partial<ContributionInput["path"][number]> = {},
) => ({
  node,
  path: node,
  type: nodes.get(node)?.type ?? "stage",
  seq,
  enteredAt: seq * 1000,
  leftAt: outlet === null ? null : seq * 1000 + 500,
  outlet,
  data: null,
  ...extra,
});
const entries = (input: ContributionInput) =>
  interactionContribution(input)
    .entries.map((e) => e.join("|"))
    .sort();

describe("what one interaction adds to the rollups", () => {
  it("counts nodes on the channel they ran on (a handoff switches it) and the survey on the MOT node before it", () => {
    const input: ContributionInput = {
      status: "completed",
      outcome: "resolved",
      initialChannel: "chat",
      path: [
        row("start", 0, "out"),
        row("greet", 0, "next"),
        row("move", 1, "out", { data: { channel: "voice", queue: "q" } }),
        row("survey", 1, "out"),
        row("greet", 2, "next"),
        row("end", 3, null, { leftAt: 3000 }),
      ],
      surveys: [{ seq: 2, node: "survey", score: 4, comment: "好", at: 2000 }],
      messages: [],
      nodes,
    };
    expect(entries(input)).toEqual(
      [
        "chat||started||1|0",
        "chat||completed||1|0",
        "chat||outcome|resolved|1|0",
        "chat|start|entered||1|0",
        "chat|start|exit|out|1|0",
        "chat|start|dwell|66|1|500",
        "chat|greet|entered||1|0",
        "chat|greet|exit|next|1|0",
        "chat|greet|dwell|66|1|500",
        "chat|move|entered||1|0",
        "chat|move|exit|out|1|0",
        "chat|move|dwell|66|1|500",
        // After the handoff: voice. The greet visited again later does not get the earlier survey.
        "voice|survey|entered||1|0",
        "voice|survey|exit|out|1|0",
        "voice|survey|dwell|66|1|500",
        "voice|survey|csat||1|4",
        "chat|greet|csat||1|4",
        "voice|greet|entered||1|0",
        "voice|greet|exit|next|1|0",
        "voice|greet|dwell|66|1|500",
        "voice|end|entered||1|0",
      ].sort(),
    );
    expect(interactionContribution(input).comments).toEqual([
      { seq: 2, node: "survey", channel: "voice", metric: "csat", score: 4, comment: "好", at: 2000 },
    ]);
  });

  it("drops at the last node before the end when it timed out or was abandoned, not otherwise", () => {
    const base = { initialChannel: "app", surveys: [], messages: [], nodes };
    const timedOut = entries({
      ...base,
      status: "completed",
      outcome: "resolved",
      path: [row("start", 0, "out"), row("ask", 0, "timeout"), row("end", 1, null, { leftAt: 1000 })],
    });
    expect(timedOut).toContain("app|ask|dropped||1|0");
    const abandoned = entries({
      ...base,
      status: "failed",
      outcome: "cancelled",
      path: [row("start", 0, "out"), row("ask", 0, null)],
    });
    expect(abandoned).toContain("app|ask|dropped||1|0");
    const open = entries({
      ...base,
      status: "active",
      outcome: null,
      path: [row("start", 0, "out"), row("ask", 0, null)],
    });
    expect(open.some((e) => e.includes("dropped"))).toBe(false);
    const resolved = entries({
      ...base,
      status: "completed",
      outcome: "resolved",
      path: [row("start", 0, "out"), row("ask", 0, "yes"), row("end", 1, null, { leftAt: 1000 })],
    });
    expect(resolved.some((e) => e.includes("dropped"))).toBe(false);
  });
});
