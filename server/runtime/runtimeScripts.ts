// The words the runtime says and sends. Published flows use only the newest
// APPROVED version of each script, with the newest approved version of each snippet it puts in; rendering is the pure renderScript of flows/scripts. A missing,
// unapproved or failing script never stops an interaction: the step then carries its key alone.
import "server-only";
import type { FlowContext, JsonValue } from "../../flows";
import {
  parseScriptDocument,
  renderScript,
  ScriptRenderError,
  scriptChannelSchema,
  resolveSnippets,
  snippetKeys,
  type ScriptDocument,
  variantId,
  type SnippetLibrary,
} from "../../flows/scripts";
import type { SqlQuery } from "../db/sqlClient";

export type StepScriptText = {
  /** What a person reads: the SMS/chat text, the email's plain-text part, the voice script without SSML. */
  text: string;
  /** What the channel receives (SSML for voice, HTML for email, text otherwise). */
  body: string;
  subject?: string;
  title?: string;
  segments?: number;
  locale: string;
  /** The approved version rendered, and the variant chosen (`channel/locale[/style]#index`). */
  version: number;
  variant: string;
};

export type ScriptTexts = {
  render(
    key: string,
    channel: string,
    context: FlowContext,
    seed: string,
    styles?: readonly string[],
  ): StepScriptText | undefined;
};

export type RuntimeScripts = {
  /** Loads (or takes from the cache) the approved documents of `keys`; rendering is then synchronous. */
  prepare(query: SqlQuery, workspaceId: string, keys: readonly (string | undefined)[]): Promise<ScriptTexts>;
  /** Forgets cached documents, e.g. after an approval in this process. */
  clear(): void;
};

const APPROVED = `select s.key, v.version, v.document from script_versions v join scripts s on s.id = v.script_id
  where v.workspace_id = $1 and v.status = 'approved' and s.key in (select jsonb_array_elements_text($2::jsonb))
  order by s.key, v.version desc`;

/** The locale of a customer who has none, when the workspace sets no `default_locale`. */
export const FALLBACK_LOCALE = "zh-CN";

const DEFAULT_LOCALE = `select coalesce(default_locale, '${FALLBACK_LOCALE}') as locale from workspaces where id = $1`;

/** An approval reaches running interactions within `ttlMs` (the cache spares a query per event). */
export function createRuntimeScripts(options: { ttlMs?: number } = {}): RuntimeScripts {
  const ttl = options.ttlMs ?? 2_000;
  const cache = new Map<string, { doc: ApprovedScript | null; at: number }>();
  const locales = new Map<string, { locale: string; at: number }>();
  return {
    clear: () => {
      cache.clear();
      locales.clear();
    },
    async prepare(query, workspaceId, keys) {
      const now = Date.now();
      const wanted = [...new Set(keys.filter((k): k is string => typeof k === "string" && k !== ""))];
      if (wanted.length === 0) return { render: () => undefined };
      let workspaceLocale = locales.get(workspaceId);
      if (!workspaceLocale || now - workspaceLocale.at > ttl) {
        const rows = await query<{ locale: string }>(DEFAULT_LOCALE, [workspaceId]);
        workspaceLocale = { locale: rows[0]?.locale ?? FALLBACK_LOCALE, at: now };
        locales.set(workspaceId, workspaceLocale);
      }
      const defaultLocale = workspaceLocale.locale;
      const missing = wanted.filter((k) => {
        const hit = cache.get(`${workspaceId}\u0000${k}`);
        return !hit || now - hit.at > ttl;
      });
      if (missing.length) {
        const found = await loadApproved(query, workspaceId, missing);
        const library = await loadSnippets(query, workspaceId, found);
        for (const k of missing) {
          const approved = found.get(k);
          // Snippets are put in once, as the document is loaded: rendering stays one pure call per step.
          const doc = approved ? { ...approved, document: resolveSnippets(approved.document, library).document } : null;
          cache.set(`${workspaceId}\u0000${k}`, { doc, at: now });
        }
      }
      const docs = new Map(wanted.map((k) => [k, cache.get(`${workspaceId}\u0000${k}`)?.doc ?? null]));
      return {
        render: (key, channel, context, seed, styles) => {
          const approved = docs.get(key);
          return approved ? renderStepScript(approved, channel, context, seed, defaultLocale, styles) : undefined;
        },
      };
    },
  };
}

async function loadApproved(
  query: SqlQuery,
  workspaceId: string,
  keys: readonly string[],
): Promise<Map<string, ApprovedScript>> {
  const rows = await query<{ key: string; version: number; document: unknown }>(APPROVED, [
    workspaceId,
    JSON.stringify(keys),
  ]);
  const found = new Map<string, ApprovedScript>();
  for (const row of rows) {
    if (found.has(row.key)) continue;
    const parsed = parseScriptDocument(row.document);
    if (parsed.ok) found.set(row.key, { document: parsed.document, version: row.version });
  }
  return found;
}

/** The approved snippets the scripts put in, and the snippets those put in (one query per level, none without). */
async function loadSnippets(
  query: SqlQuery,
  workspaceId: string,
  scripts: ReadonlyMap<string, ApprovedScript>,
): Promise<SnippetLibrary> {
  const library = new Map<string, ScriptDocument>();
  let wanted = [...new Set([...scripts.values()].flatMap((s) => snippetKeys(s.document)))];
  for (let depth = 0; wanted.length > 0 && depth < 8; depth++) {
    const found = await loadApproved(query, workspaceId, wanted);
    for (const [key, approved] of found) library.set(key, approved.document);
    wanted = [...new Set([...found.values()].flatMap((s) => snippetKeys(s.document)))].filter((k) => !library.has(k));
  }
  return library;
}

/** An approved script version. */
export type ApprovedScript = { document: ScriptDocument; version: number };

export function renderStepScript(
  approved: ApprovedScript | null,
  channelName: string,
  context: FlowContext,
  seed: string,
  /** The workspace's: for a customer without a locale (never a draw across locales). */
  defaultLocale: string = FALLBACK_LOCALE,
  /** The styles the step's node wants, in order (chooseVariant). */
  styles: readonly string[] = [],
): StepScriptText | undefined {
  const channel = scriptChannelSchema.safeParse(channelName);
  if (!approved || !channel.success) return undefined;
  const doc = approved.document;
  const own = context.customer.locale;
  const locale = typeof own === "string" && own !== "" ? own : defaultLocale;
  try {
    const out = renderScript(doc, {
      channel: channel.data,
      locale,
      context: { ...context.vars, customer: context.customer },
      seed,
      style: styles,
    });
    const text = out.text ?? (out.channel === "voice" ? ssmlToText(out.body) : out.body);
    const chosen = doc.variants[out.variantIndex];
    return {
      text,
      body: out.body,
      locale: out.locale,
      version: approved.version,
      variant: chosen
        ? variantId(chosen, out.locale, out.variantIndex)
        : `${out.channel}/${out.locale}#${out.variantIndex}`,
      ...(out.subject === undefined ? {} : { subject: out.subject }),
      ...(out.title === undefined ? {} : { title: out.title }),
      ...(out.segments === undefined ? {} : { segments: out.segments }),
    };
  } catch (error) {
    if (error instanceof ScriptRenderError) return undefined;
    throw error;
  }
}

/** The rendered text as a JSON value for an outbox payload. */
export function scriptTextJson(t: StepScriptText): { [key: string]: JsonValue } {
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined));
}

function ssmlToText(ssml: string): string {
  return ssml
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}
