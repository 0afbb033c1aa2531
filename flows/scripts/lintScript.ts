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
import type { LengthLimit, MessageCategory } from "../schema/policyDocument";
import { containsPhrase, findPhrase, normalisePhrase } from "./phraseMatch";
import { resolveSnippets, type SnippetLibrary, type SnippetProblem } from "./snippets";

/** A "minefield": a phrase that upsets customers, and what to say instead (a warning unless said). */
export type ForbiddenPhrase = {
  phrase: string;
  replacement?: string;
  channels?: readonly ScriptChannel[];
  severity?: "error" | "warning";
};
/** Words a channel's messages (of these categories, else all) must carry, any one of them, e.g. the SMS opt-out. */
export type RequiredDisclosure = {
  channel: ScriptChannel;
  anyOf: readonly string[];
  label?: string;
  categories?: readonly MessageCategory[];
};

export type LintScriptOptions = {
  /** Variables the flow provides; `customer.*` is always allowed. Omit to skip the check. */
  availableVariables?: readonly string[];
  smsMaxSegments?: number;
  voiceMaxSeconds?: number;
  speakingRate?: SpeakingRate;
  forbiddenPhrases?: readonly ForbiddenPhrase[];
  requiredDisclosures?: readonly RequiredDisclosure[];
  /** The workspace's limits per channel: over one is an error (the `smsMaxSegments`/`voiceMaxSeconds` defaults warn). */
  lengthLimits?: readonly LengthLimit[];
  /**
   * The approved snippets by key: the script is linted with them put in, and a missing snippet or a
   * cycle is an error. Omit to lint the script as written (its snippets render empty).
   */
  snippets?: SnippetLibrary;
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
export function lintScript(source: ScriptDocument, options: LintScriptOptions = {}): ScriptDiagnostic[] {
  const resolved = options.snippets ? resolveSnippets(source, options.snippets) : undefined;
  const doc = resolved?.document ?? source;
  const snippetErrors = (resolved?.problems ?? []).map((p) => snippetDiagnostic(p, doc));
  const found = doc.variants.flatMap((variant, index) => lintVariant(doc, variant, index, options));
  // A phrase a snippet brings is fixed in the snippet: offer the fix only where the author wrote it.
  const own = doc === source ? found : found.map((d) => (d.fix && !writtenIn(source, d) ? withoutFix(d) : d));
  return [...snippetErrors, ...own];
}

function writtenIn(doc: ScriptDocument, d: ScriptDiagnostic): boolean {
  const variant = doc.variants[d.variantIndex];
  if (!variant || !d.fix) return false;
  const field = d.field ?? "text";
  const text =
    field !== "text"
      ? (variant[field] ?? "")
      : variant.doc
        ? stripSentinels(docToTemplate(variant.doc).source)
        : (variant.text ?? "");
  return findPhrase(text, d.fix.find) !== -1;
}

function withoutFix(d: ScriptDiagnostic): ScriptDiagnostic {
  const { fix: _fix, ...rest } = d;
  return rest;
}

function snippetDiagnostic(p: SnippetProblem, doc: ScriptDocument): ScriptDiagnostic {
  const message =
    p.kind === "missing"
      ? `snippet "${p.key}" does not exist or has no approved version`
      : p.kind === "not-snippet"
        ? `"${p.key}" is a script, not a snippet`
        : `snippet "${p.key}" puts itself in (${p.trail.join(" → ")})`;
  return {
    variantIndex: p.variantIndex,
    channel: doc.variants[p.variantIndex]?.channel ?? "chat",
    code: `snippet-${p.kind}`,
    severity: "error",
    message,
    params: { key: p.key, trail: p.trail.join(" → ") },
  };
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
  // A snippet is a piece of a message: whole-message rules (length, disclosures) apply where it is used.
  if (body && doc.kind !== "snippet") lintBody(body, doc, variant, o, add);
  return out;
}

type Add = (d: Omit<ScriptDiagnostic, "variantIndex" | "channel">) => void;

function lintBody(
  body: ScriptToken[],
  doc: ScriptDocument,
  variant: ScriptVariant,
  o: LintScriptOptions,
  add: Add,
): void {
  const { channel } = variant;
  const limit = o.lengthLimits?.find((l) => l.channel === channel);
  const plainText = toPlainText(body);
  if (channel === "sms") {
    const max = limit?.maxSegments ?? o.smsMaxSegments ?? 2;
    const text = channelRenderers.sms(body, undefined).body;
    const count = countSmsSegments(text);
    if (count.segments > max) {
      const encoding = count.encoding === "gsm7" ? "GSM-7" : "UCS-2";
      add({
        code: "sms-too-long",
        severity: limit?.maxSegments ? "error" : "warning",
        message: `${count.segments} SMS segments (${encoding}, ${count.units} characters); at most ${max}`,
        params: { segments: count.segments, encoding, units: count.units, max },
      });
    }
  }
  if (channel === "voice") {
    const max = limit?.maxSeconds ?? o.voiceMaxSeconds ?? 20;
    const seconds = speakingSeconds(body, o.speakingRate ?? defaultSpeakingRate);
    if (seconds > max)
      add({
        code: "voice-too-long",
        severity: limit?.maxSeconds ? "error" : "warning",
        message: `about ${Math.round(seconds)} s to speak; at most ${max} s`,
        params: { seconds: Math.round(seconds), max },
      });
    if (body.some((t) => t.kind === "link"))
      add({
        code: "voice-link",
        severity: "info",
        message: "links are spoken as their words; the address is not read",
        params: {},
      });
  }
  const characters = [...plainText].length;
  if (limit?.maxCharacters !== undefined && characters > limit.maxCharacters)
    add({
      code: "too-long",
      severity: "error",
      message: `${characters} characters; ${channel} messages take at most ${limit.maxCharacters}`,
      params: { characters, max: limit.maxCharacters },
    });
  const category = doc.category ?? "service";
  for (const rule of o.requiredDisclosures ?? defaultRequiredDisclosures) {
    if (rule.channel !== channel || (rule.categories && !rule.categories.includes(category))) continue;
    if (rule.anyOf.some((w) => containsPhrase(plainText, w))) continue;
    const words = rule.label ?? rule.anyOf.map((w) => `"${w}"`).join(" or ");
    add({
      code: "disclosure-missing",
      severity: "error",
      message: `${channel} messages must carry ${words}`,
      // The phrases themselves, not the rule's label: a label is in one language, the phrases in the message's.
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
  const renderedText = rendered ? toPlainText(rendered) : "";
  for (const p of phrases) {
    if (!p.phrase.trim() || (p.channels && !p.channels.includes(channel))) continue;
    const at = findPhrase(source, p.phrase);
    if (at === -1 && !containsPhrase(renderedText, p.phrase)) continue;
    const instead = p.replacement ? `: say “${p.replacement}” instead` : "";
    add({
      code: "forbidden-phrase",
      severity: p.severity ?? "warning",
      field,
      line: at === -1 ? undefined : lineAt(normalisePhrase(source), at),
      message: `“${p.phrase}” is a minefield phrase${instead}`,
      params: { phrase: p.phrase, ...(p.replacement ? { replacement: p.replacement } : {}) },
      // Only a phrase the author wrote can be replaced in place (one from a variable's default cannot).
      ...(p.replacement && at !== -1 ? { fix: { find: p.phrase, replace: p.replacement } } : {}),
    });
  }
}
