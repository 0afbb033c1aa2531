// A PGlite data folder that cannot be written — on a read-only file system, or on a full disk — is
// refused at start with a message that says why, and the folder is left as it was: once writable again
// it opens with its data. (Needs root to mount a small tmpfs; skipped with a warning otherwise.)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../server/db/client";
import { DataDirUnwritableError } from "../../server/db/pgliteDataDir";

function tryMount(dir: string, sizeMb: number): boolean {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m`, "tmpfs", dir], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

const root = mkdtempSync(path.join(tmpdir(), "journey-pglite-fs-"));
const mountPoint = path.join(root, "mnt");
execFileSync("mkdir", ["-p", mountPoint]);
const mounted = process.getuid?.() === 0 && tryMount(mountPoint, 96);
if (!mounted) console.warn("pgliteDataDir.test.ts: skipped: mounting a tmpfs needs root (and CAP_SYS_ADMIN)");

/** A PGlite folder holding one table with one row. */
async function makeFolder(dataDir: string): Promise<void> {
  const database = await createDatabase({ kind: "pglite", dataDir });
  await database.exec("create table kept (v text); insert into kept values ('still here')");
  await database.close();
}

async function expectIntact(dataDir: string): Promise<void> {
  const database = await createDatabase({ kind: "pglite", dataDir });
  try {
    expect(await database.query("select v from kept")).toEqual([{ v: "still here" }]);
  } finally {
    await database.close();
  }
}

async function openError(dataDir: string): Promise<unknown> {
  return createDatabase({ kind: "pglite", dataDir }).then(
    async (database) => {
      await database.close();
      return undefined;
    },
    (error: unknown) => error,
  );
}

describe.skipIf(!mounted)("a PGlite data folder that cannot be written", () => {
  beforeAll(() => undefined);
  afterAll(() => {
    if (mounted) execFileSync("umount", ["-l", mountPoint], { stdio: "pipe" });
    rmSync(root, { recursive: true, force: true });
  });

  it("on a read-only file system: refused at start, saying so; intact once writable", { timeout: 60_000 }, async () => {
    const dataDir = path.join(mountPoint, "ro");
    await makeFolder(dataDir);
    execFileSync("mount", ["-o", "remount,ro", mountPoint]);
    try {
      const error = await openError(dataDir);
      expect(error).toBeInstanceOf(DataDirUnwritableError);
      expect(String(error)).toMatch(/cannot be written: the file system is read-only/);
      expect(String(error)).toContain(dataDir);
    } finally {
      execFileSync("mount", ["-o", "remount,rw", mountPoint]);
    }
    await expectIntact(dataDir);
  });

  it("on a full disk: refused at start, saying so; intact once there is room", { timeout: 60_000 }, async () => {
    const dataDir = path.join(mountPoint, "full");
    await makeFolder(dataDir);
    const filler = path.join(mountPoint, "filler");
    const { bavail, bsize } = statfsSync(mountPoint);
    // All but a few KiB of what is left.
    writeFileSync(filler, Buffer.alloc(Math.max(0, Number(bavail) * Number(bsize) - 16 * 1024)));
    try {
      const error = await openError(dataDir);
      expect(error).toBeInstanceOf(DataDirUnwritableError);
      expect(String(error)).toMatch(/cannot be written: the disk is full/);
    } finally {
      rmSync(filler, { force: true });
    }
    await expectIntact(dataDir);
  });
});
