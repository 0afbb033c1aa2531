// Consent per channel over real HTTP (CONTRACT §7): PUT /customers/{id} takes `consent` and merges it;
// a `message.reply` with an opt-out word (T, TD, 退订, STOP) withdraws consent for the channel it came
// on; anything else withdraws nothing; and what a flow then sends skips the withdrawn channel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiCall, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

describe.each(kinds)("consent and opt-out over HTTP on %s", (kind) => {
  let prepared: Prepared;
  let server: ServerProcess;
  let live: ApiCall;

  beforeAll(async () => {
    prepared = await prepareDatabase(kind);
    server = await startServer(prepared.target);
    live = apiClient(server.url, prepared.keys.live);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await prepared?.cleanup();
  });

  it("merges consent per channel on PUT and refuses channels that do not exist", async () => {
    const created = await live("PUT", "/customers/c-1", {
      addresses: [
        { channel: "sms", address: "+8613800000101" },
        { channel: "email", address: "c1@example.com" },
      ],
      consent: { email: false },
    });
    expect(created.status).toBe(201);
    expect(created.body.consent).toEqual({ email: false });
    const updated = await live("PUT", "/customers/c-1", { consent: { email: true, app: false } });
    expect(updated.status).toBe(200);
    expect(updated.body.consent).toEqual({ email: true, app: false });
    const bad = await live("PUT", "/customers/c-1", { consent: { pigeon: false } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
  });

  it("withdraws SMS consent on a reply of 退订 from the customer's number, and nothing on other words", async () => {
    await live("PUT", "/customers/c-2", { addresses: [{ channel: "sms", address: "+8613800000102" }] });
    const chat = await live("POST", "/events", {
      customer: { channel: "sms", address: "+8613800000102" },
      type: "message.reply",
      data: { text: "谢谢" },
    });
    expect(chat.status).toBe(200);
    expect((await live("PUT", "/customers/c-2", {})).body.consent).toEqual({});

    const optOut = await live("POST", "/events", {
      customer: { channel: "sms", address: "+8613800000102" },
      type: "message.reply",
      data: { text: " 退订 " },
    });
    expect(optOut.status).toBe(200);
    expect((await live("PUT", "/customers/c-2", {})).body.consent).toEqual({ sms: false });
  });

  it("withdraws the channel the reply names, for a customer named by id", async () => {
    await live("PUT", "/customers/c-3", {});
    await live("POST", "/events", {
      customer: { id: "c-3" },
      type: "message.reply",
      data: { text: "STOP", channel: "wechat" },
    });
    expect((await live("PUT", "/customers/c-3", {})).body.consent).toEqual({ wechat: false });
  });
});
