import type { z } from "zod";

/** Turns a zod issue into the end of a plain-English sentence ("is missing", "must be …"). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "is missing" : `must be ${article(issue.expected)}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union":
      return "does not match any allowed shape";
    case "too_small":
      return issue.origin === "array"
        ? `needs at least ${issue.minimum} item(s)`
        : issue.origin === "string"
          ? "is empty"
          : `must be at least ${issue.minimum}`;
    case "too_big":
      return `must be at most ${issue.maximum}`;
    case "unrecognized_keys":
      return `has unknown field(s) ${issue.keys.join(", ")}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * The same issue as a finding's params (`issue` the kind, with the values its sentence is made of), so a
 * user interface can word it in another language (components/i18n/diagnosticTexts.ts).
 */
export function issueParams(issue: z.core.$ZodIssue): Record<string, string> {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? { issue: "missing" } : { issue: "type", expected: issue.expected };
    case "invalid_value":
      return { issue: "value", values: issue.values.map((v) => JSON.stringify(v)).join(", ") };
    case "invalid_union":
      return { issue: "union" };
    case "too_small":
      return issue.origin === "array"
        ? { issue: "too-few", minimum: String(issue.minimum) }
        : issue.origin === "string"
          ? { issue: "empty" }
          : { issue: "too-small", minimum: String(issue.minimum) };
    case "too_big":
      return { issue: "too-big", maximum: String(issue.maximum) };
    case "unrecognized_keys":
      return { issue: "unknown-keys", keys: issue.keys.join(", ") };
    default: {
      // The flow language's own refinements (flows/schema, flows/nodes), known by their English words.
      for (const [pattern, kind] of ownIssues) {
        const match = pattern.exec(issue.message);
        if (match) return { issue: kind, ...(match.groups ?? {}) };
      }
      return { issue: "other", text: issue.message };
    }
  }
}

const ownIssues: readonly (readonly [RegExp, string])[] = [
  [/^is not an ISO 8601 duration/, "duration"],
  [/^is longer than (?<years>\d+) years$/, "duration-too-long"],
  [/^must be letters, digits/, "event-name"],
  [/^must not start with 'timer\.' or 'xstate\.'/, "event-reserved"],
  [/^has two options with the same value$/, "duplicate-option"],
  [/^"else" is taken by the fallback outlet$/, "else-taken"],
  [/^assigns nothing$/, "assigns-nothing"],
  [/^needs exactly one of duration, until or event$/, "wait-one-of"],
  [/^takes a timeout only when it waits for an event$/, "wait-timeout"],
  [/^is a reserved word$/, "reserved-word"],
];
