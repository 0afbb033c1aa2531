// `import "server-only"` opens every server module, so that a browser bundle that reaches one fails to
// build. The package throws unless it is resolved under the `react-server` condition: Next does that
// itself for the modules it bundles; everything that runs server code on plain Node (tsx server/main.ts,
// bin/journey.js, npm run db:migrate, bench/runtime.ts) imports this module first, which resolves that
// one package, and only it, under `react-server` (to its empty module). Not `node --conditions=react-server`:
// that would hand React and react-dom their server-component builds in the process that also runs
// Next's request handler. Vitest aliases the package to the same empty module (vitest.config.ts).
//
// This module must run before any server module is loaded: entry points import it, then load the rest
// with `await import(…)` (static imports are all resolved before the first line runs).
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      `export async function resolve(specifier, context, nextResolve) {
        if (specifier !== "server-only") return nextResolve(specifier, context);
        return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
      }`,
    ),
  import.meta.url,
);
