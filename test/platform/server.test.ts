// The real server over real HTTP: `server/main.ts --api-only` in a child process, on a free port,
// with its own PGlite data folder.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Sends `text` as it is on a new connection and reads the answer until the server closes it. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(text));
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

type Started = { child: ChildProcess; url: string; output: () => string };

/** Starts the server with PORT=0 and reads the URL it prints. */
async function startServer(dataDir: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", HOST: "127.0.0.1", JOURNEY_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--api-only"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  return { child, url, output: () => output };
}

describe("server/main.ts --api-only over HTTP", () => {
  let dataDir: string;
  let server: Started;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "journey-http-"));
    server = await startServer(dataDir);
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("GET /api/v1/health answers ok on PGlite", async () => {
    const res = await fetch(`${server.url}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ ok: true, db: "pglite" });
  });

  it("GET /api/v1/openapi.json is an OpenAPI 3.1 document listing health", async () => {
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/v1/health"].get).toBeDefined();
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  it("an unknown route is 404 NOT_FOUND as problem+json", async () => {
    const res = await fetch(`${server.url}/api/v1/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toEqual({
      type: "about:blank",
      title: "Not found",
      status: 404,
      code: "NOT_FOUND",
      detail: "No route for GET /api/v1/no-such-thing",
    });
  });

  it("a body over 1 MiB is 413 PAYLOAD_TOO_LARGE, with or without Content-Length", async () => {
    const big = "x".repeat(1024 * 1024 + 1);
    const withLength = await fetch(`${server.url}/api/v1/health`, {
      method: "POST",
      body: big,
      headers: { "content-type": "application/json" },
    });
    expect(withLength.status).toBe(413);
    expect(withLength.headers.get("content-type")).toBe("application/problem+json");
    expect(await withLength.json()).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });

    const chunks = [big.slice(0, 600_000), big.slice(600_000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const chunked = await fetch(`${server.url}/api/v1/health`, {
      method: "POST",
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("a request without a Host header (HTTP/1.0) is 400 BAD_REQUEST as problem+json, for the studio's paths too", async () => {
    const { port } = new URL(server.url);
    for (const target of ["/api/v1/health", "/flows", "/api/trpc/flows.list"]) {
      const answer = await rawRequest(Number(port), `GET ${target} HTTP/1.0\r\n\r\n`);
      const [head = "", body = ""] = answer.split("\r\n\r\n");
      expect(head.split("\r\n")[0], target).toBe("HTTP/1.1 400 Bad Request");
      expect(head.toLowerCase()).toContain("content-type: application/problem+json");
      expect(JSON.parse(body)).toMatchObject({
        status: 400,
        code: "BAD_REQUEST",
        detail: "The request has no Host header.",
      });
    }
  });

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
    server.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(server.output()).toContain("SIGTERM");
  });
});
