import { describe, expect, it } from "vitest";
import { DEFAULT_DRIVERS, tagComment } from "./driverTagging";
import { parseKeywords, taxonomyEntries, taxonomyIssues, taxonomyRules } from "./driverTaxonomy";

describe("the drivers taxonomy", () => {
  it("turns stored rules into editor entries and back", () => {
    const entries = taxonomyEntries(DEFAULT_DRIVERS);
    expect(entries.map((e) => e.driver)).toEqual(["waiting", "attitude", "unresolved", "verification", "fees"]);
    expect(entries[4]).toEqual({
      driver: "fees",
      labels: { en: "Fees", zh: "费用" },
      keywords: { en: ["fee", "fees", "charge", "charged"], zh: ["手续费", "收费", "费用"] },
    });
    const rules = taxonomyRules(entries);
    for (const comment of ["排队太久", "The fee was high", "浪费用户的时间", "rude and slow"])
      expect(tagComment(comment, rules)).toEqual(tagComment(comment, DEFAULT_DRIVERS));
    expect(taxonomyIssues(entries)).toEqual([]);
  });

  it("trims keywords and keeps each once", () => {
    const [en] = taxonomyRules([
      { driver: " queue ", labels: { en: " Queue ", zh: "排队" }, keywords: { en: [" hold ", "hold"], zh: [] } },
    ]);
    expect(en).toEqual({ driver: "queue", locale: "en", label: "Queue", keywords: ["hold"] });
  });

  it("reads keywords typed with either language's commas, ignoring one trailing separator", () => {
    expect(parseKeywords("wait, slow ,queue")).toEqual(["wait", "slow", "queue"]);
    expect(parseKeywords("等待，排队、太久,")).toEqual(["等待", "排队", "太久"]);
    expect(parseKeywords("")).toEqual([]);
    expect(parseKeywords("wait,,slow")).toEqual(["wait", "", "slow"]);
    expect(
      taxonomyIssues([
        { driver: "w", labels: { en: "W", zh: "W" }, keywords: { en: parseKeywords("wait,,slow"), zh: [] } },
      ]),
    ).toEqual([{ code: "KEYWORD_EMPTY", index: 0, locale: "en" }]);
  });

  it("wants at least one driver, and an id of lower-case letters, digits and dashes", () => {
    expect(taxonomyIssues([])).toEqual([{ code: "TAXONOMY_EMPTY" }]);
    expect(
      taxonomyIssues([{ driver: "Wait Time", labels: { en: "W", zh: "W" }, keywords: { en: ["wait"], zh: [] } }]),
    ).toEqual([{ code: "DRIVER_INVALID", index: 0, value: "Wait Time" }]);
  });
});
