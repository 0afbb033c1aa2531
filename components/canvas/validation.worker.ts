// Validation as you draw, off the page's main thread: a 2,000-node flow takes tens of milliseconds to
// validate, which would otherwise be taken from the first paint and from every keystroke in the inspector.
import { validateFlow } from "../../flows/validate/validateFlow";
import { resolversFor } from "./resolvers";
import type { ValidationRequest, ValidationResponse } from "./validationMessages";

let resolvers = resolversFor([]);

addEventListener("message", (event: MessageEvent<ValidationRequest>) => {
  const message = event.data;
  if (message.type === "context") {
    resolvers = resolversFor(message.flows, message.scripts, message.segments);
    return;
  }
  const { diagnostics } = validateFlow(message.document, resolvers);
  postMessage({ id: message.id, diagnostics } satisfies ValidationResponse);
});
