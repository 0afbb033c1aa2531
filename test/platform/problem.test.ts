// The API's error shapes, through app.request() (no sockets): one problem+json format with stable codes.
import { createRoute, z } from "@hono/zod-openapi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDatabase, type Database } from "../../server/db/client";
import { createApiApp, type ApiApp } from "../../server/http/app";
import { isApiPath } from "../../server/http/isApiPath";
import { createApiRouter } from "../../server/http/apiRouter";

const echo = createRoute({
  method: "post",
  path: "/echo",
  request: { body: { required: true, content: { "application/json": { schema: z.object({ n: z.number() }) } } } },
  responses: {
    200: { description: "the body", content: { "application/json": { schema: z.object({ n: z.number() }) } } },
  },
});

describe("problem+json errors", () => {
  let database: Database;
  let app: ApiApp;

  beforeAll(async () => {
    database = await createDatabase({ kind: "pglite" });
    app = createApiApp({ database });
    // Routes that exist only in this test, mounted the way real resources are.
    const testRoutes = createApiRouter()
      .openapi(echo, (c) => c.json(c.req.valid("json"), 200))
      .get("/boom", () => {
        throw new Error("kaboom");
      });
    app.route("/api/v1/test", testRoutes);
  });
  afterAll(async () => {
    await database?.close();
  });

  const post = (path: string, body: string) =>
    app.request(path, { method: "POST", body, headers: { "content-type": "application/json" } });

  it("answers the health check from the database", async () => {
    const res = await app.request("/api/v1/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: "pglite" });
  });

  it("reports malformed JSON as 400 INVALID_JSON", async () => {
    const res = await post("/api/v1/test/echo", "{nope");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ type: "about:blank", status: 400, code: "INVALID_JSON" });
  });

  it("reports a body that does not match the schema as 400 VALIDATION_FAILED, with the paths", async () => {
    const res = await post("/api/v1/test/echo", JSON.stringify({ n: "one" }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "n" }] });
  });

  it("passes a valid body through", async () => {
    const res = await post("/api/v1/test/echo", JSON.stringify({ n: 1 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ n: 1 });
  });

  it("answers an unexpected error with 500 INTERNAL, logs it, and leaks nothing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await app.request("/api/v1/test/boom");
      expect(res.status).toBe(500);
      const body = await res.json();
      expect(body).toMatchObject({ code: "INTERNAL", status: 500, errorId: expect.any(String) });
      expect(JSON.stringify(body)).not.toContain("kaboom");
      expect(log).toHaveBeenCalledOnce();
      expect(String(log.mock.calls[0]?.[0])).toContain(String(body.errorId));
    } finally {
      log.mockRestore();
    }
  });

  it("answers 503 DATABASE_UNAVAILABLE when the database is gone", async () => {
    const down: Database = { ...database, query: () => Promise.reject(new Error("connection refused")) };
    const lonely = createApiApp({ database: down });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await lonely.request("/api/v1/health");
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
      expect(log).toHaveBeenCalledOnce(); // an outage is worth a line in the log
    } finally {
      log.mockRestore();
    }
  });
});

describe("isApiPath", () => {
  it("sends /api/v1 and below to the API, the rest to Next", () => {
    for (const p of ["/api/v1", "/api/v1/", "/api/v1/health", "/api/v1?x=1"]) expect(isApiPath(p)).toBe(true);
    for (const p of ["/", "/api", "/api/v10", "/api/v1x", "/flows", undefined]) expect(isApiPath(p)).toBe(false);
  });
});
