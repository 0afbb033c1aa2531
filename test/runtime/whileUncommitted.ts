// Races on Postgres: another connection's statement, left uncommitted until `act` waits on a lock it
// holds (a unique key, a row), then committed. PGlite has one connection: Postgres only.
import pg from "pg";

/** Runs `statement` in another transaction, starts `act`, commits once `act` waits on it; what `act` gives. */
export async function whileUncommitted<T>(
  url: string,
  statement: { text: string; values: unknown[] },
  act: () => Promise<T>,
): Promise<T> {
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  try {
    await other.query("begin");
    await other.query(statement.text, statement.values);
    let settled = false;
    const acting = act();
    acting.then(
      () => (settled = true),
      () => (settled = true),
    );
    // Until `act` waits on the other transaction (or is done without waiting: it then did not race).
    for (;;) {
      const waiting = await other.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      if ((waiting.rows[0]?.n ?? 0) > 0 || settled) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await other.query("commit");
    return await acting;
  } finally {
    await other.end();
  }
}
