import type { Diagnostic } from "../diagnostics";
import type { FlowDocument } from "../schema/flowDocument";
import { analyseFlow } from "./analyseFlow";
import type { AnalyseOptions } from "./analyseFlow";

export type ValidationResult = { document?: FlowDocument; diagnostics: Diagnostic[] };

/** Checks anything claimed to be a flow document; the same code runs in the browser and the server. */
export function validateFlow(input: unknown, options: AnalyseOptions = {}): ValidationResult {
  const { document, diagnostics } = analyseFlow(input, options);
  return { document, diagnostics };
}
