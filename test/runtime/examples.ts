// The example journeys and their recorded runs (flows/examples/runs/manifest.json), for end-to-end tests.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { JsonValue } from "../../flows";

export const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "flows", "examples");

export type ExampleRun = {
  flow: string;
  events: string;
  context?: { [name: string]: JsonValue };
  customer?: { [name: string]: JsonValue };
  expect: { outcome: string; passes: string[] };
};

export type RunLine = { type: string; data?: { [key: string]: JsonValue } } | { advance: string };

export function exampleRuns(): ExampleRun[] {
  return JSON.parse(readFileSync(path.join(examplesDir, "runs", "manifest.json"), "utf8")) as ExampleRun[];
}

export function runLines(run: ExampleRun): RunLine[] {
  return readFileSync(path.join(examplesDir, "runs", run.events), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as RunLine);
}

export function exampleDocument(key: string): { channels: string[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(examplesDir, `${key}.json`), "utf8")) as { channels: string[] } & Record<
    string,
    unknown
  >;
}

/** The customer profile fields a run names, split into PUT /customers' shape. */
export function customerProfile(customer: { [name: string]: JsonValue } = {}) {
  const { name, birthday, preferredChannel, ...attributes } = customer;
  return {
    ...(typeof name === "string" ? { name } : {}),
    ...(typeof birthday === "string" ? { birthday } : {}),
    ...(typeof preferredChannel === "string" ? { preferredChannel } : {}),
    attributes,
  };
}
