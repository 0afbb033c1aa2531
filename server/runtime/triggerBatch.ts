// One batch of a date or schedule trigger's due customers: WHO and re-entry decided for the whole
// batch (one history query, one statement for the customers kept out), each admitted start planned in
// memory (pure startFlow, scripts from the cache), then all of them written in one statement
// (./writeStarts.ts), where the unique key on trigger_runs admits each (flow, occurrence, customer)
// once, across processes.
import "server-only";
import type { Caller, Engine } from "./engine";
import { customerContext } from "./customerContext";
import type { LoadedFlowVersion } from "./flowVersionCache";
import { inAudience, mayReenter, recordSkipped, startHistory, startRules } from "./reentry";
import type { CandidateRow, TriggerRun } from "./triggers";
import { writeTriggeredStarts, type TriggeredStart } from "./writeStarts";

export type PlannedBatch = Array<TriggeredStart & { externalId: string }>;

/** The batch's starts the audience and re-entry admit, at most `limit`, planned but not written. */
export async function planTriggeredBatch(
  engine: Engine,
  version: LoadedFlowVersion,
  batch: readonly CandidateRow[],
  now: Date,
  limit: number,
): Promise<PlannedBatch> {
  const caller: Caller = { workspaceId: version.workspaceId, mode: "live" };
  const channels: readonly string[] = version.document.channels;
  const rules = await startRules(engine.sql.query, version);
  const contexts = new Map(batch.map((row) => [row.id, customerContext(row)]));
  const audience = batch.filter((row) => inAudience(rules, contexts.get(row.id) ?? {}));
  const history =
    rules.reentry === "always" || audience.length === 0
      ? new Map()
      : await startHistory(
          engine.sql.query,
          version,
          audience.map((row) => row.id),
        );
  const admitted = new Set(
    audience.filter((row) => mayReenter(rules.reentry, history.get(row.id), now.getTime())).map((row) => row.id),
  );
  await recordSkipped(
    engine.sql.query,
    version,
    batch.filter((row) => !admitted.has(row.id)),
  );
  const planned: PlannedBatch = [];
  for (const row of batch.filter((r) => admitted.has(r.id)).slice(0, Math.max(0, limit))) {
    const customer = { rowId: row.id, externalId: row.external_id, context: contexts.get(row.id) ?? {} };
    const channel =
      row.preferred_channel !== null && channels.includes(row.preferred_channel)
        ? row.preferred_channel
        : (channels[0] ?? "chat");
    const { write } = await engine.planStart(caller, version, channel, customer, {});
    planned.push({ write, occurrence: row.occurrence, externalId: row.external_id });
  }
  return planned;
}

/** Writes a planned batch; returns the runs this evaluation started (not those another one claimed first). */
export async function writeTriggeredBatch(
  engine: Engine,
  version: LoadedFlowVersion,
  kind: "date" | "schedule",
  planned: PlannedBatch,
): Promise<TriggerRun[]> {
  const started = await writeTriggeredStarts(
    engine.sql,
    { workspaceId: version.workspaceId, flowKey: version.flowKey, flowVersionId: version.id, version: version.version },
    kind,
    planned,
  );
  return planned
    .filter((p) => started.has(p.write.id))
    .map((p) => ({
      flow: version.flowKey,
      kind,
      occurrence: p.occurrence,
      customer: p.externalId,
      interaction: p.write.id,
    }));
}

/** At most `size` writes in flight; the first failure is thrown by `add` or `drain`, after the others settled. */
export class WriteLanes {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly size: number) {}

  async add(write: Promise<void>): Promise<void> {
    const tracked: Promise<void> = write
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .then(() => {
        this.running.delete(tracked);
      });
    this.running.add(tracked);
    while (this.running.size >= this.size && !this.failure) await Promise.race(this.running);
    if (this.failure) await this.drain();
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    if (this.failure) throw this.failure.error;
  }
}
