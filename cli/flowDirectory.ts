import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { FlowDocument, FlowResolver } from "../flows/schema/flowDocument";
import { flowDocumentSchema } from "../flows/schema/flowDocument";
import { readJsonFile } from "./readJsonFile";

/** A resolver over the flow documents in a folder (for `--flows DIR`); files that are not flows are skipped. */
export function flowDirectoryResolver(directories: readonly string[]): FlowResolver {
  const byKey = new Map<string, FlowDocument>();
  for (const directory of directories) {
    let files: string[];
    try {
      files = readdirSync(directory).filter((file) => file.endsWith(".json"));
    } catch {
      continue;
    }
    for (const file of files) {
      const read = readJsonFile(join(directory, file));
      if (!read.ok) continue;
      const parsed = flowDocumentSchema.safeParse(read.value);
      if (parsed.success && !byKey.has(parsed.data.key)) byKey.set(parsed.data.key, parsed.data);
    }
  }
  return (key) => byKey.get(key);
}
