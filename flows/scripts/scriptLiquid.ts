import { Liquid, type FilterImplOptions, type Template } from "liquidjs";
import { stripSentinels } from "./markupSentinels";
import { ScriptTemplateError, toScriptTemplateError } from "./scriptTemplateError";
import { docToTemplate } from "./docToTemplate";
import { prepareText, type PreparedTemplate } from "./prepareText";
import type { TiptapNode } from "./scriptDocument";

/** Bounds that make a hostile template end quickly with an error instead of hanging the process. */
export const scriptLimits = {
  /** characters of template text parsed at once */
  parseLimit: 100_000,
  /**
   * milliseconds one render may take (checked between template nodes, so loops are bounded). Wall
   * time: a GC pause or a busy CPU can stall an innocent render, so a render that runs out of time is
   * tried once more (a hostile template fails twice, within 2 × this).
   */
  renderLimit: 200,
  /** ranges, arrays, string building and every output value, in elements/characters */
  memoryLimit: 1_000_000,
  /** nested blocks (`if`, `for`, …); refused before liquidjs's recursive parser sees them */
  maxDepth: 25,
  /** characters of rendered output */
  maxOutput: 100_000,
} as const;

/**
 * Every `{{ }}`, `{% echo %}` and `{% cycle %}` result passes here, after its filters: values become
 * text (`undefined`/objects render empty, never "undefined" or "[object Object]"), are charged to the
 * memory limit (so doubling a capture cannot escape it), and lose any markup sentinel, so a customer
 * value (even decoded with `url_decode`) cannot open markup. Channel escaping happens after Liquid.
 */
function outputEscape(this: FilterThis, value: unknown): string {
  const text = valueToText(value);
  this.context.memoryLimit.use(text.length);
  return stripSentinels(text);
}

type FilterThis = ThisParameterType<Extract<FilterImplOptions, (...args: never[]) => unknown>>;

function valueToText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  if (Array.isArray(value)) return value.map(valueToText).join("");
  return "";
}

function createLiquid(): Liquid {
  const engine = new Liquid({
    ownPropertyOnly: true,
    strictVariables: false,
    strictFilters: true,
    // No file system: partials and layouts are refused (their tags are removed below as well).
    templates: {},
    relativeReference: false,
    dynamicPartials: false,
    cache: false,
    outputEscape,
    parseLimit: scriptLimits.parseLimit,
    renderLimit: scriptLimits.renderLimit,
    memoryLimit: scriptLimits.memoryLimit,
  });
  for (const tag of ["include", "render", "layout", "block"]) delete engine.tags[tag];
  // `| raw` would skip outputEscape; as a plain function it no longer does.
  engine.registerFilter("raw", (v: unknown) => v);
  // A customer value with a stray "%" must not make the whole message fail to render.
  engine.registerFilter("url_decode", (v: unknown) => {
    const s = valueToText(v).replace(/\+/g, " ");
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  // `| number: 2`: a number with that many decimals; nothing for a missing or non-numeric value, so a
  // `| default:` after it still applies (`round` would turn a missing value into 0).
  engine.registerFilter("number", (v: unknown, decimals: unknown = 0) => {
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    if (!Number.isFinite(n)) return "";
    const places = Math.min(10, Math.max(0, Math.trunc(Number(decimals) || 0)));
    const factor = 10 ** places;
    return (Math.round(n * factor + Number.EPSILON * factor) / factor).toFixed(places);
  });
  return engine;
}

export const scriptLiquid: Liquid = createLiquid();

type Compiled = Template[] | ScriptTemplateError;
const MAX_CACHED = 2_000;
const byText = new Map<string, Compiled>();
const byDoc = new WeakMap<TiptapNode, Compiled>();

/** Prepares and parses a `text` (or subject, title) once per distinct text. Throws ScriptTemplateError. */
export function compileText(text: string): Template[] {
  let entry = byText.get(text);
  if (entry === undefined) {
    entry = text.length > scriptLimits.parseLimit ? tooLong() : parsePrepared(prepareText(text));
    if (byText.size >= MAX_CACHED) {
      const oldest = byText.keys().next();
      if (!oldest.done) byText.delete(oldest.value);
    }
    byText.set(text, entry);
  }
  if (entry instanceof ScriptTemplateError) throw entry;
  return entry;
}

/** Converts and parses a Tiptap `doc` once per document object. Throws ScriptTemplateError. */
export function compileDoc(doc: TiptapNode): Template[] {
  let entry = byDoc.get(doc);
  if (entry === undefined) {
    entry = parsePrepared(docToTemplate(doc));
    byDoc.set(doc, entry);
  }
  if (entry instanceof ScriptTemplateError) throw entry;
  return entry;
}

/** Parses a prepared template (uncached); the error is returned, not thrown. */
export function parsePrepared(prepared: PreparedTemplate): Compiled {
  if (prepared.source.length > scriptLimits.parseLimit) return tooLong();
  if (prepared.maxDepth > scriptLimits.maxDepth) {
    return new ScriptTemplateError(
      `blocks nested ${prepared.maxDepth} deep (at most ${scriptLimits.maxDepth})`,
      "too-deep",
    );
  }
  try {
    return scriptLiquid.parse(prepared.source);
  } catch (e) {
    return toScriptTemplateError(e, "liquid-syntax");
  }
}

/** Renders compiled templates synchronously within the limits. Throws ScriptTemplateError. */
export function renderCompiled(templates: Template[], scope: object): string {
  let out: unknown;
  try {
    out = scriptLiquid.renderSync(templates, scope);
  } catch (first) {
    if (!isOutOfTime(first)) throw toScriptTemplateError(first, "liquid-render");
    try {
      out = scriptLiquid.renderSync(templates, scope);
    } catch (second) {
      throw toScriptTemplateError(second, "liquid-render");
    }
  }
  const text = typeof out === "string" ? out : valueToText(out);
  if (text.length > scriptLimits.maxOutput) {
    throw new ScriptTemplateError(`output longer than ${scriptLimits.maxOutput} characters`, "too-long");
  }
  return text;
}

function tooLong(): ScriptTemplateError {
  return new ScriptTemplateError(`template longer than ${scriptLimits.parseLimit} characters`, "too-long");
}

function isOutOfTime(e: unknown): boolean {
  return e instanceof Error && e.message.startsWith("template render limit exceeded");
}
