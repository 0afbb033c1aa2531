export * from "./scriptDocument";
export {
  renderScript,
  ScriptRenderError,
  type RenderScriptOptions,
  type RenderedScript,
  type ScriptField,
} from "./renderScript";
export { chooseVariant, stableHash, type VariantChoice } from "./chooseVariant";
export {
  lintScript,
  defaultRequiredDisclosures,
  type LintScriptOptions,
  type ForbiddenPhrase,
  type RequiredDisclosure,
} from "./lintScript";
export type { ScriptDiagnostic, ScriptLintCode } from "./scriptDiagnostic";
export { complianceLintOptions } from "./complianceLintOptions";
export { findPhrase, containsPhrase, replacePhrase } from "./phraseMatch";
export { applyLintFix } from "./applyLintFix";
export { countSmsSegments, type SmsCount, type SmsEncoding } from "./smsSegments";
export { speakingSeconds, defaultSpeakingRate, type SpeakingRate } from "./speakingTime";
export { ScriptTemplateError, type ScriptErrorCode } from "./scriptTemplateError";
export { safeHref, allowedLinkProtocols } from "./safeHref";
export { scriptLimits } from "./scriptLiquid";
export type { TextMarkup } from "./channelRenderers";
export { variantId, parseVariantId, keepOnlyVariant, type OnlyVariantResult } from "./onlyVariant";
export { resolveSnippets, snippetKeys, type SnippetLibrary, type SnippetProblem } from "./snippets";
export { preparedToText } from "./preparedToText";
