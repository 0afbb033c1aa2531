// A PGlite data folder that cannot be written (read-only, full, not ours) is said
// so plainly, at start-up before PGlite touches it, or on the write that fails — never as a WebAssembly
// abort half-way through a checkpoint, which can leave the folder unusable.
import "server-only";
import { randomBytes } from "node:crypto";
import { open, rm } from "node:fs/promises";
import { join } from "node:path";

const PROBE_BYTES = 1024 * 1024;

const REASONS: Record<string, string> = {
  EROFS: "the file system is read-only",
  EACCES: "this process may not write there",
  EPERM: "this process may not write there",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
};

export class DataDirUnwritableError extends Error {
  constructor(
    readonly dataDir: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The embedded database folder ${dataDir} cannot be written: ${reason}. Free space or make it writable ` +
        "(or set JOURNEY_DATA_DIR to another folder), then start again; nothing in the folder was changed.",
      options,
    );
    this.name = "DataDirUnwritableError";
  }
}

function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code: unknown = Reflect.get(e, "code");
    if (typeof code === "string" && code in REASONS) return code;
    const message: unknown = Reflect.get(e, "message");
    if (typeof message === "string") {
      const named = Object.keys(REASONS).find((c) => message.includes(c));
      if (named) return named;
      if (/no space left|disk full/i.test(message)) return "ENOSPC";
      if (/read-only file system/i.test(message)) return "EROFS";
    }
    e = Reflect.get(e, "cause");
  }
  return undefined;
}

/** The error as a DataDirUnwritableError when it is one of the "cannot write" kind; else as it is. */
export function explainPgliteError(error: unknown, dataDir: string): unknown {
  if (error instanceof DataDirUnwritableError) return error;
  const code = codeOf(error);
  return code ? new DataDirUnwritableError(dataDir, REASONS[code] ?? code, { cause: error }) : error;
}

/**
 * Writes (and removes) a 1 MiB probe file: a read-only folder, one this process may not write, or a disk
 * without even that much room is refused before PGlite opens the folder.
 */
export async function checkDataDirWritable(dataDir: string): Promise<void> {
  const probe = join(dataDir, `.journey-write-check-${randomBytes(4).toString("hex")}`);
  try {
    const handle = await open(probe, "w");
    try {
      // writeFile loops over partial writes: a nearly full disk answers the first with what fits, the next with ENOSPC.
      await handle.writeFile(Buffer.alloc(PROBE_BYTES));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw explainPgliteError(error, dataDir);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}
