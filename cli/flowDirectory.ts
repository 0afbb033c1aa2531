import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { FlowDocument, FlowResolver } from "../flows/schema/flowDocument";
import { parseFlowDocument } from "../flows/schema/parseFlowDocument";
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
      const parsed = parseFlowDocument(read.value);
      if (parsed.ok && !byKey.has(parsed.document.key)) byKey.set(parsed.document.key, parsed.document);
    }
  }
  return (key) => byKey.get(key);
}
