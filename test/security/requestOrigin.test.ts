// tRPC mutations refuse a state-changing call from a foreign page: an `Origin` other than the studio's,
// or `Sec-Fetch-Site: cross-site`/`same-site` (a sibling subdomain). Reads, and callers that send neither
// header (server-rendered pages, scripts), are unaffected; a browser always sends Origin on a POST.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import { addMember, browser, openAuthHarness, ORIGIN, type AuthHarness } from "./authHarness";

let h: AuthHarness;
let cookie: string;

beforeAll(async () => {
  h = await openAuthHarness();
  await addMember(h, "origin-admin@example.com", "admin");
  const b = browser(h.auth, "198.51.100.41");
  await b.signIn("origin-admin@example.com");
  cookie = b.headers().get("cookie") ?? "";
});
afterAll(() => h?.close());

function as(extra: Record<string, string>) {
  return createCaller({
    database: h.database,
    headers: new Headers({ host: new URL(ORIGIN).host, cookie, ...extra }),
  });
}

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof TRPCError ? `${e.code} ${String(Reflect.get(Object(e.cause), "code"))}` : String(e)),
  );

const create = (extra: Record<string, string>, name: string) =>
  outcome(as(extra).admin.apiKeys.create({ name, mode: "test" }));

describe("cross-site mutations", () => {
  it("are refused with a foreign Origin or Sec-Fetch-Site", async () => {
    expect(await create({ origin: "https://evil.example" }, "evil")).toBe("FORBIDDEN CROSS_SITE_REQUEST");
    expect(await create({ origin: "null" }, "opaque")).toBe("FORBIDDEN CROSS_SITE_REQUEST");
    expect(await create({ origin: "http://127.0.0.1:4000" }, "other-port")).toBe("FORBIDDEN CROSS_SITE_REQUEST");
    expect(await create({ "sec-fetch-site": "cross-site" }, "fetch-cross")).toBe("FORBIDDEN CROSS_SITE_REQUEST");
    expect(await create({ origin: ORIGIN, "sec-fetch-site": "same-site" }, "sibling")).toBe(
      "FORBIDDEN CROSS_SITE_REQUEST",
    );
    const keys = await as({}).admin.apiKeys.list();
    expect(keys.map((k) => k.name)).toEqual([]);
  });

  it("go through from the studio's own origin, or with neither header", async () => {
    expect(await create({ origin: ORIGIN, "sec-fetch-site": "same-origin" }, "same")).toBe("ok");
    expect(await create({}, "no-headers")).toBe("ok");
  });

  it("reads are not affected", async () => {
    expect(await outcome(as({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }).admin.me())).toBe("ok");
  });
});
