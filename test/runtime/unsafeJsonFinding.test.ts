import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, unsafeJsonFinding } from "../../server/http/refuseUnsafeInput";

describe("unsafeJsonFinding", () => {
  it("passes plain JSON", () => {
    expect(unsafeJsonFinding({ type: "tick", data: { a: [1, "x", null, { b: true }] } })).toBeUndefined();
  });

  it("names where the first unsafe thing is", () => {
    expect(unsafeJsonFinding("a\u0000")).toEqual({ path: "", message: expect.any(String), code: "nul_character" });
    expect(unsafeJsonFinding({ data: { list: [1, { note: "a\u0000b" }] } })).toMatchObject({
      path: "data.list.1.note",
      code: "nul_character",
    });
    expect(unsafeJsonFinding(JSON.parse('{"context":{"__proto__":{"x":1}}}'))).toMatchObject({
      path: "context.__proto__",
      code: "reserved_key",
    });
    expect(unsafeJsonFinding({ a: { "b\u0000": 1 } })).toMatchObject({ path: "a.b\u0000", code: "nul_character" });
    expect(unsafeJsonFinding({ ok: 1, later: ["\u0000"] })).toMatchObject({ path: "later.0" });
  });

  it("refuses nesting deeper than the limit, not at it", () => {
    const nest = (levels: number): unknown => (levels === 0 ? 1 : { n: nest(levels - 1) });
    expect(unsafeJsonFinding(nest(MAX_JSON_DEPTH))).toBeUndefined();
    const deep = unsafeJsonFinding(nest(MAX_JSON_DEPTH + 1));
    expect(deep?.code).toBe("too_deep");
    expect(deep?.path.split(".")).toHaveLength(MAX_JSON_DEPTH);
  });
});
