// A queued message moved to another channel (a delivery failure's fallback, or the policy's
// `whenCapped: fallback`) says its script again in that channel's words: the script's approved variant
// for the new channel and the customer's locale, rendered with the interaction's context and seed as
// the step rendered it (./renderStepScripts.ts), the node's styles, and a subject for e-mail. Copying
// the first channel's text would send an SMS's words as an e-mail, or nothing where it was scrubbed.
import "server-only";
import type { FlowContext, JsonValue } from "../../flows";
import type { SqlQuery } from "../db/sqlClient";
import { scriptTextJson, type RuntimeScripts, type ScriptTexts } from "./runtimeScripts";

/** What a moved message becomes on its new channel: its columns and what its payload gains. */
export type RerenderedMessage = {
  script: { key: string; version: number; variant: string };
  subject: string | null;
  text: string;
  /** Merged over the payload (its `subject` removed first: a channel without one has none). */
  payload: { [key: string]: JsonValue };
};

/**
 * For a message id and a channel: the message rendered for it; `undefined` when its script has no
 * approved variant for that channel (the message may not go there); `null` when the message renders
 * no script at all (an event, or a row without one: it moves as it is).
 */
export type Rerender = (id: string, channel: string) => RerenderedMessage | undefined | null;

/**
 * The message's script key (its rendered one, else its node's), the interaction's context as stored
 * with its snapshot, and its node's data in the version it runs on: one query for any number of messages.
 */
const SOURCES = `select o.id, o.workspace_id, o.interaction_id,
    coalesce(o.script ->> 'key', o.payload -> 'script' ->> 'key', n.data ->> 'script') as script_key,
    i.snapshot -> 'context' as context, n.data as node_data
  from outbox o
    left join interactions i on i.id = o.interaction_id
    left join flow_versions v on v.id = i.flow_version_id
    left join lateral (select e -> 'data' as data from jsonb_array_elements(v.source -> 'nodes') e
      where e ->> 'id' = o.node limit 1) n on true
  where o.id = any(array(select jsonb_array_elements_text($1::jsonb))::uuid[])`;

type SourceRow = {
  id: string;
  workspace_id: string;
  interaction_id: string | null;
  script_key: string | null;
  context: { vars?: unknown; customer?: unknown } | null;
  node_data: { style?: unknown; styleFallback?: unknown } | null;
};

/** Loads what the messages `ids` render from (one query, then the scripts' cache); rendering is then synchronous. */
export async function prepareRerender(
  scripts: RuntimeScripts,
  query: SqlQuery,
  ids: readonly string[],
): Promise<Rerender> {
  if (ids.length === 0) return () => null;
  const rows = await query<SourceRow>(SOURCES, [[...ids]]);
  const byWorkspace = new Map<string, SourceRow[]>();
  for (const row of rows) byWorkspace.set(row.workspace_id, [...(byWorkspace.get(row.workspace_id) ?? []), row]);
  const texts = new Map<string, ScriptTexts>();
  for (const [workspaceId, list] of byWorkspace)
    texts.set(
      workspaceId,
      await scripts.prepare(
        query,
        workspaceId,
        list.map((r) => r.script_key ?? undefined),
      ),
    );
  const sources = new Map(rows.map((r) => [r.id, r]));
  return (id, channel) => {
    const source = sources.get(id);
    if (!source || source.script_key === null) return null;
    const rendered = texts
      .get(source.workspace_id)
      ?.render(source.script_key, channel, contextOf(source), source.interaction_id ?? source.id, stylesOf(source));
    if (!rendered) return undefined;
    const script = { key: source.script_key, version: rendered.version, variant: rendered.variant };
    return {
      script,
      subject: rendered.subject ?? null,
      text: rendered.text,
      payload: {
        script,
        text: rendered.text,
        rendered: scriptTextJson(rendered),
        ...(rendered.subject === undefined ? {} : { subject: rendered.subject }),
      },
    };
  };
}

function contextOf(source: SourceRow): FlowContext {
  const stored = source.context ?? {};
  const object = (value: unknown) =>
    typeof value === "object" && value !== null && !Array.isArray(value) ? (value as { [key: string]: JsonValue }) : {};
  return {
    frames: [],
    ...(stored as object),
    vars: object(stored.vars),
    customer: object(stored.customer),
  } as FlowContext;
}

/** The node's styles in order (flows/nodes/styleFields.ts wantedStyles), as the step asked for them. */
function stylesOf(source: SourceRow): string[] {
  const data = source.node_data;
  if (!data || typeof data.style !== "string") return [];
  const more = Array.isArray(data.styleFallback)
    ? data.styleFallback.filter((s): s is string => typeof s === "string")
    : [];
  return [data.style, ...more];
}
