import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  defaultVars,
  fieldText,
  fieldValue,
  isCalendarDate,
  parseSimulationInputText,
  simulationInputText,
  withField,
} from "./simulationInput";
import type { VariableType } from "./simulationInput";

describe("the simulator's input", () => {
  it("starts from the declared defaults, leaving out variables without one", () => {
    expect(
      defaultVars({
        amount: { type: "number", default: 0 },
        hasToken: { type: "boolean", default: false },
        csat: { type: "number" },
      }),
    ).toEqual({ amount: 0, hasToken: false });
  });

  it("reads a form field as its variable's type, and refuses text that is not one", () => {
    const cases: [VariableType, string, unknown][] = [
      ["string", " 王芳 ", " 王芳 "],
      ["number", "60000.5", 60000.5],
      ["integer", "3", 3],
      ["boolean", "true", true],
      ["date", "2026-02-28", "2026-02-28"],
      ["datetime", "2026-01-05 09:30", "2026-01-05T09:30:00Z"],
      ["object", '{"a":1}', { a: 1 }],
      ["array", "[1,2]", [1, 2]],
    ];
    for (const [type, text, value] of cases)
      expect(fieldValue(type, text), `${type} ${text}`).toEqual({ ok: true, value });
    for (const [type, text] of [
      ["number", "12abc"],
      ["integer", "1.5"],
      ["boolean", "yes"],
      ["date", "2026-02-30"],
      ["date", "05/01/2026"],
      ["datetime", "2026-01-05"],
      ["object", "[1]"],
      ["array", "{"],
    ] as const)
      expect(fieldValue(type, text), `${type} ${text}`).toEqual({ ok: false });
    expect(fieldValue("number", "  ")).toEqual({ ok: true, value: undefined });
  });

  it("shows a value in its field so that reading the field gives the value back", () => {
    const typed: [VariableType, fc.Arbitrary<unknown>][] = [
      ["string", fc.string({ minLength: 1 }).filter((s) => s.trim() !== "")],
      ["number", fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0))],
      ["integer", fc.integer()],
      ["boolean", fc.boolean()],
      [
        "date",
        fc
          .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      ],
      [
        "datetime",
        fc
          .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
          .map((d) => `${d.toISOString().slice(0, 16)}:00Z`),
      ],
      ["array", fc.array(fc.integer())],
      ["object", fc.dictionary(fc.string(), fc.integer())],
    ];
    for (const [type, values] of typed)
      fc.assert(
        fc.property(values, (value) => {
          expect(fieldValue(type, fieldText(type, value as never))).toEqual({ ok: true, value });
        }),
      );
  });

  it("keeps the form and the JSON text in step", () => {
    const input = withField(
      withField({ vars: { amount: 0 }, customer: {} }, "vars", "amount", 60000),
      "customer",
      "name",
      "王芳",
    );
    expect(parseSimulationInputText(simulationInputText(input))).toEqual({ ok: true, input });
    expect(withField(input, "vars", "amount", undefined).vars).toEqual({});
  });

  it("reads plain variables as vars, and names what is wrong with other text", () => {
    expect(parseSimulationInputText('{"amount": 5}')).toEqual({
      ok: true,
      input: { vars: { amount: 5 }, customer: {} },
    });
    expect(parseSimulationInputText("")).toEqual({ ok: true, input: { vars: {}, customer: {} } });
    expect(parseSimulationInputText("{")).toEqual({ ok: false, problem: "not-json" });
    expect(parseSimulationInputText("[1]")).toEqual({ ok: false, problem: "not-object" });
    expect(parseSimulationInputText('{"vars": {}, "extra": 1}')).toEqual({
      ok: false,
      problem: "unknown-key",
      key: "extra",
    });
    expect(parseSimulationInputText('{"customer": 3}')).toEqual({ ok: false, problem: "not-object", key: "customer" });
  });

  it("knows the days that exist", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-13-01")).toBe(false);
  });
});
