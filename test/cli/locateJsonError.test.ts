import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { locateJsonError } from "../../cli/locateJsonError";

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe("locateJsonError", () => {
  it("agrees with JSON.parse on what is valid", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(locateJsonError(text)).toBe(text.length);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const offset = locateJsonError(text);
        if (parses(text)) expect(offset).toBe(text.length);
        else expect(offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it("points at the offending character", () => {
    expect(locateJsonError('{"a": oops}')).toBe(6);
    expect(locateJsonError("[1, 2,]")).toBe(6);
    expect(locateJsonError('{"a": 1')).toBe(7);
  });
});
