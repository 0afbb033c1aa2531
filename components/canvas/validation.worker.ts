// Validation as you draw, off the page's main thread: a 2,000-node flow takes tens of milliseconds to
// validate, which would otherwise be taken from the first paint and from every keystroke in the inspector.
import { validateFlow } from "../../flows/validate/validateFlow";
import type { FlowDocument } from "../../flows";
import type { ScriptDocument } from "../../flows/scripts/scriptDocument";
import type { ValidationRequest, ValidationResponse } from "./validationMessages";

let flows = new Map<string, FlowDocument>();
let scripts: Map<string, ScriptDocument> | undefined;

addEventListener("message", (event: MessageEvent<ValidationRequest>) => {
  const message = event.data;
  if (message.type === "context") {
    flows = new Map(message.flows.map((flow) => [flow.key, flow]));
    scripts = message.scripts && new Map(message.scripts.map((script) => [script.key, script]));
    return;
  }
  const known = scripts;
  const { diagnostics } = validateFlow(message.document, { resolveFlow: (key) => flows.get(key), resolveScript: known && ((key) => known.get(key)) });
  postMessage({ id: message.id, diagnostics } satisfies ValidationResponse);
});
