import type { ScriptField } from "./renderScript";
import type { ScriptChannel } from "./scriptDocument";

export type ScriptLintCode =
  | "liquid-syntax"
  | "render-error"
  | "unknown-variable"
  | "sms-too-long"
  | "voice-too-long"
  | "forbidden-phrase"
  | "disclosure-missing"
  | "unsafe-link"
  | "dynamic-link"
  | "voice-link"
  | "email-subject-missing";

export type ScriptDiagnostic = {
  variantIndex: number;
  channel: ScriptChannel;
  code: ScriptLintCode;
  severity: "error" | "warning" | "info";
  message: string;
  field?: ScriptField;
  /** 1-based line within the field's text */
  line?: number;
  /** The values `message` is made of, for a user interface that words it in another language (by code). */
  params?: Record<string, string>;
};

/** The 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
