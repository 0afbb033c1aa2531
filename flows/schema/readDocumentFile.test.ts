import { describe, expect, it } from "vitest";
import { parseFlowDocument } from "./parseFlowDocument";
import { documentIssueLines, fitsDocumentLimit, MAX_DOCUMENT_BYTES, readDocumentText } from "./readDocumentFile";

describe("reading an imported document", () => {
  it("refuses more than 1 MiB, counting bytes (Chinese text is three bytes a character)", () => {
    const text = JSON.stringify({ name: "流".repeat(Math.ceil(MAX_DOCUMENT_BYTES / 3)) });
    expect(text.length).toBeLessThan(MAX_DOCUMENT_BYTES);
    expect(readDocumentText(text)).toEqual({ ok: false, problem: "too-large", bytes: expect.any(Number) });
    expect(fitsDocumentLimit(JSON.parse(text))).toBe(false);
    expect(fitsDocumentLimit({ a: 1 })).toBe(true);
  });

  it("says a file is not JSON instead of JSON.parse's message", () => {
    expect(readDocumentText("{ nodes: [")).toEqual({ ok: false, problem: "not-json" });
    expect(readDocumentText('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it("words schema issues with their path, a few at a time", () => {
    const parsed = parseFlowDocument({ schema: "journey-studio/flow@1", key: "k", nodes: [{ id: "a" }] });
    if (parsed.ok || parsed.reason === "migration") throw new Error("expected schema issues");
    const lines = documentIssueLines(parsed.issues, 2);
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines[0]).toMatch(/^[\w.[\]]+ (is missing|must be|has|needs|does not)/);
  });
});
