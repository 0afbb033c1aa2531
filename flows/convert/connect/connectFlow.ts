import { z } from "zod";

export const connectConditionSchema = z.looseObject({
  NextAction: z.string().optional(),
  Condition: z.looseObject({
    Operator: z.string(),
    Operands: z
      .array(z.unknown())
      .default([])
      .transform((operands) => operands.map((o) => (typeof o === "string" ? o : JSON.stringify(o)))),
  }),
});

export const connectErrorSchema = z.looseObject({ NextAction: z.string().optional(), ErrorType: z.string() });

export const connectActionSchema = z.looseObject({
  Identifier: z.string().min(1),
  Type: z.string().min(1),
  Parameters: z.record(z.string(), z.unknown()).default({}),
  Transitions: z
    .looseObject({
      NextAction: z.string().optional(),
      Conditions: z.array(connectConditionSchema).default([]),
      Errors: z.array(connectErrorSchema).default([]),
    })
    .default({ Conditions: [], Errors: [] }),
});
export type ConnectAction = z.infer<typeof connectActionSchema>;

/** A position, or nothing when the export's is not one (layout is kept when it can be). */
const positionSchema = z.unknown().transform((value) => {
  if (typeof value !== "object" || value === null) return undefined;
  const { x, y } = value as { x?: unknown; y?: unknown };
  return typeof x === "number" && typeof y === "number" && Number.isFinite(x) && Number.isFinite(y)
    ? { x, y }
    : undefined;
});

/** An Amazon Connect contact flow in the flow language (Version 2019-10-30). */
export const connectFlowSchema = z.looseObject({
  Version: z.literal("2019-10-30"),
  StartAction: z.string().min(1),
  Actions: z.array(connectActionSchema).min(1),
  Metadata: z
    .looseObject({
      name: z.string().optional(),
      description: z.string().optional(),
      entryPointPosition: positionSchema,
      ActionMetadata: z
        .record(z.string(), z.unknown())
        .transform((entries) =>
          Object.fromEntries(
            Object.entries(entries).map(([id, entry]) => [
              id,
              {
                position: positionSchema.parse(
                  typeof entry === "object" && entry !== null ? (entry as { position?: unknown }).position : undefined,
                ),
              },
            ]),
          ),
        )
        .optional(),
    })
    .optional(),
});
export type ConnectFlow = z.infer<typeof connectFlowSchema>;

/**
 * The flow itself, or as the console and the API export it: the flow as an escaped JSON string in
 * `Content`, at the top or inside `ContactFlow` / `ContactFlowModule` (DescribeContactFlow), with its `Name`.
 */
export function unwrapConnect(
  input: unknown,
): { flow: unknown; name?: string; description?: string; contentError?: string } | undefined {
  if (!isObject(input)) return undefined;
  if ("Actions" in input || "StartAction" in input) return { flow: input };
  const holder = isObject(input.ContactFlow)
    ? input.ContactFlow
    : isObject(input.ContactFlowModule)
      ? input.ContactFlowModule
      : input;
  const content = holder.Content;
  if (typeof content === "string") {
    try {
      JSON.parse(content);
    } catch (error) {
      return { flow: undefined, contentError: error instanceof Error ? error.message : String(error) };
    }
  }
  const flow = typeof content === "string" ? parseOrUndefined(content) : content;
  if (!isObject(flow)) return undefined;
  const name = typeof holder.Name === "string" ? holder.Name : undefined;
  const description = typeof holder.Description === "string" ? holder.Description : undefined;
  return { flow, ...(name ? { name } : {}), ...(description ? { description } : {}) };
}

export function looksLikeConnect(input: unknown): boolean {
  const unwrapped = unwrapConnect(input);
  return (
    unwrapped !== undefined &&
    isObject(unwrapped.flow) &&
    ("Actions" in unwrapped.flow || "StartAction" in unwrapped.flow)
  );
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
