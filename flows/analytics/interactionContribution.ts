// What one interaction adds to the analytics rollups (CONTRACT §8), computed from its raw rows: the
// interaction, its path, its survey answers and its messages. Pure: the fold diffs it against what it
// added last time.
import { dwellBucket } from "./dwellBuckets";
import { npsClass } from "./surveyFigures";

/** [channel, node, measure, dim, count, sum]; node '' is the flow itself. */
export type RollupEntry = [channel: string, node: string, measure: string, dim: string, count: number, sum: number];

export type ContributionNode = { type: string; mot: boolean; metric?: "csat" | "nps" };

export type ContributionInput = {
  status: string;
  outcome: string | null;
  initialChannel: string;
  /** In position order. Times in ms since the epoch. */
  path: readonly {
    node: string;
    path: string;
    type: string;
    seq: number;
    enteredAt: number;
    leftAt: number | null;
    outlet: string | null;
    data: Record<string, unknown> | null;
  }[];
  /** `survey.answered` events: the node they answered and the step (seq) they were applied as. */
  surveys: readonly { seq: number; node: string; score: number; comment: string | null; at: number }[];
  /** Script messages written for it, with the variant that was rendered when known. */
  messages: readonly { node: string | null; key: string | null; variant: string | null }[];
  /** The nodes of the interaction's version, by id. */
  nodes: ReadonlyMap<string, ContributionNode>;
};

export type ContributionComment = {
  seq: number;
  node: string;
  channel: string;
  metric: "csat" | "nps";
  score: number;
  comment: string | null;
  at: number;
};

export type Contribution = { entries: RollupEntry[]; comments: ContributionComment[] };

/** Outcomes that count as a drop at the last node before the end (CONTRACT §8). */
export const DROP_OUTCOMES: ReadonlySet<string> = new Set([
  "abandoned",
  "cancelled",
  "timeout",
  "timed-out",
  "expired",
]);
export const TIMEOUT_OUTLET = "timeout";
const WAITING_TYPES: ReadonlySet<string> = new Set(["stage", "ask", "verify", "survey", "wait"]);

export function interactionContribution(input: ContributionInput): Contribution {
  const sums = new Map<string, RollupEntry>();
  const add = (channel: string, node: string, measure: string, dim: string, sum = 0) => {
    const key = `${channel}\u0000${node}\u0000${measure}\u0000${dim}`;
    const entry = sums.get(key);
    if (entry) {
      entry[4] += 1;
      entry[5] += sum;
    } else sums.set(key, [channel, node, measure, dim, 1, sum]);
  };

  const ended = input.status === "completed" || input.status === "failed";
  add(input.initialChannel, "", "started", "");
  if (input.status === "completed") add(input.initialChannel, "", "completed", "");
  if (ended && input.outcome !== null) add(input.initialChannel, "", "outcome", input.outcome);

  // The top-level nodes (a subflow's inner nodes have a longer path), each with the channel it ran on.
  const rows: { index: number; row: ContributionInput["path"][number]; channel: string }[] = [];
  let channel = input.initialChannel;
  input.path.forEach((row, index) => {
    if (row.path !== row.node) return;
    rows.push({ index, row, channel });
    const handoffChannel = row.type === "handoff" ? row.data?.channel : undefined;
    if (typeof handoffChannel === "string") channel = handoffChannel;
  });

  for (const { row, channel: at } of rows) {
    add(at, row.node, "entered", "");
    if (row.leftAt !== null && row.outlet !== null) {
      add(at, row.node, "exit", row.outlet);
      const dwell = Math.max(0, row.leftAt - row.enteredAt);
      add(at, row.node, "dwell", String(dwellBucket(dwell)), dwell);
    }
  }

  // Dropped: ended abandoned, timed out or cancelled, at the last node that is not an end.
  const last = [...rows].reverse().find((r) => r.row.type !== "end");
  const dropped =
    ended &&
    last !== undefined &&
    ((input.outcome !== null && DROP_OUTCOMES.has(input.outcome)) || last.row.outlet === TIMEOUT_OUTLET);
  if (dropped && last) add(last.channel, last.row.node, "dropped", "");

  // Surveys: for the survey node and for every MOT node on the path before it (each once).
  const comments: ContributionComment[] = [];
  for (const survey of input.surveys) {
    const node = input.nodes.get(survey.node);
    const metric = node?.metric;
    if (!metric) continue;
    const at = findLast(rows, (r) => r.row.node === survey.node && r.row.seq < survey.seq);
    if (!at) continue;
    const credited = new Map<string, string>([[survey.node, at.channel]]);
    for (const r of rows) {
      if (r.index >= at.index) break;
      if (input.nodes.get(r.row.node)?.mot && !credited.has(r.row.node)) credited.set(r.row.node, r.channel);
    }
    for (const [creditedNode, creditedChannel] of credited) {
      if (metric === "csat") add(creditedChannel, creditedNode, "csat", "", survey.score);
      else add(creditedChannel, creditedNode, "nps", npsClass(survey.score), survey.score);
    }
    comments.push({
      seq: survey.seq,
      node: survey.node,
      channel: at.channel,
      metric,
      score: survey.score,
      comment: survey.comment,
      at: survey.at,
    });
  }

  // Script variants: sends, whether the next step was taken, and the CSAT answered after them.
  for (const message of input.messages) {
    if (message.node === null || message.key === null || message.variant === null) continue;
    const sent = rows.find((r) => r.row.node === message.node);
    if (!sent) continue;
    const dim = `${message.key}:${message.variant}`;
    add(sent.channel, message.node, "send", dim);
    const after = rows.filter((r) => r.index > sent.index);
    const nextWait = after.find((r) => WAITING_TYPES.has(r.row.type));
    const tookNext = nextWait
      ? nextWait.row.leftAt !== null && nextWait.row.outlet !== null && nextWait.row.outlet !== TIMEOUT_OUTLET
      : input.status === "completed" && !dropped;
    if (tookNext) add(sent.channel, message.node, "sendNext", dim);
    for (const survey of input.surveys) {
      if (input.nodes.get(survey.node)?.metric !== "csat") continue;
      if (after.some((r) => r.row.node === survey.node && r.row.seq < survey.seq)) {
        add(sent.channel, message.node, "sendCsat", dim, survey.score);
      }
    }
  }

  return { entries: [...sums.values()], comments };
}

function findLast<T>(items: readonly T[], predicate: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined && predicate(item)) return item;
  }
  return undefined;
}

/** The nodes of a flow document as the contribution needs them. */
export function contributionNodes(
  nodes: readonly { id: string; type: string; data?: unknown }[],
): Map<string, ContributionNode> {
  const result = new Map<string, ContributionNode>();
  for (const node of nodes) {
    const field = (name: string): unknown =>
      node.data !== null && typeof node.data === "object" ? Reflect.get(node.data, name) : undefined;
    const declared = field("metric");
    const metric = node.type === "survey" && (declared === "csat" || declared === "nps") ? declared : undefined;
    result.set(node.id, { type: node.type, mot: field("mot") === true, ...(metric ? { metric } : {}) });
  }
  return result;
}
