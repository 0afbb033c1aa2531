// CONTRACT §4 over real HTTP: what each step tells the integrator (script with version, variant, text,
// ssml, subject; ask question, labelled options and timeoutAt; verify level, methods, attemptsLeft;
// survey metric, scale and question; wait wakesAt).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiCall, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";
import { publishTestFlows } from "./testFlows";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

type Step = Record<string, unknown> & { script?: Record<string, unknown> };

describe.each(kinds)("step fields over HTTP on %s", (kind) => {
  let prepared: Prepared;
  let server: ServerProcess;
  let test: ApiCall;

  beforeAll(async () => {
    prepared = await prepareDatabase(kind, (database, workspaceId) => publishTestFlows(database.db, workspaceId));
    server = await startServer(prepared.target);
    test = apiClient(server.url, prepared.keys.test);
    expect((await test("PUT", "/customers/steps-en", { locale: "en" })).status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await prepared?.cleanup();
  });

  async function start(channel: string, context: Record<string, unknown> = {}) {
    const res = await test("POST", "/interactions", {
      flow: "card-transfer-stepup",
      channel,
      customer: { id: "steps-en" },
      context,
    });
    expect(res.status).toBe(201);
    return res.body;
  }
  const send = async (id: string, type: string, data?: Record<string, unknown>) => {
    const res = await test("POST", `/interactions/${id}/events`, data ? { type, data } : { type });
    expect(res.status).toBe(200);
    return res.body.step as Step;
  };

  it("gives a stage's script with its version, variant, locale and text; ssml on voice", async () => {
    const chat = await start("chat");
    const step = chat.step as Step;
    expect(step.script).toMatchObject({ key: "greeting", channel: "chat", version: 1, locale: "en" });
    expect(step.script?.variant).toMatch(/^chat\/en(\/[^#]+)?#\d+$/);
    expect(typeof step.script?.text).toBe("string");
    expect(step.script?.ssml).toBeUndefined();

    const voice = (await start("voice")).step as Step;
    expect(voice.script).toMatchObject({ key: "greeting", channel: "voice", locale: "en" });
    expect(String(voice.script?.ssml)).toMatch(/^<speak/);
    expect(String(voice.script?.text)).not.toMatch(/</);
    // Read again, the same step says the same thing.
    const again = await test("GET", `/interactions/${String(chat.id)}`);
    expect((again.body.step as Step).script).toEqual(step.script);
  });

  it("gives an ask its options with labels and when it times out", async () => {
    const started = await start("chat", { amount: 1200 });
    const id = String(started.id);
    const probe = await send(id, "customer.identified");
    expect(probe).toMatchObject({
      node: "probe",
      type: "ask",
      options: [
        { value: "transfer", label: "Make a transfer 转账" },
        { value: "other", label: "Something else 其他业务" },
      ],
    });
    const clock = Date.parse(String((await test("GET", `/interactions/${id}`)).body.clock));
    expect(Date.parse(String(probe.timeoutAt)) - clock).toBe(5 * 60_000);
    const read = (await test("GET", `/interactions/${id}`)).body.step as Step;
    expect(read.timeoutAt).toBe(probe.timeoutAt);
  });

  it("gives a verify its level and methods, and a survey its metric, scale and question", async () => {
    const started = await start("chat", { amount: 80000, hasToken: true });
    const id = String(started.id);
    await send(id, "customer.identified");
    const verify = await send(id, "answer", { value: "transfer" });
    expect(verify).toMatchObject({ node: "verifyToken", type: "verify", level: 2, methods: ["token"] });
    expect(verify.accepts).toEqual(["verify.passed", "verify.failed"]);
    expect(verify.attemptsLeft).toBeUndefined();

    await send(id, "verify.passed");
    await send(id, "next");
    await send(id, "transfer.succeeded");
    const survey = await send(id, "next");
    expect(survey).toMatchObject({ node: "csatSurvey", type: "survey", metric: "csat", scale: { min: 1, max: 5 } });
    expect(typeof survey.question).toBe("string");
    expect(survey.question).toBe(survey.script?.text);
  });

  it("gives a wait on a timer the time it wakes", async () => {
    const res = await test("POST", "/interactions", { flow: "test-wait-briefly", channel: "sms" });
    expect(res.status).toBe(201);
    const step = res.body.step as Step;
    expect(step).toMatchObject({ node: "pause", type: "wait" });
    expect(Date.parse(String(step.wakesAt)) - Date.parse(String(res.body.clock))).toBe(2_000);
    const read = (await test("GET", `/interactions/${String(res.body.id)}`)).body.step as Step;
    expect(read.wakesAt).toBe(step.wakesAt);
  });
});
