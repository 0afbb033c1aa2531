import type { ConversionResult, ConvertOptions, SourceFormat } from "./conversionTypes";
import { convertTwilio } from "./twilio/convertTwilio";
import { convertConnect } from "./connect/convertConnect";
import { looksLikeTwilio } from "./twilio/twilioDefinition";
import { looksLikeConnect, unwrapConnect } from "./connect/connectFlow";

/** Which product exported this document: Twilio Studio (`states`, `initial_state`) or Amazon Connect (`Actions`, `StartAction`). */
export function detectFormat(input: unknown): SourceFormat | undefined {
  if (looksLikeTwilio(input)) return "twilio";
  if (looksLikeConnect(input) || unwrapConnect(input)?.contentError !== undefined) return "connect";
  return undefined;
}

/**
 * A Twilio Studio flow or an Amazon Connect contact flow → a flow document, its prompts as script
 * documents, and a report of every source state: what it became, or why it could not (CONTRACT §10).
 * Pure: never throws on a malformed document, answers `{ ok: false, message }`.
 */
export function convertFlow(input: unknown, options: ConvertOptions = {}): ConversionResult {
  const format = options.from ?? detectFormat(input);
  const name = options.name ?? "converted flow";
  if (format === "twilio") return convertTwilio(input, name);
  if (format === "connect") return convertConnect(input, name);
  return {
    ok: false,
    message:
      'is neither a Twilio Studio flow (with "states" and "initial_state") nor an Amazon Connect contact flow (with "StartAction" and "Actions", or "Content")',
  };
}
