// `journey workspace create` and `journey webhook set` (contract §9) as a real process on a PGlite data
// directory of its own; what they wrote is then read back from the database.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../server/db/client";
import { sqlClientFor } from "../../server/db/sqlClient";

const root = join(import.meta.dirname, "..", "..");
let dataDir: string;

function journey(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, JOURNEY_DATA_DIR: dataDir, JOURNEY_EXAMPLES: "off" };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, "bin", "journey.js"), ...args],
      { cwd: root, env },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "journey-ops-"));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each run opens and migrates the data directory: slow on a busy machine.
describe("journey workspace and webhook (a real process)", { timeout: 300_000 }, () => {
  it("workspace create makes a workspace; a taken slug, a bad slug or no --name exit 1 saying so", async () => {
    const created = await journey(["workspace", "create", "acme", "--name", "Acme Bank"]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^acme\t[0-9a-f-]{36}\n$/);
    const again = await journey(["workspace", "create", "acme", "--name", "Acme again"]);
    expect(again).toMatchObject({ code: 1, stdout: "" });
    expect(again.stderr).toContain('a workspace "acme" exists already');
    const bad = await journey(["workspace", "create", "Bad Slug", "--name", "x"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('slug "Bad Slug" must be 1-63 lowercase letters');
    const unnamed = await journey(["workspace", "create", "beta"]);
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toContain("--name is missing");
    expect(bad.stderr + unnamed.stderr + again.stderr).not.toMatch(/\n\s+at /);
  });

  it("webhook set: refuses a private target unless --allow-private, prints a generated secret once, --channel all", async () => {
    const url = "http://127.0.0.1:9/hook";
    const refused = await journey(["webhook", "set", "--channel", "sms", "--url", url, "--workspace", "acme"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/journey webhook: .*127\.0\.0\.1/);
    const set = await journey([
      "webhook",
      "set",
      "--channel",
      "sms",
      "--url",
      url,
      "--allow-private",
      "--workspace",
      "acme",
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/^whsec_[A-Za-z0-9_-]{43}\n$/);
    const moved = await journey([
      "webhook",
      "set",
      "--channel",
      "sms",
      "--url",
      `${url}2`,
      "--allow-private",
      "--workspace",
      "acme",
    ]);
    expect(moved).toMatchObject({ code: 0, stdout: "" });
    const secret = "s3cret-s3cret-s3cret";
    const all = await journey([
      "webhook",
      "set",
      "--channel",
      "all",
      "--url",
      url,
      "--secret",
      secret,
      "--allow-private",
      "--workspace",
      "acme",
    ]);
    expect(all).toMatchObject({ code: 0, stdout: "" });
    for (const [args, message] of [
      [["--channel", "pager", "--url", url], '--channel "pager" is not a channel'],
      [["--channel", "sms"], "--url is missing"],
      [["--url", url], "--channel is missing"],
      [["--channel", "sms", "--url", url, "--secret", "short"], "--secret must be at least 16 characters"],
      [["--channel", "sms", "--url", url, "--workspace", "nope"], 'no workspace "nope"'],
      [["--channel", "sms", "--url", "ftp://example.com/x", "--allow-private"], "Only http:// and https://"],
    ] as const) {
      const result = await journey(["webhook", "set", ...args]);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr).toContain(message);
    }

    const database = await createDatabase({ kind: "pglite", dataDir });
    try {
      const rows = await sqlClientFor(database).query<{ channel: string; url: string; secret: string }>(
        "select w.channel, w.url, w.secret from webhooks w join workspaces s on s.id = w.workspace_id where s.slug = 'acme' order by w.channel",
      );
      expect(rows.map((r) => r.channel)).toEqual(["app", "chat", "email", "sms", "social", "video", "voice", "wechat"]);
      expect(new Set(rows.map((r) => r.url))).toEqual(new Set([url]));
      expect(new Set(rows.map((r) => r.secret))).toEqual(new Set([secret]));
    } finally {
      await database.close();
    }
  });
  it("workspace create --admin EMAIL makes that user its admin; an unknown e-mail exits 1 naming --admin", async () => {
    const database = await createDatabase({ kind: "pglite", dataDir });
    try {
      await sqlClientFor(database).query(
        "insert into users (id, name, email) values ('ops-user', 'Ops', 'ops@example.com') on conflict do nothing",
      );
    } finally {
      await database.close();
    }
    const created = await journey([
      "workspace",
      "create",
      "brand-x",
      "--name",
      "Brand X",
      "--admin",
      "OPS@example.com",
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain("ops@example.com is its admin");
    const unknown = await journey([
      "workspace",
      "create",
      "brand-y",
      "--name",
      "Brand Y",
      "--admin",
      "nobody@example.com",
    ]);
    expect(unknown).toMatchObject({ code: 1, stdout: "" });
    expect(unknown.stderr).toContain('--admin "nobody@example.com": no user has this e-mail');

    const check = await createDatabase({ kind: "pglite", dataDir });
    try {
      const query = sqlClientFor(check).query;
      const members = await query<{ slug: string; user_id: string; role: string }>(
        "select w.slug, m.user_id, m.role from memberships m join workspaces w on w.id = m.workspace_id where w.slug like 'brand-%'",
      );
      expect(members).toEqual([{ slug: "brand-x", user_id: "ops-user", role: "admin" }]);
      expect(await query("select 1 from workspaces where slug = 'brand-y'")).toEqual([]);
      const audit = await query<{ action: string; actor_label: string }>(
        "select a.action, a.actor_label from audit_log a join workspaces w on w.id = a.workspace_id where w.slug = 'brand-x'",
      );
      expect(audit).toEqual([{ action: "workspace.created", actor_label: "journey workspace create" }]);
    } finally {
      await check.close();
    }
  });
});
