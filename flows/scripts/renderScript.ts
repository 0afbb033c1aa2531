import type { Template } from "liquidjs";
import { channelRenderers, type TextMarkup } from "./channelRenderers";
import { chooseVariant } from "./chooseVariant";
import type { ScriptChannel, ScriptDocument, ScriptVariant } from "./scriptDocument";
import { compileDoc, compileText, renderCompiled } from "./scriptLiquid";
import { ScriptTemplateError } from "./scriptTemplateError";
import type { SmsEncoding } from "./smsSegments";
import { toPlainLine } from "./toPlainText";
import { tokenizeRendered, type ScriptToken } from "./tokenizeRendered";
import { withDefaults } from "./withDefaults";
import { resolveSnippets, type SnippetLibrary } from "./snippets";

export type RenderScriptOptions = {
  channel: ScriptChannel;
  locale?: string;
  context?: Record<string, unknown>;
  /** Splits A/B variants deterministically, e.g. the interaction id. */
  seed?: string;
  /** The style wanted (`empathetic`, `brisk`), or styles in order of preference (chooseVariant). */
  style?: string | readonly string[];
  /** Override how chat-like channels carry the light markup. */
  textMarkup?: TextMarkup;
  /** The approved snippets by key, put in where the script names them (`resolveSnippets`). */
  snippets?: SnippetLibrary;
};

export type RenderedScript = {
  channel: ScriptChannel;
  locale: string;
  subject?: string;
  title?: string;
  /** What the channel receives: SSML for voice, HTML for email, text otherwise. */
  body: string;
  /** The email's plain-text part. */
  text?: string;
  segments?: number;
  encoding?: SmsEncoding;
  /** Which variant was used (index in `variants`), for A/B reporting. */
  variantIndex: number;
};

export type ScriptField = "text" | "subject" | "title";

/** A render failure located in the document; `line` is 1-based within the field. */
export class ScriptRenderError extends ScriptTemplateError {
  constructor(
    cause: ScriptTemplateError,
    readonly variantIndex: number | undefined,
    readonly field: ScriptField | undefined,
  ) {
    super(cause.message, cause.code, cause.line);
  }
}

/**
 * Renders a script for one channel: chooses the variant, renders its Liquid with the script's
 * defaults, then serialises for the channel (escaping after Liquid, markup parsed before it).
 * Throws ScriptRenderError when no variant fits or the template fails (syntax, limits).
 */
export function renderScript(source: ScriptDocument, options: RenderScriptOptions): RenderedScript {
  const { channel } = options;
  const doc = options.snippets ? resolveSnippets(source, options.snippets).document : source;
  const choice = chooseVariant(doc, channel, options.locale, options.seed, options.style);
  if (!choice) {
    const error = new ScriptTemplateError(`no variant of script "${doc.key}" for channel ${channel}`, "no-variant");
    throw new ScriptRenderError(error, undefined, undefined);
  }
  const { index, variant } = choice;
  const scope = withDefaults(doc, options.context ?? {});
  const body = renderField(variant, "text", scope, index);
  const out = channelRenderers[channel](body, options.textMarkup);
  const result: RenderedScript = {
    channel,
    locale: variant.locale ?? options.locale ?? "und",
    ...out,
    variantIndex: index,
  };
  if (channel === "email") {
    result.subject =
      variant.subject !== undefined ? toPlainLine(renderField(variant, "subject", scope, index)) : doc.name;
  }
  if (channel === "app" && variant.title !== undefined) {
    result.title = toPlainLine(renderField(variant, "title", scope, index));
  }
  return result;
}

function renderField(variant: ScriptVariant, field: ScriptField, scope: object, index: number): ScriptToken[] {
  try {
    return tokenizeRendered(renderCompiled(compileField(variant, field), scope));
  } catch (e) {
    if (e instanceof ScriptTemplateError) throw new ScriptRenderError(e, index, field);
    throw e;
  }
}

function compileField(variant: ScriptVariant, field: ScriptField): Template[] {
  if (field === "text") return variant.doc ? compileDoc(variant.doc) : compileText(variant.text ?? "");
  return compileText(variant[field] ?? "");
}
