// The secret that signs session cookies.
import "server-only";
import { randomBytes } from "node:crypto";
import type { Database } from "../db/client";

/** BETTER_AUTH_SECRET when set; otherwise one generated on first start and kept in server_secrets (shared by every process). */
export async function resolveAuthSecret(database: Database, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  await database.query("insert into server_secrets (name, value) values ('auth', $1) on conflict (name) do nothing", [
    randomBytes(32).toString("base64url"),
  ]);
  const [row] = await database.query<{ value: string }>("select value from server_secrets where name = 'auth'");
  if (!row) throw new Error("server_secrets has no auth secret after inserting one");
  return row.value;
}
