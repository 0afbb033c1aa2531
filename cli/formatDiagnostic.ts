import type { Diagnostic } from "../flows/diagnostics";

/** `FILE: node ID: message`, as the contract prints diagnostics. */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  const where =
    diagnostic.nodeId !== undefined
      ? `node ${diagnostic.nodeId}: `
      : diagnostic.edgeId !== undefined
        ? `edge ${diagnostic.edgeId}: `
        : "";
  const warning = diagnostic.severity === "warning" ? "warning: " : "";
  return `${file}: ${where}${warning}${diagnostic.message}`;
}
