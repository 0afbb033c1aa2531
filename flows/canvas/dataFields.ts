import { z } from "zod";
import { nodeDefinition } from "../nodes/registry";

/**
 * A form field derived from a node type's zod schema (through its JSON Schema), so the inspector's
 * forms follow the language: a new field or enum value appears without touching the canvas.
 */
export type DataField =
  | { kind: "text"; name: string; required: boolean; pattern?: string }
  | { kind: "number"; name: string; required: boolean; integer: boolean; min?: number; max?: number }
  | { kind: "boolean"; name: string; required: boolean; defaultValue?: boolean }
  | { kind: "select"; name: string; required: boolean; options: string[] }
  | { kind: "multiSelect"; name: string; required: boolean; options: string[] }
  | { kind: "list"; name: string; required: boolean; itemFields: DataField[] }
  | { kind: "map"; name: string; required: boolean }
  | {
      kind: "variant";
      name: string;
      required: boolean;
      tag: string;
      variants: Array<{ value: string; fields: DataField[] }>;
    }
  | { kind: "numberOrWord"; name: string; required: boolean; words: string[] };

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
};

const cache = new Map<string, DataField[]>();

/** The fields of a node type's data, in the schema's order; empty for an unknown type. */
export function dataFieldsFor(type: string): DataField[] {
  const cached = cache.get(type);
  if (cached) return cached;
  const definition = nodeDefinition(type);
  if (!definition) return [];
  const schema = z.toJSONSchema(definition.dataSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const fields = objectFields(schema);
  cache.set(type, fields);
  return fields;
}

function objectFields(schema: JsonSchema): DataField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const field = toField(name, property, required.has(name));
    return field ? [field] : [];
  });
}

function toField(name: string, schema: JsonSchema, required: boolean): DataField | undefined {
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) {
    const words = variants.flatMap((v) => (typeof v.const === "string" ? [v.const] : []));
    const enums = variants.flatMap((v) => (v.enum ?? []).filter((e): e is string => typeof e === "string"));
    if (variants.every((v) => v.type === "object")) {
      const tag = Object.keys(variants[0]?.properties ?? {}).find((key) =>
        variants.every((v) => typeof v.properties?.[key]?.const === "string"),
      );
      if (tag) {
        return {
          kind: "variant",
          name,
          required: required || schema.default !== undefined,
          tag,
          variants: variants.map((v) => ({
            value: String(v.properties?.[tag]?.const),
            fields: objectFields(v).filter((f) => f.name !== tag),
          })),
        };
      }
    }
    if (variants.some((v) => v.type === "integer" || v.type === "number"))
      return { kind: "numberOrWord", name, required, words };
    return { kind: "select", name, required, options: [...enums, ...words] };
  }
  if (schema.enum)
    return { kind: "select", name, required, options: schema.enum.filter((e): e is string => typeof e === "string") };
  switch (schema.type) {
    case "string":
      return { kind: "text", name, required, ...(schema.pattern ? { pattern: schema.pattern } : {}) };
    case "integer":
    case "number":
      return {
        kind: "number",
        name,
        required,
        integer: schema.type === "integer",
        ...(schema.minimum !== undefined && Math.abs(schema.minimum) < 1e15 ? { min: schema.minimum } : {}),
        ...(schema.maximum !== undefined && Math.abs(schema.maximum) < 1e15 ? { max: schema.maximum } : {}),
      };
    case "boolean":
      return {
        kind: "boolean",
        name,
        required,
        ...(typeof schema.default === "boolean" ? { defaultValue: schema.default } : {}),
      };
    case "array": {
      const items = schema.items ?? {};
      if (items.enum)
        return {
          kind: "multiSelect",
          name,
          required,
          options: items.enum.filter((e): e is string => typeof e === "string"),
        };
      if (items.type === "object") return { kind: "list", name, required, itemFields: objectFields(items) };
      return { kind: "list", name, required, itemFields: [{ kind: "text", name: "value", required: true }] };
    }
    case "object":
      return { kind: "map", name, required };
    default:
      return { kind: "text", name, required };
  }
}

/** Sets (or, with undefined, removes) one field of a node's data, returning new data. */
export function withField(data: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  const next = { ...data };
  if (value === undefined) delete next[name];
  else next[name] = value;
  return next;
}
