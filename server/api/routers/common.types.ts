// Response schemas several routers share: zod and flows/ only, so the browser may import them too.
import { z } from "zod";
import type { MachineJson } from "../../../flows/compile/machineJson";
import { FLOW_SCHEMA, type FlowDocument } from "../../../flows/schema/flowDocument";
import type { ScriptDocument } from "../../../flows/scripts/scriptDocument";

/** A validator finding (flows/diagnostics.ts). */
export const diagnosticOutput = z.object({
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  path: z.string().optional(),
  params: z.record(z.string(), z.string()).optional(),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A flow document the service has parsed already (flowDocumentSchema, when it read the row): checked
 * for its schema tag and graph, not parsed a second time (that would double the cost of answering
 * with a 2,000-node flow), and passed on unchanged.
 */
export const flowDocumentOutput = z.custom<FlowDocument>(
  (value) =>
    isRecord(value) && value.schema === FLOW_SCHEMA && Array.isArray(value.nodes) && Array.isArray(value.edges),
  { message: `expected a ${FLOW_SCHEMA} document` },
);

/** A script document the service has parsed already (parseScriptDocument): checked for its tag, passed on unchanged. */
export const scriptDocumentOutput = z.custom<ScriptDocument>(
  (value) => isRecord(value) && value.schema === "journey-studio/script@1" && Array.isArray(value.variants),
  { message: "expected a journey-studio/script@1 document" },
);

/** The compiler's XState machine config (JSON, flows/compile/machineJson.ts), passed on unchanged. */
export const machineOutput = z.custom<MachineJson>(
  (value) => isRecord(value) && typeof value.id === "string" && isRecord(value.states),
  { message: "expected a compiled machine config" },
);

/** For procedures that answer nothing. */
export const noOutput = z.void();
