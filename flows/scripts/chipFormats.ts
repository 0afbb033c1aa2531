// How a variable chip may format its value: Liquid's `date` filter and the renderer's `number`
// filter (scriptLiquid.ts), named so the editor offers a choice instead of a filter to type. A chip stores the name
// (`attrs.format`); docToTemplate and the editor's text form write the filter.

export const chipFormats = {
  "date-iso": "date: '%Y-%m-%d'",
  "date-zh": "date: '%Y年%-m月%-d日'",
  "date-en": "date: '%b %-d, %Y'",
  "number-integer": "number: 0",
  "number-2": "number: 2",
} as const;

export type ChipFormat = keyof typeof chipFormats;
export const chipFormatNames = Object.keys(chipFormats) as ChipFormat[];

export function isChipFormat(value: unknown): value is ChipFormat {
  return typeof value === "string" && Object.hasOwn(chipFormats, value);
}

/** The chip format whose Liquid filter is exactly `filter` (whitespace-insensitive), if any. */
export function chipFormatOfFilter(filter: string): ChipFormat | undefined {
  const squash = (s: string) => s.replace(/\s+/g, "").replaceAll('"', "'");
  return chipFormatNames.find((name) => squash(chipFormats[name]) === squash(filter));
}
