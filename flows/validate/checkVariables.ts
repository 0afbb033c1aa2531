import type { Diagnostic } from "../diagnostics";
import { errorAt } from "../diagnostics";
import type { FlowDocument, VariableDeclaration } from "../schema/flowDocument";

/** A default must have the variable's declared type. */
export function checkVariables(document: FlowDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [name, declaration] of Object.entries(document.variables)) {
    if (declaration.default === undefined || declaration.default === null) continue;
    if (!matchesType(declaration.default, declaration.type)) {
      diagnostics.push(
        errorAt(
          "BAD_DEFAULT",
          `Variable "${name}" is a ${declaration.type} but its default ${JSON.stringify(declaration.default)} is not.`,
          {
            path: `variables.${name}.default`,
            params: { variable: name, type: declaration.type, value: JSON.stringify(declaration.default) ?? "" },
          },
        ),
      );
    }
  }
  return diagnostics;
}

export function matchesType(value: unknown, type: VariableDeclaration["type"]): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case "datetime":
      return typeof value === "string" && !Number.isNaN(Date.parse(value));
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
  }
}
