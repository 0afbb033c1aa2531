import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { spawnServer, waitForUrl } from "./studioHarness";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PGlite folder migrated and seeded once (examples, first admin): studios start from a copy. */
    studioTemplateDir: string;
  }
}

const root = join(import.meta.dirname, "..", "..");

/**
 * UI tests run against the production build, as users get it. Built once per test run (set
 * JOURNEY_UI_SKIP_BUILD=1 to reuse an existing build while iterating on tests only). Then one server
 * start migrates and seeds a PGlite folder that every studio copies (about 4 s less per studio).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.JOURNEY_UI_SKIP_BUILD !== "1") {
    execFileSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
  }
  const templateDir = mkdtempSync(join(tmpdir(), "journey-ui-template-"));
  await seedTemplate(templateDir);
  project.provide("studioTemplateDir", templateDir);
  return () => rmSync(templateDir, { recursive: true, force: true });
}

/** Starts the server on the folder (migrations, seed, first admin), then stops it cleanly. */
async function seedTemplate(dataDir: string): Promise<void> {
  const server = spawnServer(dataDir);
  await waitForUrl(server);
  const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  const code = await exited;
  if (code !== 0) throw new Error(`the server seeding the studios' template folder stopped with ${code}`);
}
