export type ScriptErrorCode = "liquid-syntax" | "liquid-render" | "too-deep" | "too-long" | "no-variant";

/** A script that cannot be compiled or rendered; `line` is 1-based in the field's own text. */
export class ScriptTemplateError extends Error {
  override readonly name = "ScriptTemplateError";
  constructor(
    message: string,
    readonly code: ScriptErrorCode,
    readonly line?: number,
  ) {
    super(message);
  }
}

const POSITION = /,? line:(\d+), col:\d+\s*$/;

/** Turns anything liquidjs (or the engine under it) throws into a ScriptTemplateError without stack noise. */
export function toScriptTemplateError(e: unknown, code: ScriptErrorCode): ScriptTemplateError {
  if (e instanceof ScriptTemplateError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const m = POSITION.exec(raw);
  const message = (m ? raw.slice(0, m.index) : raw).replace(/\s+/g, " ").trim() || "template error";
  return new ScriptTemplateError(message, code, m ? Number(m[1]) : undefined);
}
