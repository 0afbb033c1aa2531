import { describe, expect, it } from "vitest";
import { dwellBucket, dwellBucketUpper, histogramPercentile } from "./dwellBuckets";
import { DEFAULT_DRIVERS, pareto, tagComment, words } from "./driverTagging";
import { npsClass, npsScore } from "./surveyFigures";
import { normalCdf, twoProportionTest } from "./twoProportionTest";

describe("dwell histogram", () => {
  it("reads a percentile back at most 10% above the exact value", () => {
    for (const ms of [1, 7, 999, 41_000, 95_000, 86_400_000]) {
      const upper = dwellBucketUpper(dwellBucket(ms));
      expect(upper).toBeGreaterThanOrEqual(ms * 0.999);
      expect(upper).toBeLessThanOrEqual(ms * 1.1 + 1);
    }
    const histogram = new Map([
      [dwellBucket(0), 5],
      [dwellBucket(300_000), 1],
    ]);
    expect(histogramPercentile(histogram, 0.5)).toBe(0);
    expect(histogramPercentile(histogram, 0.9)).toBe(dwellBucketUpper(dwellBucket(300_000)));
    expect(histogramPercentile(new Map(), 0.5)).toBeNull();
  });
});

describe("NPS", () => {
  it("is % promoters − % detractors", () => {
    expect([10, 9, 8, 7, 6, 0].map(npsClass)).toEqual([
      "promoters",
      "promoters",
      "passives",
      "passives",
      "detractors",
      "detractors",
    ]);
    expect(npsScore({ promoters: 30, passives: 14, detractors: 16 })).toBe(23);
    expect(npsScore({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });
});

describe("driver tagging", () => {
  it("matches Chinese keywords as words (Intl.Segmenter), not as substrings", () => {
    expect(words("等待时间太长了", "zh")).toContain("等待");
    expect(tagComment("等待时间太长了，客服态度也不好", DEFAULT_DRIVERS)).toEqual(["waiting", "attitude"]);
    expect(tagComment("问题还是没解决", DEFAULT_DRIVERS)).toEqual(["unresolved"]);
    // "费用" is not the word of "浪费用户的时间" (浪费 / 用户): a substring search would say it is.
    expect("浪费用户的时间".includes("费用")).toBe(true);
    expect(tagComment("浪费用户的时间", DEFAULT_DRIVERS)).toEqual([]);
  });
  it("matches English keywords per word, and phrases as consecutive words", () => {
    expect(tagComment("I had to wait forever; the agent was rude.", DEFAULT_DRIVERS)).toEqual(["waiting", "attitude"]);
    expect(tagComment("The issue is not resolved", DEFAULT_DRIVERS)).toEqual(["unresolved"]);
    expect(tagComment("codes and passwords everywhere", DEFAULT_DRIVERS)).toEqual([]);
  });
  it("ranks drivers with the cumulative share (Pareto)", () => {
    expect(pareto([["waiting"], ["waiting", "fees"], ["attitude"], ["waiting"]])).toEqual([
      { driver: "waiting", count: 3, cumulative: 60 },
      { driver: "attitude", count: 1, cumulative: 80 },
      { driver: "fees", count: 1, cumulative: 100 },
    ]);
  });
});

describe("two-proportion z-test", () => {
  it("agrees with known values", () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
    // 45/100 against 30/100: pooled p = 0.375, se = 0.06847, z = 2.1909, p = 0.0285 (two-sided).
    const test = twoProportionTest(45, 100, 30, 100);
    expect(test?.z).toBeCloseTo(2.1909, 3);
    expect(test?.p).toBeCloseTo(0.0285, 3);
    expect(test?.significant).toBe(true);
    expect(twoProportionTest(52, 100, 48, 100)?.significant).toBe(false);
    expect(twoProportionTest(1, 0, 1, 10)).toBeNull();
  });
});
