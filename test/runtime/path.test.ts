// The path of CONTRACT §5 over real HTTP: every node visited, passing ones included, in order, with the
// outlet each was left by; the node the interaction is on stays open; a handoff records what it carried.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiCall, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

type PathEntry = {
  node: string;
  path: string;
  type: string;
  enteredAt: string;
  leftAt?: string;
  outlet?: string;
  data?: Record<string, unknown>;
};

describe.each(kinds)("the interaction's path over HTTP on %s", (kind) => {
  let prepared: Prepared;
  let server: ServerProcess;
  let test: ApiCall;
  let other: ApiCall;

  beforeAll(async () => {
    prepared = await prepareDatabase(kind);
    server = await startServer(prepared.target);
    test = apiClient(server.url, prepared.keys.test);
    other = apiClient(server.url, prepared.keys.otherTest);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await prepared?.cleanup();
  });

  async function path(id: string): Promise<PathEntry[]> {
    const res = await test("GET", `/interactions/${id}/path`);
    expect(res.status).toBe(200);
    return res.body.data as PathEntry[];
  }
  const visits = (entries: PathEntry[]) =>
    entries.map((e) => `${e.node}:${e.type}${e.outlet ? `>${e.outlet}` : ""}${e.leftAt ? "" : " (open)"}`);

  it("lists every node visited in order, the passing ones too, each with the outlet it was left by", async () => {
    const started = await test("POST", "/interactions", {
      flow: "card-transfer-stepup",
      channel: "chat",
      customer: { id: "path-1" },
      context: { amount: 1200 },
    });
    expect(started.status).toBe(201);
    const id = String(started.body.id);
    expect(visits(await path(id))).toEqual(["start:start>out", "opening:stage (open)"]);

    await test("POST", `/interactions/${id}/events`, { type: "customer.identified" });
    await test("POST", `/interactions/${id}/events`, { type: "answer", data: { value: "transfer" } });
    const onVerify = await path(id);
    expect(visits(onVerify)).toEqual([
      "start:start>out",
      "opening:stage>customer.identified",
      "probe:ask>transfer",
      "amountCheck:decision>else",
      "otpSent:message>out",
      "verifyOtp:verify (open)",
    ]);
    // Passing nodes are entered and left in the same step; the open one was entered when the last step ran.
    const [, opening, probe, amountCheck, otpSent, verifyOtp] = onVerify;
    expect(opening?.leftAt).toBe(probe?.enteredAt);
    expect(amountCheck?.enteredAt).toBe(amountCheck?.leftAt);
    expect(otpSent?.leftAt).toBe(verifyOtp?.enteredAt);

    // The history stays the log of inputs: the start and the two events, not the nodes passed.
    const history = await test("GET", `/interactions/${id}/history`);
    expect((history.body.data as unknown[]).length).toBe(3);
  });

  it("records a handoff on the path with its channel, queue and the context it carried, and closes the end", async () => {
    const started = await test("POST", "/interactions", {
      flow: "card-transfer-stepup",
      channel: "chat",
      customer: { id: "path-2" },
      context: { amount: 300 },
    });
    const id = String(started.body.id);
    await test("POST", `/interactions/${id}/events`, { type: "customer.identified" });
    const ended = await test("POST", `/interactions/${id}/events`, { type: "answer", data: { value: "other" } });
    expect(ended.body).toMatchObject({ status: "completed", outcome: "rerouted" });
    const entries = await path(id);
    expect(visits(entries)).toEqual([
      "start:start>out",
      "opening:stage>customer.identified",
      "probe:ask>other",
      "routeGeneral:handoff>out",
      "endRerouted:end",
    ]);
    expect(entries.find((e) => e.node === "routeGeneral")?.data).toEqual({
      channel: "voice",
      queue: "general-service",
      context: expect.objectContaining({ amount: 300, intent: "other" }),
    });
    expect(entries.at(-1)?.leftAt).toBe(entries.at(-1)?.enteredAt);
  });

  it("follows the test clock: a timeout leaves the ask by its timeout outlet at the clock's time", async () => {
    const started = await test("POST", "/interactions", {
      flow: "card-transfer-stepup",
      channel: "chat",
      customer: { id: "path-3" },
      context: { amount: 10 },
    });
    const id = String(started.body.id);
    await test("POST", `/interactions/${id}/events`, { type: "customer.identified" });
    const before = await path(id);
    const advanced = await test("POST", `/interactions/${id}/clock`, { advance: "P1D" });
    expect(advanced.body).toMatchObject({ status: "completed", outcome: "abandoned" });
    const after = await path(id);
    expect(visits(after).slice(2)).toEqual(["probe:ask>timeout", "endAbandoned:end"]);
    const probe = after[2];
    expect(Date.parse(probe?.leftAt ?? "")).toBeGreaterThan(Date.parse(before[2]?.enteredAt ?? ""));
  });

  it("answers 404 for an interaction of another workspace, as for one that does not exist", async () => {
    const started = await test("POST", "/interactions", { flow: "chat-escalation", channel: "chat" });
    const res = await other("GET", `/interactions/${String(started.body.id)}/path`);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: "INTERACTION_NOT_FOUND" });
  });
});
