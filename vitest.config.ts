import { defineConfig } from "vitest/config";

const shared = { exclude: ["node_modules/**", ".next*/**", ".data/**"] };

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: [...shared.exclude, "test/ui/**"] } },
      {
        extends: true,
        test: {
          name: "ui",
          include: ["test/ui/**/*.test.ts"],
          exclude: shared.exclude,
          globalSetup: ["test/ui/globalSetup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One studio at a time: each starts a server and a browser on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
