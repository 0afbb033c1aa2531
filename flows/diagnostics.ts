export type Severity = "error" | "warning";

/** A finding about a flow document that a person can act on; the canvas paints it on `nodeId`. */
export type Diagnostic = {
  nodeId?: string;
  edgeId?: string;
  code: string;
  severity: Severity;
  message: string;
  /** JSON path inside the document, when the finding is about one field. */
  path?: string;
  /**
   * The values `message` is made of, for findings a user interface may word in another language (keyed
   * by code, and by code and severity); a finding without them is shown by its message.
   */
  params?: Record<string, string>;
};

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

export function errorAt(
  code: string,
  message: string,
  where: Omit<Diagnostic, "code" | "message" | "severity"> = {},
): Diagnostic {
  return { ...where, code, severity: "error", message };
}

export function warningAt(
  code: string,
  message: string,
  where: Omit<Diagnostic, "code" | "message" | "severity"> = {},
): Diagnostic {
  return { ...where, code, severity: "warning", message };
}
