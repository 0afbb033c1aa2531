import { channelRenderers } from "./channelRenderers";
import { docToTemplate } from "./docToTemplate";
import { findLinkProblems } from "./lintLinks";
import { findUnknownVariables } from "./lintVariables";
import { stripSentinels } from "./markupSentinels";
import { prepareText, type PreparedTemplate } from "./prepareText";
import type { ScriptField } from "./renderScript";
import { allowedLinkProtocols } from "./safeHref";
import { lineAt, type ScriptDiagnostic } from "./scriptDiagnostic";
import type { ScriptChannel, ScriptDocument, ScriptVariant } from "./scriptDocument";
import { parsePrepared, renderCompiled } from "./scriptLiquid";
import { ScriptTemplateError } from "./scriptTemplateError";
import { countSmsSegments } from "./smsSegments";
import { defaultSpeakingRate, speakingSeconds, type SpeakingRate } from "./speakingTime";
import { toPlainText } from "./toPlainText";
import { tokenizeRendered, type ScriptToken } from "./tokenizeRendered";
import { withDefaults } from "./withDefaults";

/** A "minefield": a phrase that upsets customers, and what to say instead. */
export type ForbiddenPhrase = { phrase: string; replacement?: string; channels?: readonly ScriptChannel[] };
/** Words a channel's messages must carry (any one of them), e.g. the SMS opt-out. */
export type RequiredDisclosure = { channel: ScriptChannel; anyOf: readonly string[]; label?: string };

export type LintScriptOptions = {
  /** Variables the flow provides; `customer.*` is always allowed. Omit to skip the check. */
  availableVariables?: readonly string[];
  smsMaxSegments?: number;
  voiceMaxSeconds?: number;
  speakingRate?: SpeakingRate;
  forbiddenPhrases?: readonly ForbiddenPhrase[];
  requiredDisclosures?: readonly RequiredDisclosure[];
  /** The sample customer the length and disclosure checks render with (default: none, so defaults show). */
  sampleContext?: Record<string, unknown>;
};

export const defaultRequiredDisclosures: readonly RequiredDisclosure[] = [
  {
    channel: "sms",
    anyOf: ["回T退订", "退订回T", "回TD退订", "Reply STOP", "Text STOP", "STOP to opt out"],
    label: "the opt-out words (回T退订 / Reply STOP)",
  },
];

type Field = { field: ScriptField; prepared: PreparedTemplate };

/** Everything a content editor should see while typing, per variant. Pure and fast enough per keystroke. */
export function lintScript(doc: ScriptDocument, options: LintScriptOptions = {}): ScriptDiagnostic[] {
  return doc.variants.flatMap((variant, index) => lintVariant(doc, variant, index, options));
}

function lintVariant(
  doc: ScriptDocument,
  variant: ScriptVariant,
  variantIndex: number,
  o: LintScriptOptions,
): ScriptDiagnostic[] {
  const { channel } = variant;
  const out: ScriptDiagnostic[] = [];
  const add = (d: Omit<ScriptDiagnostic, "variantIndex" | "channel">): void => {
    out.push({ variantIndex, channel, ...d });
  };
  const fields: Field[] = [
    { field: "text", prepared: variant.doc ? docToTemplate(variant.doc) : prepareText(variant.text ?? "") },
  ];
  if (variant.subject !== undefined) fields.push({ field: "subject", prepared: prepareText(variant.subject) });
  if (variant.title !== undefined) fields.push({ field: "title", prepared: prepareText(variant.title) });
  if (channel === "email" && variant.subject === undefined) {
    add({
      code: "email-subject-missing",
      severity: "warning",
      message: `no subject: the script's name "${doc.name}" is sent instead`,
      params: { name: doc.name },
    });
  }
  const scope = withDefaults(doc, o.sampleContext ?? {});
  const rendered = new Map<ScriptField, ScriptToken[]>();
  for (const { field, prepared } of fields) {
    const templates = parsePrepared(prepared);
    if (templates instanceof ScriptTemplateError) {
      add({
        code: "liquid-syntax",
        severity: "error",
        field,
        line: templates.line,
        message: templates.message,
        params: { detail: templates.message },
      });
      continue;
    }
    if (o.availableVariables) {
      for (const v of findUnknownVariables(templates, prepared.source, o.availableVariables, doc)) {
        add({
          code: "unknown-variable",
          severity: v.defaulted ? "warning" : "error",
          field,
          line: v.line,
          message: v.defaulted
            ? `the flow does not provide "${v.path}": its default is always shown`
            : `the flow does not provide "${v.path}": it renders empty (give it a default)`,
          params: { path: v.path, defaulted: String(v.defaulted) },
        });
      }
    }
    for (const link of findLinkProblems(prepared.source)) {
      const allowed = allowedLinkProtocols.join(", ");
      if (link.kind === "dynamic")
        add({
          code: "dynamic-link",
          severity: "warning",
          field,
          line: link.line,
          message: `link address comes from data: it is sent only if it is ${allowed}`,
          params: { allowed },
        });
      else
        add({
          code: "unsafe-link",
          severity: "error",
          field,
          line: link.line,
          message: `link "${link.href}" ${link.kind === "relative" ? "is relative" : "uses an unsafe protocol"}: only ${allowed} links are sent`,
          params: { href: link.href, relative: String(link.kind === "relative"), allowed },
        });
    }
    try {
      rendered.set(field, tokenizeRendered(renderCompiled(templates, scope)));
    } catch (e) {
      if (!(e instanceof ScriptTemplateError)) throw e;
      add({
        code: "render-error",
        severity: "error",
        field,
        line: e.line,
        message: e.message,
        params: { detail: e.message },
      });
    }
    lintPhrases(stripSentinels(prepared.source), rendered.get(field), field, channel, o.forbiddenPhrases ?? [], add);
  }
  const body = rendered.get("text");
  if (body) lintBody(body, variant, o, add);
  return out;
}

