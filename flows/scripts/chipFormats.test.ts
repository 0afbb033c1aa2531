import { describe, expect, it } from "vitest";
import { renderScript } from "./renderScript";
import type { ScriptDocument, TiptapNode } from "./scriptDocument";
import { chipFormatOfFilter, chipFormats } from "./chipFormats";

const withChip = (attrs: Record<string, unknown>): ScriptDocument => ({
  schema: "journey-studio/script@1",
  key: "k",
  name: "K",
  variants: [
    {
      channel: "sms",
      doc: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "到期：" },
              { type: "variable", attrs },
            ],
          },
        ],
      } satisfies TiptapNode,
    },
  ],
});
const render = (attrs: Record<string, unknown>, context: Record<string, unknown>) =>
  renderScript(withChip(attrs), { channel: "sms", context }).body;

describe("variable chip formats", () => {
  it("formats dates and numbers with the renderer's Liquid filters", () => {
    expect(render({ name: "due", format: "date-iso" }, { due: "2026-05-01T08:00:00Z" })).toBe("到期：2026-05-01");
    expect(render({ name: "due", format: "date-zh" }, { due: "2026-05-01T08:00:00Z" })).toBe("到期：2026年5月1日");
    expect(render({ name: "due", format: "date-en" }, { due: "2026-05-01T08:00:00Z" })).toBe("到期：May 1, 2026");
    expect(render({ name: "amount", format: "number-2" }, { amount: 12.345 })).toBe("到期：12.35");
    expect(render({ name: "amount", format: "number-2" }, { amount: "7" })).toBe("到期：7.00");
    expect(render({ name: "amount", format: "number-integer" }, { amount: 12.5 })).toBe("到期：13");
  });

  it("still renders the default when the value is missing, and ignores an unknown format", () => {
    expect(render({ name: "due", format: "date-zh", default: "待定" }, {})).toBe("到期：待定");
    expect(render({ name: "amount", format: "number-2", default: "—" }, {})).toBe("到期：—");
    expect(render({ name: "amount", format: "number-2", default: "—" }, { amount: "n/a" })).toBe("到期：—");
    expect(render({ name: "amount", format: "number-2" }, {})).toBe("到期：");
    expect(render({ name: "due", format: "| raw", default: "x" }, { due: "<b>" })).toBe("到期：<b>");
  });

  it("knows each format back from its filter text", () => {
    for (const [name, filter] of Object.entries(chipFormats)) expect(chipFormatOfFilter(filter)).toBe(name);
    expect(chipFormatOfFilter('date: "%Y-%m-%d"')).toBe("date-iso");
    expect(chipFormatOfFilter("date: '%H:%M'")).toBeUndefined();
  });
});
