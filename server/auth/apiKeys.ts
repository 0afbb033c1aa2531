// API keys. The secret is shown once; only its sha256 is stored. A key belongs to
// one workspace and is `live` or `test` (test keys run interactions on their own clocks).
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { SqlQuery } from "../db/sqlClient";
import { env } from "../env";

export type ApiKeyMode = "live" | "test";
export type ApiKeyOwner = { keyId: string; workspaceId: string; mode: ApiKeyMode };

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** `js_live_…` / `js_test_…` followed by 32 base62 characters (~190 bits). */
export function generateApiKey(mode: ApiKeyMode): { key: string; prefix: string; hash: string } {
  const bytes = randomBytes(32);
  let secret = "";
  for (const byte of bytes) secret += ALPHABET[byte % ALPHABET.length];
  const key = `js_${mode}_${secret}`;
  return { key, prefix: key.slice(0, 12), hash: hashApiKey(key) };
}

export async function createApiKey(
  query: SqlQuery,
  workspaceId: string,
  name: string,
  mode: ApiKeyMode,
): Promise<{ id: string; key: string; prefix: string; mode: ApiKeyMode }> {
  const generated = generateApiKey(mode);
  const rows = await query<{ id: string }>(
    "insert into api_keys (workspace_id, name, mode, prefix, hash) values ($1, $2, $3, $4, $5) returning id",
    [workspaceId, name, mode, generated.prefix, generated.hash],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error("insert into api_keys returned no row");
  return { id, key: generated.key, prefix: generated.prefix, mode };
}

/**
 * Every authenticator's cache in this process, so that a revocation here can drop them at once. Kept on
 * `globalThis` under a registered symbol, not in a module variable: Next bundles its own copy of this
 * module for the studio, beside the API server's, and both copies must reach the same caches.
 */
const CACHES = Symbol.for("journey-studio.apiKeyCaches");
const caches: Set<Map<string, unknown>> = (() => {
  const existing: unknown = Reflect.get(globalThis, CACHES);
  if (existing instanceof Set) return existing;
  const created = new Set<Map<string, unknown>>();
  Reflect.set(globalThis, CACHES, created);
  return created;
})();

/** Forgets every cached key of this process (call after revoking one: it stops working at once here). */
export function forgetCachedApiKeys(): void {
  for (const cache of caches) cache.clear();
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Finds the owner of a presented key. Hits are cached for `ttlMs` (JOURNEY_API_KEY_CACHE_MS, default
 * 5 s): a key revoked in another process stops working within that time, in this one at once (see
 * forgetCachedApiKeys); misses are not cached, so a new key works at once. `last_used_at` is written
 * at most once a minute per key and process, after the answer (never awaited by the request).
 */
export function createApiKeyAuthenticator(query: SqlQuery, ttlMs = env().JOURNEY_API_KEY_CACHE_MS) {
  const cache = new Map<string, { owner: ApiKeyOwner; until: number }>();
  caches.add(cache);
  const touched = new Map<string, number>();
  const touch = (keyId: string, now: number) => {
    if ((touched.get(keyId) ?? 0) > now - TOUCH_EVERY_MS) return;
    if (touched.size > 10_000) touched.clear();
    touched.set(keyId, now);
    setImmediate(() => {
      query(
        "update api_keys set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')",
        [keyId],
      ).catch((error: unknown) => {
        touched.delete(keyId);
        // (A database closing under a late write, at shutdown, is not worth a word.)
        if (!/closed|ended/i.test(String(error)))
          console.error("[runtime] recording an API key's last use failed:", error);
      });
    });
  };
  return async function authenticate(key: string): Promise<ApiKeyOwner | undefined> {
    if (!/^js_(live|test)_[0-9A-Za-z]{16,64}$/.test(key)) return undefined;
    const hash = hashApiKey(key);
    const now = Date.now();
    const hit = cache.get(hash);
    if (hit && hit.until > now) {
      touch(hit.owner.keyId, now);
      return hit.owner;
    }
    const rows = await query<{ id: string; workspace_id: string; mode: ApiKeyMode }>(
      "select k.id, k.workspace_id, k.mode from api_keys k join workspaces w on w.id = k.workspace_id where k.hash = $1 and k.revoked_at is null and w.archived_at is null",
      [hash],
    );
    const row = rows[0];
    if (!row) {
      cache.delete(hash);
      return undefined;
    }
    const owner: ApiKeyOwner = { keyId: row.id, workspaceId: row.workspace_id, mode: row.mode };
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { owner, until: now + ttlMs });
    touch(owner.keyId, now);
    return owner;
  };
}

/** `--workspace W` of the CLI: a workspace by slug or id. */
export async function findWorkspaceId(query: SqlQuery, slugOrId: string): Promise<string | undefined> {
  const rows = await query<{ id: string }>("select id from workspaces where slug = $1 or id::text = $1 limit 1", [
    slugOrId,
  ]);
  return rows[0]?.id;
}
