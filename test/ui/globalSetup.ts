import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * UI tests run against the production build, as users get it. Built once per test run (set
 * JOURNEY_UI_SKIP_BUILD=1 to reuse an existing build while iterating on tests only).
 */
export default function setup(): void {
  if (process.env.JOURNEY_UI_SKIP_BUILD === "1") return;
  const root = join(import.meta.dirname, "..", "..");
  execFileSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}
