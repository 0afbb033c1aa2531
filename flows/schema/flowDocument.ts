import { z } from "zod";
import { channelSchema, eventNameSchema } from "./common";

export const FLOW_SCHEMA = "journey-studio/flow@1";

/** Names the expression language keeps for itself; a variable may not take them. */
export const reservedVariableNames = new Set(["customer", "true", "false", "null", "and", "or", "not", "in"]);

export const variableTypes = ["string", "number", "integer", "boolean", "date", "datetime", "object", "array"] as const;

export const variableDeclarationSchema = z.object({
  type: z.enum(variableTypes),
  default: z.unknown().optional(),
  description: z.string().optional(),
});
export type VariableDeclaration = z.infer<typeof variableDeclarationSchema>;

export const variableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must start with a letter or '_' and hold only letters, digits and '_'")
  .refine((name) => !reservedVariableNames.has(name), { message: "is a reserved word" });

export const positionSchema = z.object({ x: z.number(), y: z.number() });

/**
 * A node as React Flow stores it. `data` is checked against the node type's own schema by the
 * validator, so that one bad node yields a diagnostic on that node instead of rejecting the file.
 */
export const flowNodeSchema = z.looseObject({
  id: z.string().min(1, "node id is empty"),
  type: z.string().min(1, "node type is empty"),
  position: positionSchema,
  data: z.record(z.string(), z.unknown()).default({}),
});
export type FlowNode = z.infer<typeof flowNodeSchema>;

export const edgeDataSchema = z.looseObject({
  event: eventNameSchema.optional(),
  label: z.string().optional(),
});

export const flowEdgeSchema = z.looseObject({
  id: z.string().min(1, "edge id is empty"),
  source: z.string().min(1),
  target: z.string().min(1),
  sourceHandle: z.string().nullish(),
  targetHandle: z.string().nullish(),
  data: edgeDataSchema.optional(),
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

export const flowKeySchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    "must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit",
  );

export const flowDocumentSchema = z.object({
  schema: z.literal(FLOW_SCHEMA),
  key: flowKeySchema,
  name: z.string().min(1, "is empty"),
  description: z.string().optional(),
  kind: z.enum(["sop", "mot"]),
  channels: z.array(channelSchema).min(1, "needs at least one channel"),
  variables: z.record(variableNameSchema, variableDeclarationSchema).default({}),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema).default([]),
});
export type FlowDocument = z.infer<typeof flowDocumentSchema>;
export type FlowDocumentInput = z.input<typeof flowDocumentSchema>;

/** Finds a flow document by key (and version) for subflow calls; undefined when there is none. */
export type FlowResolver = (key: string, version?: number | "latest") => FlowDocument | undefined;
