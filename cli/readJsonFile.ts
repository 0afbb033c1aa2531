import { readFileSync } from "node:fs";
import { locateJsonError } from "./locateJsonError";

export type ReadResult = { ok: true; value: unknown; text: string } | { ok: false; message: string };

/** Reads a JSON file; a syntax error names the line and column. */
export function readJsonFile(file: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return {
      ok: false,
      message: `cannot be read (${error instanceof Error && "code" in error ? String(error.code) : "error"})`,
    };
  }
  return parseJsonText(text);
}

export function parseJsonText(text: string): ReadResult {
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch (error) {
    return { ok: false, message: describeJsonError(text, error) };
  }
}

function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const detail = message.replace(/ in JSON at position \d+.*$/, "").replace(/, ".*$/s, "");
  const offset = locateJsonError(text);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}: is not valid JSON: ${detail}`;
}
