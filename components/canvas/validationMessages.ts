import type { Diagnostic, FlowDocument } from "../../flows";
import type { ScriptDocument } from "../../flows/scripts/scriptDocument";

/** What the canvas sends its validation worker: what the flow may call, then each version of the draft. */
export type ValidationRequest =
  | { type: "context"; flows: FlowDocument[]; scripts: ScriptDocument[] | undefined; segments: string[] | undefined }
  | { type: "validate"; id: number; document: FlowDocument };

export type ValidationResponse = { id: number; diagnostics: Diagnostic[] };