type Add = (d: Omit<ScriptDiagnostic, "variantIndex" | "channel">) => void;

function lintBody(body: ScriptToken[], variant: ScriptVariant, o: LintScriptOptions, add: Add): void {
  const { channel } = variant;
  if (channel === "sms") {
    const max = o.smsMaxSegments ?? 2;
    const text = channelRenderers.sms(body, undefined).body;
    const count = countSmsSegments(text);
    if (count.segments > max) {
      add({
        code: "sms-too-long",
        severity: "warning",
        message: `${count.segments} SMS segments (${count.encoding === "gsm7" ? "GSM-7" : "UCS-2"}, ${count.units} characters); at most ${max}`,
        params: {
          segments: String(count.segments),
          encoding: count.encoding === "gsm7" ? "GSM-7" : "UCS-2",
          units: String(count.units),
          max: String(max),
        },
      });
    }
  }
  if (channel === "voice") {
    const max = o.voiceMaxSeconds ?? 20;
    const seconds = speakingSeconds(body, o.speakingRate ?? defaultSpeakingRate);
    if (seconds > max)
      add({
        code: "voice-too-long",
        severity: "warning",
        message: `about ${Math.round(seconds)} s to speak; at most ${max} s`,
        params: { seconds: String(Math.round(seconds)), max: String(max) },
      });
    if (body.some((t) => t.kind === "link"))
      add({
        code: "voice-link",
        severity: "info",
        message: "links are spoken as their words; the address is not read",
        params: {},
      });
  }
  const plain = toPlainText(body).toLowerCase();
  for (const rule of o.requiredDisclosures ?? defaultRequiredDisclosures) {
    if (rule.channel !== channel || rule.anyOf.some((w) => plain.includes(w.toLowerCase()))) continue;
    add({
      code: "disclosure-missing",
      severity: "error",
      message: `${channel} messages must carry ${rule.label ?? rule.anyOf.map((w) => `"${w}"`).join(" or ")}`,
      params: { channel, words: rule.anyOf.map((w) => `“${w}”`).join(" / ") },
    });
  }
}

function lintPhrases(
  source: string,
  rendered: ScriptToken[] | undefined,
  field: ScriptField,
  channel: ScriptChannel,
  phrases: readonly ForbiddenPhrase[],
  add: Add,
): void {
  if (!phrases.length) return;
  const lowerSource = source.toLowerCase();
  const lowerRendered = rendered ? toPlainText(rendered).toLowerCase() : "";
  for (const p of phrases) {
    if (!p.phrase || (p.channels && !p.channels.includes(channel))) continue;
    const needle = p.phrase.toLowerCase();
    const at = lowerSource.indexOf(needle);
    if (at === -1 && !lowerRendered.includes(needle)) continue;
    const instead = p.replacement ? `; say "${p.replacement}" instead` : "";
    add({
      code: "forbidden-phrase",
      severity: "warning",
      field,
      line: at === -1 ? undefined : lineAt(source, at),
      message: `"${p.phrase}" is on the forbidden list${instead}`,
      params: { phrase: p.phrase, ...(p.replacement ? { replacement: p.replacement } : {}) },
    });
  }
}
