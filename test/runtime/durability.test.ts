// Durable timers and outbound delivery against the real server process: a timer that falls due while
// the server is down fires once after the restart; messages reach the webhook signed, after retries.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlClientFor } from "../../server/db/sqlClient";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ServerProcess } from "./serverProcess";
import { publishTestFlows } from "./testFlows";
import { serverUrl } from "./testDatabase";
import { eventually, startWebhookReceiver } from "./webhookReceiver";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

describe.each(kinds)("durable timers and delivery on %s", (kind) => {
  let prepared: Prepared;
  let server: ServerProcess | undefined;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const secret = "whsec_test";

  beforeAll(async () => {
    hook = await startWebhookReceiver({ failFirst: 2 });
    prepared = await prepareDatabase(kind, async (database, workspaceId) => {
      await publishTestFlows(database.db, workspaceId);
      await sqlClientFor(database).query(
        "insert into webhooks (workspace_id, channel, url, secret) values ($1, 'sms', $2, $3)",
        [workspaceId, hook.url, secret],
      );
    });
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await prepared?.cleanup();
    await hook?.close();
  });

  it("a timer due while the server is down fires exactly once after the restart", { timeout: 120_000 }, async () => {
    server = await startServer(prepared.target, { JOURNEY_OUTBOX_POLL_MS: "100" });
    const live = apiClient(server.url, prepared.keys.live);
    await live("PUT", "/customers/t-1", {
      preferredChannel: "sms",
      addresses: [{ channel: "sms", address: "+8613800000001" }],
    });
    const started = await live("POST", "/interactions", {
      flow: "test-wait-briefly",
      channel: "sms",
      customer: { id: "t-1" },
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: "waiting", step: { node: "pause" }, mode: "live" });
    const id = String(started.body.id);
    // Down before the timer falls due (PGlite: a clean stop; it has one writer and fsync off).
    await server.stop(kind === "postgres" ? "SIGKILL" : "SIGTERM");

    const database = await prepared.open();
    try {
      const sql = sqlClientFor(database);
      await eventually(async () =>
        (
          await sql.query<{ due: boolean }>("select due_at <= now() as due from timers where interaction_id = $1", [id])
        )[0]?.due
          ? true
          : undefined,
      );
      const pending = await sql.query<{ fired_at: Date | null }>(
        "select fired_at from timers where interaction_id = $1",
        [id],
      );
      expect(pending).toEqual([{ fired_at: null }]);
    } finally {
      await database.close();
    }

    server = await startServer(prepared.target, { JOURNEY_OUTBOX_POLL_MS: "100" });
    const again = apiClient(server.url, prepared.keys.live);
    const done = await eventually(async () => {
      const res = await again("GET", `/interactions/${id}`);
      return res.body.status === "completed" ? res.body : undefined;
    });
    expect(done.outcome).toBe("resolved");
    const history = await again("GET", `/interactions/${id}/history`);
    expect((history.body.data as Array<{ type: string }>).map((e) => e.type)).toEqual([
      "interaction.started",
      "timer.pause",
    ]);

    // The greeting went out to the webhook, signed, after two refused attempts.
    // (A delivery the stopped server had claimed waits for its lease to run out.)
    const delivery = await eventually(async () => hook.received.find((r) => r.body.includes(id)), 60_000).catch(
      (e: unknown) => {
        throw new Error(`${String(e)}\n${server?.output()}`);
      },
    );
    const header = String(delivery.headers["x-signature"]);
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    expect(match).not.toBeNull();
    const expected = createHmac("sha256", secret).update(`${match?.[1]}.${delivery.body}`).digest("hex");
    expect(match?.[2]).toBe(expected);
    expect(JSON.parse(delivery.body)).toMatchObject({
      type: "message.send",
      data: {
        interactionId: id,
        kind: "script",
        node: "hello",
        script: { key: "greeting" },
        channel: "sms",
        address: "+8613800000001",
        customer: { id: "t-1" },
      },
    });
    await server.stop();
    server = undefined;

    const database2 = await prepared.open();
    try {
      const sql = sqlClientFor(database2);
      const outbox = await sql.query<{ status: string; attempts: number }>(
        "select status, attempts from outbox where interaction_id = $1 and type = 'message.send'",
        [id],
      );
      expect(outbox).toMatchObject([{ status: "sent" }]);
      // Its end went to no webhook (the workspace has none for `all`): skipped at once, never pending.
      const ended = await sql.query<{ status: string; reason: string | null }>(
        "select status, reason from outbox where interaction_id = $1 and type = 'interaction.completed'",
        [id],
      );
      expect(ended).toEqual([{ status: "skipped", reason: "NO_WEBHOOK" }]);
      const attempts = await sql.query<{ response_status: number | null }>(
        "select a.response_status from outbox_attempts a join outbox o on o.id = a.outbox_id where o.interaction_id = $1 and o.type = 'message.send' order by a.attempt",
        [id],
      );
      // Refusals, then the 2xx. (An attempt cut short by the stop may be missing: the webhook
      // answered but the stopping server did not record it; its lease ran out and it was tried again.)
      const statuses = attempts.map((a) => a.response_status);
      expect(statuses[statuses.length - 1]).toBe(204);
      expect(statuses.slice(0, -1).every((s) => s === 503 || s === null)).toBe(true);
    } finally {
      await database2.close();
    }
  });
});
