import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataDirLockedError, lockDataDir } from "../../server/db/dataDirLock";

const root = join(import.meta.dirname, "..", "..");

describe("PGlite data folder lock", () => {
  it("refuses a second process while the first lives, and takes over after it died", async () => {
    const dir = mkdtempSync(join(tmpdir(), "journey-lock-"));
    try {
      const holder = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "-e",
          `import("${join(root, "server/allowServerOnly.mjs")}").then(() => import("${join(root, "server/db/dataDirLock.ts")}")).then(m => { m.lockDataDir(${JSON.stringify(dir)}); console.log("locked"); setInterval(() => {}, 1000); })`,
        ],
        {
          cwd: root,
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      await new Promise<void>((resolve) =>
        holder.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve()),
      );
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(/in use by another Journey Studio process \(pid \d+\)/);
      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.once("exit", resolve));
      const unlock = lockDataDir(dir);
      expect(() => lockDataDir(dir)).not.toThrow(); // the same process may open it again (cached handle)
      unlock();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
