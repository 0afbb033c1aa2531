import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";

const root = join(import.meta.dirname, "..", "..");
export const screenshotDir = join(root, "test-results", "ui");

export type Studio = { url: string; browser: Browser; page: Page; dataDir: string; close: () => Promise<void> };

/** The first admin every UI test's studio starts with (JOURNEY_FIRST_ADMIN_PASSWORD). */
export const TEST_ADMIN = { email: "admin@journey.local", password: "ui-test-admin-password-1" };

/**
 * Starts the real server (studio + API, production build) on a free port with a fresh PGlite
 * folder, and a headless Debian Chromium page pointed at it. The folder is a copy of the one
 * globalSetup seeded, unless the test brings its own folder or its own first admin.
 */
export async function startStudio(
  options: { locale?: "en" | "zh"; env?: Record<string, string>; signedIn?: boolean } = {},
): Promise<Studio> {
  const dataDir = mkdtempSync(join(tmpdir(), "journey-ui-"));
  const template = inject("studioTemplateDir");
  if (template && !options.env?.JOURNEY_DATA_DIR && !options.env?.JOURNEY_FIRST_ADMIN_PASSWORD) {
    cpSync(template, dataDir, { recursive: true });
  }
  const server = spawnServer(dataDir, options.env);
  let browser: Browser;
  let url: string;
  try {
    url = await waitForUrl(server);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  } catch (error) {
    // No browser (or no server): stop the server rather than leave it running after this process.
    server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: options.locale === "zh" ? "zh-CN" : "en-US",
  });
  const page = await context.newPage();
  mkdirSync(screenshotDir, { recursive: true });
  if (options.signedIn !== false) await signIn(page, url, TEST_ADMIN);
  return {
    url,
    browser,
    page,
    dataDir,
    close: async () => {
      await browser.close();
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The real server (production build, PGlite in `dataDir`, any free port on loopback), its output piped:
 * it prints its URL once it listens.
 */
export function spawnServer(dataDir: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", join(root, "server", "main.ts")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      JOURNEY_DATA_DIR: dataDir,
      DATABASE_URL: "",
      NODE_ENV: "production",
      JOURNEY_FIRST_ADMIN_PASSWORD: TEST_ADMIN.password,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Signs the page's browser context in (the session cookie lands in its cookie jar). */
export async function signIn(page: Page, url: string, user: { email: string; password: string }): Promise<void> {
  const response = await page
    .context()
    .request.post(`${url}/api/auth/sign-in/email`, { data: user, headers: { origin: url } });
  if (!response.ok()) throw new Error(`sign-in as ${user.email} failed: ${response.status()} ${await response.text()}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** The URL the server prints once it listens; rejects with its output if it exits first. */
export function waitForUrl(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /https?:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) resolve(match[0]);
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}
