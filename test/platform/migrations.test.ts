// Migrations apply on a fresh PGlite and, when TEST_DATABASE_URL is set, on a real Postgres server
// (in a database created for this run and dropped after it).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, it } from "vitest";
import { createDatabase, type Database } from "../../server/db/client";
import { runMigrations } from "../../server/db/migrate";
import { checkMigratedDatabase, checkRawQueryValues } from "./databaseChecks";

describe("migrations on PGlite (in memory)", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createDatabase({ kind: "pglite" });
    await runMigrations(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("create the whole schema, re-apply as a no-op, and enforce its constraints", async () => {
    await checkMigratedDatabase(database);
  });

  it("raw SQL returns the same values as on the other driver", async () => {
    await checkRawQueryValues(database);
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)("migrations on Postgres (TEST_DATABASE_URL)", () => {
  const name = `journey_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  let admin: Database;
  let database: Database;

  beforeAll(async () => {
    admin = await createDatabase({ kind: "postgres", url: adminUrl ?? "", max: 1 });
    await admin.exec(`create database "${name}"`);
    const url = new URL(adminUrl ?? "");
    url.pathname = `/${name}`;
    database = await createDatabase({ kind: "postgres", url: url.toString(), max: 4 });
    await runMigrations(database);
  });
  afterAll(async () => {
    await database?.close();
    await admin?.exec(`drop database if exists "${name}" with (force)`);
    await admin?.close();
  });

  it("create the whole schema, re-apply as a no-op, and enforce its constraints", async () => {
    await checkMigratedDatabase(database);
  });

  it("raw SQL returns the same values as on the other driver", async () => {
    await checkRawQueryValues(database);
  });
});
