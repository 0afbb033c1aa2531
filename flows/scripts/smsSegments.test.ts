import { describe, expect, it } from "vitest";
import { countSmsSegments } from "./smsSegments";

describe("countSmsSegments", () => {
  it("GSM-7: 160 septets in one segment, 153 a segment beyond", () => {
    expect(countSmsSegments("a".repeat(160))).toEqual({ encoding: "gsm7", units: 160, segments: 1 });
    expect(countSmsSegments("a".repeat(161))).toEqual({ encoding: "gsm7", units: 161, segments: 2 });
    expect(countSmsSegments("a".repeat(306)).segments).toBe(2);
    expect(countSmsSegments("a".repeat(307)).segments).toBe(3);
    expect(countSmsSegments("Reply STOP to opt out @£$¥èé ÄÖÑÜ§¿").encoding).toBe("gsm7");
  });

  it("GSM-7 extension characters count two and never straddle segments", () => {
    expect(countSmsSegments("€".repeat(80))).toEqual({ encoding: "gsm7", units: 160, segments: 1 });
    expect(countSmsSegments("€".repeat(81))).toEqual({ encoding: "gsm7", units: 162, segments: 2 });
    expect(countSmsSegments("{}[]~|^\\").units).toBe(16);
    // 152 + 2 + 152 = 306 septets: 2 segments by division, 3 because the € cannot be split
    expect(countSmsSegments("a".repeat(152) + "€" + "a".repeat(152)).segments).toBe(3);
  });

  it("UCS-2: any character outside GSM-7 (Chinese) makes it 70, or 67 a segment", () => {
    expect(countSmsSegments("生".repeat(70))).toEqual({ encoding: "ucs2", units: 70, segments: 1 });
    expect(countSmsSegments("生".repeat(71))).toEqual({ encoding: "ucs2", units: 71, segments: 2 });
    expect(countSmsSegments("生".repeat(134)).segments).toBe(2);
    expect(countSmsSegments("生".repeat(135)).segments).toBe(3);
    expect(countSmsSegments("a".repeat(69) + "，")).toEqual({ encoding: "ucs2", units: 70, segments: 1 });
  });

  it("UCS-2: an emoji is two code units and is not split", () => {
    expect(countSmsSegments("😀".repeat(35))).toEqual({ encoding: "ucs2", units: 70, segments: 1 });
    expect(countSmsSegments("a".repeat(66) + "😀" + "a".repeat(66)).segments).toBe(3);
    expect(countSmsSegments("").segments).toBe(0);
  });
});
