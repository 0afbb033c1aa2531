// The studio while its Postgres server is away: the page shows the banner that says so (not a blank page
// or a stack trace), in English and Chinese, and comes back by itself when the database does. The outage
// is a TCP proxy of the test's own between the studio and the shared Postgres server, closed and opened
// again: the shared server is never touched.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerDatabase, serverUrl } from "../runtime/testDatabase";
import { screenshot, startStudio, type Studio } from "./studioHarness";

/** A loopback TCP proxy to `target` that can drop every connection and refuse new ones, then accept again. */
function tcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server?.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (server) server.close(() => resolve());
      else resolve();
    });
  return { open, close, port: () => port };
}

describe.skipIf(!serverUrl)("the studio while the database is away", () => {
  let studio: Studio;
  let proxy: ReturnType<typeof tcpProxy>;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    const admin = new URL(serverUrl ?? "");
    const created = await createServerDatabase(serverUrl ?? "");
    dropDatabase = created.drop;
    proxy = tcpProxy({ host: admin.hostname, port: Number(admin.port || 5432) });
    await proxy.open();
    const url = new URL(created.url);
    url.port = String(proxy.port());
    studio = await startStudio({
      env: { DATABASE_URL: url.toString(), DATABASE_CONNECT_TIMEOUT_MS: "1000", DATABASE_RETRY_AFTER_SECONDS: "1" },
    });
  }, 180_000);
  afterAll(async () => {
    await studio?.close();
    await proxy?.close();
    await dropDatabase?.();
  });

  it("shows the banner in English and Chinese, and the page again once the database answers", async () => {
    const { page, url, browser } = studio;
    await page.goto(`${url}/flows`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).count()).toBeGreaterThan(0);
    const banner = page.getByTestId("database-unavailable");

    await proxy.close();
    await page.goto(`${url}/flows`);
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.innerText()).toMatch(/database/i);
    await screenshot(page, "database-unavailable-en");

    const zhContext = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: "zh-CN",
      storageState: await page.context().storageState(),
    });
    const zh = await zhContext.newPage();
    await zh.goto(`${url}/flows`);
    const zhBanner = zh.getByTestId("database-unavailable");
    await expect.poll(() => zhBanner.isVisible()).toBe(true);
    expect(await zhBanner.innerText()).toMatch(/数据库/);
    await screenshot(zh, "database-unavailable-zh");
    await zhContext.close();

    // Back: the banner polls health and reloads the page by itself.
    await proxy.open();
    await expect.poll(() => banner.isVisible(), { timeout: 40_000 }).toBe(false);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).count()).toBeGreaterThan(0);
  });
});
