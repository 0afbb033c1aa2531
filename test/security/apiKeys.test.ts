// The runtime API (/api/v1) over real HTTP: a forged, revoked or other-workspace key gets nothing; the
// `x-middleware-subrequest` header (the 2025 Next.js middleware bypass) grants nothing either.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspaceApiKey, revokeApiKey } from "../../server/auth/manageApiKeys";
import { apiClient, startServer, type ServerProcess } from "../runtime/serverProcess";
import { prepareDatabase, type Prepared } from "../runtime/prepareDatabase";

let prepared: Prepared;
let server: ServerProcess;
let revokedKey = "";
let interactionId = "";

beforeAll(async () => {
  prepared = await prepareDatabase("pglite", async (database, workspaceId) => {
    const actor = { type: "system" as const, label: "test" };
    const created = await createWorkspaceApiKey(database, workspaceId, { name: "to revoke", mode: "test" }, { actor });
    await revokeApiKey(database, workspaceId, created.id, { actor });
    revokedKey = created.key;
  });
  server = await startServer(prepared.target);
  const started = await apiClient(server.url, prepared.keys.test)("POST", "/interactions", {
    flow: "card-transfer-stepup",
    channel: "chat",
    customer: { id: "c-authz" },
    context: { amount: 100 },
  });
  expect(started.status).toBe(201);
  interactionId = String(started.body.id);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await prepared?.cleanup();
});

const bypass = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };

describe("API keys on /api/v1", () => {
  it("no key, a malformed, a forged (right shape, unknown) and a revoked key are all 401 problem+json", async () => {
    const forged = `js_live_${"A".repeat(32)}`;
    const withKey = (key: string | undefined) => apiClient(server.url, key)("GET", "/flows");
    for (const key of [undefined, "not-a-key", forged, revokedKey, `${prepared.keys.live}x`]) {
      const res = await withKey(key);
      expect(res.status, String(key)).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body).toMatchObject({ code: "UNAUTHORIZED" });
    }
  });

  it("a key of another workspace sees nothing of this one (404, not 403)", async () => {
    const other = apiClient(server.url, prepared.keys.otherTest);
    const get = await other("GET", `/interactions/${interactionId}`);
    expect(get.status).toBe(404);
    expect((await other("GET", `/interactions/${interactionId}/history`)).status).toBe(404);
    expect((await other("POST", `/interactions/${interactionId}/events`, { type: "customer.identified" })).status).toBe(
      404,
    );
    const list = await other("GET", "/interactions?customer=c-authz");
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(interactionId);
    // The owner does see it.
    expect((await apiClient(server.url, prepared.keys.test)("GET", `/interactions/${interactionId}`)).status).toBe(200);
  });

  it("x-middleware-subrequest grants nothing", async () => {
    const anonymous = apiClient(server.url, undefined);
    expect((await anonymous("GET", "/flows", undefined, bypass)).status).toBe(401);
    expect((await anonymous("GET", `/interactions/${interactionId}`, undefined, bypass)).status).toBe(401);
    expect(
      (await apiClient(server.url, prepared.keys.otherTest)("GET", `/interactions/${interactionId}`, undefined, bypass))
        .status,
    ).toBe(404);
  });
});
