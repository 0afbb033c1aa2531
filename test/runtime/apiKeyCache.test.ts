// The API-key cache: last_used_at written once a minute per key, off the request; a revoked key stops
// working when its cache entry expires, or at once in the process that revoked it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey, createApiKeyAuthenticator, forgetCachedApiKeys } from "../../server/auth/apiKeys";
import { sqlClientFor, type SqlQuery } from "../../server/db/sqlClient";
import { openTestDatabase, type TestDatabase } from "./testDatabase";
import { eventually } from "./webhookReceiver";

let db: TestDatabase;
let query: SqlQuery;

beforeAll(async () => {
  db = await openTestDatabase({ kind: "pglite" });
  query = sqlClientFor(db.database).query;
});
afterAll(async () => {
  await db?.close();
});

const lastUsed = async (id: string) =>
  (await query<{ last_used_at: Date | null }>("select last_used_at from api_keys where id = $1", [id]))[0]
    ?.last_used_at ?? null;

describe("API-key cache", () => {
  it("records the last use at most once a minute, after answering", async () => {
    const key = await createApiKey(query, db.workspaceId, "k", "live");
    const authenticate = createApiKeyAuthenticator(query, 60_000);
    expect(await authenticate(key.key)).toMatchObject({ keyId: key.id, workspaceId: db.workspaceId, mode: "live" });
    const first = await eventually(async () => (await lastUsed(key.id)) ?? undefined);
    for (let i = 0; i < 5; i++) await authenticate(key.key);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await lastUsed(key.id))?.getTime()).toBe(first.getTime());
  });

  it("a revoked key: refused once its entry expires, and at once after forgetCachedApiKeys", async () => {
    const key = await createApiKey(query, db.workspaceId, "r", "test");
    const cached = createApiKeyAuthenticator(query, 60_000);
    const short = createApiKeyAuthenticator(query, 0);
    expect(await cached(key.key)).toBeDefined();
    expect(await short(key.key)).toBeDefined();
    await query("update api_keys set revoked_at = now() where id = $1", [key.id]);
    expect(await short(key.key)).toBeUndefined();
    expect(await cached(key.key)).toBeDefined(); // still within its minute
    forgetCachedApiKeys();
    expect(await cached(key.key)).toBeUndefined();
  });

  it("a revocation clears the caches of every copy of the module in the process (Next bundles its own)", async () => {
    const key = await createApiKey(query, db.workspaceId, "copies", "live");
    const cached = createApiKeyAuthenticator(query, 60_000);
    expect(await cached(key.key)).toBeDefined();
    // A second instance of the module, as the studio's bundle holds beside the API server's.
    vi.resetModules();
    const other = await import("../../server/auth/apiKeys");
    expect(other.forgetCachedApiKeys).not.toBe(forgetCachedApiKeys);
    await query("update api_keys set revoked_at = now() where id = $1", [key.id]);
    other.forgetCachedApiKeys();
    expect(await cached(key.key)).toBeUndefined();
  });
});
