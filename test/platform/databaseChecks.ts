// Checks that a freshly migrated database has the schema the server relies on. Shared by the PGlite and Postgres tests.
import { expect } from "vitest";
import type { Database } from "../../server/db/client";
import { runMigrations } from "../../server/db/migrate";
import { seedDefaultWorkspace } from "../../server/services/seed";

/** Tables that belong to no single workspace: sign-in (a user can be in several), and process-wide state. */
export const globalTables = [
  "accounts",
  // The analytics fold's watermark is install-wide: one per source, across workspaces.
  "analytics_watermarks",
  "instance_admins",
  "rate_limits",
  "server_secrets",
  "sessions",
  "users",
  "verifications",
  "workspaces",
];

export const expectedTables = [
  "accounts",
  "analytics_comments",
  "analytics_drivers",
  "analytics_facts",
  "analytics_rollups",
  "analytics_watermarks",
  "api_keys",
  "audit_log",
  "customer_addresses",
  "customers",
  "flow_folders",
  "flow_versions",
  "flows",
  "folder_grants",
  "idempotency_keys",
  "instance_admins",
  "interaction_events",
  "interaction_path",
  "interactions",
  "memberships",
  "outbox",
  "outbox_attempts",
  "rate_limits",
  "script_versions",
  "scripts",
  "server_secrets",
  "sessions",
  "timers",
  "trigger_runs",
  "trigger_watermarks",
  "users",
  "verification_codes",
  "verifications",
  "webhook_previous_secrets",
  "webhooks",
  "workspace_invitations",
  "workspace_policies",
  "workspace_settings",
  "workspaces",
];

export async function tableNames(database: Database): Promise<string[]> {
  const rows = await database.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
  );
  return rows.map((r) => r.table_name);
}

/** Fails with the database's error message when `promise` does not reject. */
async function expectRejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected the statement to be refused").toBeInstanceOf(Error);
  // drizzle wraps driver errors: the database's message is on the cause.
  const messages = [String(error), String(error instanceof Error ? error.cause : "")].join(" | ");
  expect(messages).toMatch(pattern);
}

export async function checkMigratedDatabase(database: Database): Promise<void> {
  expect(await tableNames(database)).toEqual(expectedTables);

  // Applying again is a no-op.
  await runMigrations(database);
  const applied = await database.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
  expect(applied[0]?.n).toBeGreaterThanOrEqual(2);

  // Every table but the global ones is scoped by workspace_id.
  const scoped = await database.query<{ table_name: string }>(
    "select table_name from information_schema.columns where table_schema = 'public' and column_name = 'workspace_id' order by table_name",
  );
  expect(scoped.map((r) => r.table_name)).toEqual(expectedTables.filter((t) => !globalTables.includes(t)));

  // The default workspace is created once.
  const first = await seedDefaultWorkspace(database.db);
  const second = await seedDefaultWorkspace(database.db);
  expect(first.created).toBe(true);
  expect(second).toEqual({ id: first.id, created: false });
  const ws = first.id;

  // A published version is immutable; (flow, version) is unique.
  const [flow] = await database.query<{ id: string }>(
    "insert into flows (workspace_id, key, name, kind, draft) values ($1, 'f', 'F', 'sop', $2) returning id",
    [ws, { schema: "journey-studio/flow@1" }],
  );
  const flowId = flow?.id;
  const [version] = await database.query<{ id: string }>(
    "insert into flow_versions (workspace_id, flow_id, version, source, compiled, content_hash) values ($1, $2, 1, '{}', '{}', 'h1') returning id",
    [ws, flowId],
  );
  await expectRejects(
    database.query("update flow_versions set content_hash = 'x' where id = $1", [version?.id]),
    /immutable/,
  );
  await expectRejects(
    database.query(
      "insert into flow_versions (workspace_id, flow_id, version, source, compiled, content_hash) values ($1, $2, 1, '{}', '{}', 'h2')",
      [ws, flowId],
    ),
    /flow_versions_flow_version_unique|duplicate key/,
  );

  // An interaction's event log cannot hold two events with one seq; a timer fires once per (key, seq).
  const [interaction] = await database.query<{ id: string }>(
    "insert into interactions (workspace_id, flow_version_id, flow_key, version, status, channel, snapshot) values ($1, $2, 'f', 1, 'active', 'chat', '{}') returning id",
    [ws, version?.id],
  );
  const event = "insert into interaction_events (workspace_id, interaction_id, seq, type) values ($1, $2, 1, 'start')";
  await database.query(event, [ws, interaction?.id]);
  await expectRejects(database.query(event, [ws, interaction?.id]), /interaction_events_pkey|duplicate key/);
  const timer =
    "insert into timers (workspace_id, interaction_id, timer_key, seq, due_at) values ($1, $2, 'wait', 1, now()) on conflict do nothing returning id";
  expect(await database.query(timer, [ws, interaction?.id])).toHaveLength(1);
  expect(await database.query(timer, [ws, interaction?.id])).toHaveLength(0);

  // Status values are checked by the database too.
  await expectRejects(
    database.query("update interactions set status = 'paused' where id = $1", [interaction?.id]),
    /interactions_status_check/,
  );

  // Deleting the workspace takes everything in it along.
  await database.query("delete from workspaces where id = $1", [ws]);
  const left = await database.query<{ n: number }>(
    "select (select count(*) from flows)::int + (select count(*) from interaction_events)::int as n",
  );
  expect(left[0]?.n).toBe(0);
}

/** Raw SQL through `database.query` gives the same JavaScript values on PGlite and on Postgres. */
export async function checkRawQueryValues(database: Database): Promise<void> {
  const [row] = await database.query(
    `select count(*) as n, 42::int as i, 1.5::numeric as num, '{"a":1}'::jsonb as j, array['x','y']::text[] as arr,
            $1::jsonb as obj, $2::jsonb as list, $3::timestamptz as at, $4::text[] as tags, '2026-01-02'::date as d
       from (values (1)) v`,
    [{ b: [1, 2] }, JSON.stringify([1, 2]), new Date("2026-01-02T03:04:05Z"), ["a", "b"]],
  );
  expect(row).toEqual({
    n: "1",
    i: 42,
    num: "1.5",
    j: { a: 1 },
    arr: ["x", "y"],
    obj: { b: [1, 2] },
    list: [1, 2],
    at: "2026-01-02 03:04:05+00",
    tags: ["a", "b"],
    d: "2026-01-02",
  });
}
