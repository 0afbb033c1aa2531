import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const shared = { exclude: ["node_modules/**", ".next*/**", ".data/**"] };

// The studio's UI tests drive Debian's Chromium. On a machine without it they are left out, saying so;
// CI (JOURNEY_REQUIRE_UI_TESTS=1 in .ci/run) refuses to run without them.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasBrowser = existsSync(chromium);
if (!hasBrowser) {
  const message = `UI tests need Chromium at ${chromium} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`;
  if (process.env.JOURNEY_REQUIRE_UI_TESTS === "1") throw new Error(message);
  console.warn(`${message}: skipping the ui project.`);
}

export default defineConfig({
  // `import "server-only"` throws outside a React Server environment: the tests run server modules on
  // plain Node, so the package is its empty module here (server/allowServerOnly.mjs says why and how the
  // other entry points do the same).
  resolve: { alias: { "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)) } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker less than the cores: a single worker on CI's 2-core machine, where
    // most of a test's time is spent waiting on Postgres, child processes and the browser.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: [...shared.exclude, "test/ui/**"],
          sequence: { groupOrder: 0 },
        },
      },
      ...(hasBrowser
        ? [
            {
              extends: true as const,
              test: {
                name: "ui",
                include: ["test/ui/**/*.test.ts"],
                exclude: shared.exclude,
                globalSetup: ["test/ui/globalSetup.ts"],
                testTimeout: 120_000,
                hookTimeout: 120_000,
                // A page waits on the server's first answers: on a busy 2-core machine that can take seconds,
                // so polled expectations wait up to 20 s (the default 1 s made them flaky under load).
                expect: { poll: { timeout: 20_000 } },
                // Two studios at a time (each a server and a browser): on CI's 2-core machine the files spend
                // most of their time starting and waiting, and one at a time took 11 minutes.
                maxWorkers: 2,
                // After the unit files (Vitest runs projects of different worker counts in separate groups).
                sequence: { groupOrder: 1 },
              },
            },
          ]
        : []),
    ],
  },
});
