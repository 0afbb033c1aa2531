#!/usr/bin/env node
// The `journey` command: loads the TypeScript CLI through tsx, so flows-as-code repositories need
// no build step.
import { register } from "tsx/esm/api";

register();
await import("../server/allowServerOnly.mjs"); // before any server module (see it)
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
