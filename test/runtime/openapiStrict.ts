// Object schemas that do not say otherwise take no properties beyond those they list: how the OpenAPI
// tests check that answers and webhook deliveries carry nothing the document leaves out.
export function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === "properties"
        ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strict(v)]))
        : strict(value);
  }
  if (out.type === "object" && out.properties !== undefined && !("additionalProperties" in out))
    out.additionalProperties = false;
  return out;
}
