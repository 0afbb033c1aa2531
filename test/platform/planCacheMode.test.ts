// The pool's sessions run with plan_cache_mode from DATABASE_PLAN_CACHE_MODE (generic by default), the
// connection string's own startup options kept beside it.
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, withPlanCacheMode, type Database } from "../../server/db/client";
import { envSchema } from "../../server/env";

describe("withPlanCacheMode", () => {
  it("adds the setting to the URL's options, after the URL's own", () => {
    const { connectionString, options } = withPlanCacheMode(
      "postgres://u:p%40ss@db.example:5433/app?options=-c%20work_mem%3D8MB&sslmode=disable",
      "force_generic_plan",
    );
    expect(options).toBeUndefined();
    const url = new URL(connectionString);
    expect(url.searchParams.get("options")).toBe("-c work_mem=8MB -c plan_cache_mode=force_generic_plan");
    expect(url.searchParams.get("sslmode")).toBe("disable");
    expect(url.password).toBe("p%40ss");
    expect(url.host).toBe("db.example:5433");
  });

  it("gives the options separately for a connection string that is no URL", () => {
    expect(withPlanCacheMode("host=/var/run/postgresql dbname=app", "auto")).toEqual({
      connectionString: "host=/var/run/postgresql dbname=app",
      options: "-c plan_cache_mode=auto",
    });
  });

  it("is generic unless DATABASE_PLAN_CACHE_MODE says otherwise, and refuses other values", () => {
    expect(envSchema.parse({}).DATABASE_PLAN_CACHE_MODE).toBe("force_generic_plan");
    expect(envSchema.parse({ DATABASE_PLAN_CACHE_MODE: "auto" }).DATABASE_PLAN_CACHE_MODE).toBe("auto");
    expect(envSchema.safeParse({ DATABASE_PLAN_CACHE_MODE: "generic" }).success).toBe(false);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("on the Postgres server (TEST_DATABASE_URL)", () => {
  let database: Database | undefined;
  afterAll(async () => {
    if (database?.driver.kind === "postgres") await database.driver.client.end();
  });

  it("every session of the pool has the setting, and the URL's own options too", async () => {
    const url = new URL(serverUrl ?? "");
    url.searchParams.set("options", "-c work_mem=8MB");
    database = await createDatabase({ kind: "postgres", url: url.toString(), max: 2 });
    if (database.driver.kind !== "postgres") throw new Error("expected the postgres driver");
    const pool = database.driver.client;
    // Two connections at once, so that both sessions are asked.
    const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
    try {
      for (const connection of [a, b]) {
        const mode = await connection.query<{ plan_cache_mode: string }>("show plan_cache_mode");
        expect(mode.rows[0]?.plan_cache_mode).toBe("force_generic_plan");
        const memory = await connection.query<{ work_mem: string }>("show work_mem");
        expect(memory.rows[0]?.work_mem).toBe("8MB");
      }
    } finally {
      a.release();
      b.release();
    }
  });
});
