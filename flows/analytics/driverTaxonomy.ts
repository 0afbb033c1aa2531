// The drivers taxonomy as the studio edits it: one entry per driver with its label and keywords in each
// studio locale, and the checks the editor runs as you type and the server runs again on save. The
// stored form is one `DriverRule` per driver and locale (driverTagging.ts).
import { z } from "zod";
import { words, type DriverRule } from "./driverTagging";

export const driverLocales = ["en", "zh"] as const;
export type DriverLocale = (typeof driverLocales)[number];

const perLocale = <T extends z.ZodType>(schema: T) => z.object({ en: schema, zh: schema });

/** What the editor sends; the content checks (`taxonomyIssues`) come on top of these bounds. */
export const driverEntrySchema = z.object({
  driver: z.string().max(40),
  labels: perLocale(z.string().max(60)),
  keywords: perLocale(z.array(z.string().max(60)).max(50)),
});
export type DriverEntry = z.infer<typeof driverEntrySchema>;

export const driverTaxonomySchema = z.array(driverEntrySchema).max(100);

export type TaxonomyIssueCode =
  | "DRIVER_EMPTY"
  | "DRIVER_INVALID"
  | "DRIVER_DUPLICATE"
  | "LABEL_EMPTY"
  | "KEYWORD_EMPTY"
  | "KEYWORD_NO_WORDS"
  | "NO_KEYWORDS"
  | "TAXONOMY_EMPTY";

export type TaxonomyIssue = {
  code: TaxonomyIssueCode;
  /** The driver's position in the list (absent for the list as a whole). */
  index?: number;
  locale?: DriverLocale;
  /** The offending value (the duplicate id, the keyword that matches no word). */
  value?: string;
};

const DRIVER_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Everything wrong with a taxonomy, in list order; [] when it may be saved. */
export function taxonomyIssues(entries: readonly DriverEntry[]): TaxonomyIssue[] {
  const issues: TaxonomyIssue[] = [];
  if (entries.length === 0) issues.push({ code: "TAXONOMY_EMPTY" });
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const driver = entry.driver.trim();
    if (driver === "") issues.push({ code: "DRIVER_EMPTY", index });
    else if (!DRIVER_ID.test(driver)) issues.push({ code: "DRIVER_INVALID", index, value: driver });
    else if (seen.has(driver)) issues.push({ code: "DRIVER_DUPLICATE", index, value: driver });
    seen.add(driver);
    let keywords = 0;
    for (const locale of driverLocales) {
      if (entry.labels[locale].trim() === "") issues.push({ code: "LABEL_EMPTY", index, locale });
      for (const keyword of entry.keywords[locale]) {
        if (keyword.trim() === "") issues.push({ code: "KEYWORD_EMPTY", index, locale });
        else if (words(keyword, locale).length === 0)
          issues.push({ code: "KEYWORD_NO_WORDS", index, locale, value: keyword });
        else keywords++;
      }
    }
    if (keywords === 0) issues.push({ code: "NO_KEYWORDS", index });
  });
  return issues;
}

/** Keywords as typed in one box: separated by commas (`,`, `，`, `、`) or lines; one trailing separator is ignored. */
export function parseKeywords(text: string): string[] {
  const parts = text.split(/[,，、\n]/).map((k) => k.trim());
  if (parts.length > 1 && parts.at(-1) === "") parts.pop();
  return parts.length === 1 && parts[0] === "" ? [] : parts;
}

/** The entries as stored rules: one per driver and locale, keywords trimmed and each once. */
export function taxonomyRules(entries: readonly DriverEntry[]): DriverRule[] {
  return entries.flatMap((entry) =>
    driverLocales.map((locale) => ({
      driver: entry.driver.trim(),
      locale,
      label: entry.labels[locale].trim(),
      keywords: [...new Set(entry.keywords[locale].map((k) => k.trim()).filter((k) => k !== ""))],
    })),
  );
}

/** Stored rules as editor entries, in the order of their first rule; a locale without a rule is empty. */
export function taxonomyEntries(rules: readonly DriverRule[]): DriverEntry[] {
  const entries = new Map<string, DriverEntry>();
  for (const rule of rules) {
    const locale = driverLocales.find((l) => rule.locale.slice(0, 2).toLowerCase() === l);
    if (!locale) continue;
    const entry = entries.get(rule.driver) ?? {
      driver: rule.driver,
      labels: { en: "", zh: "" },
      keywords: { en: [], zh: [] },
    };
    entries.set(rule.driver, entry);
    entry.labels[locale] = rule.label;
    entry.keywords[locale] = [...rule.keywords];
  }
  return [...entries.values()];
}
