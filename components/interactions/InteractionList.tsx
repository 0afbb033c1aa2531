"use client";

import { useMemo, useState } from "react";
import Link from "next/link";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useLocale } from "../i18n/LocaleProvider";
import { formatDateTime } from "../i18n/formatDate";
import { DateField } from "../studio/DateField";
import { isCalendarDate } from "../../flows/simulate/simulationInput";
import { useTRPC } from "../trpc/trpc";
import { downloadCsv, toCsv } from "../analytics/csv";
import styles from "./interactions.module.css";

const STATUSES = ["active", "waiting", "completed", "failed"] as const;
type Status = (typeof STATUSES)[number];

type Filter = {
  flow?: string;
  version?: number;
  status?: Status;
  outcome?: string;
  channel?: string;
  customer?: string;
  from?: string;
  to?: string;
  test?: boolean;
};

const isStatus = (value: string): value is Status => (STATUSES as readonly string[]).includes(value);
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00Z`).toISOString() : undefined);
/** A day typed in a filter: empty (no bound) or one that exists. */
const dayOk = (text: string) => text.trim() === "" || isCalendarDate(text.trim());
const dayEnd = (day: string) => (day ? new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString() : undefined);

/** The workspace's interactions, newest first, filtered, a page at a time (keyset: fine over millions). */
export function InteractionList() {
  const { t, locale, word, label } = useLocale();
  const [days, setDays] = useState({ from: "", to: "" });
  const trpc = useTRPC();
  const [filter, setFilter] = useState<Filter>({});
  const published = useQuery({ ...trpc.flows.published.queryOptions(), staleTime: 60_000 });
  const list = useInfiniteQuery(
    trpc.interactions.list.infiniteQueryOptions(
      { ...filter, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.rows) ?? [], [list.data]);
  const set = (patch: Filter) => setFilter((f) => clean({ ...f, ...patch }));
  const header = [
    t("interactions.column.started"),
    t("interactions.column.flow"),
    t("interactions.column.status"),
    t("interactions.column.outcome"),
    t("interactions.column.channel"),
    t("interactions.column.customer"),
    t("interactions.column.node"),
  ];
  const exportCsv = () =>
    downloadCsv(
      "interactions.csv",
      toCsv(
        ["id", ...header],
        rows.map((r) => [
          r.id,
          r.createdAt,
          `${r.flow} v${r.version}`,
          r.status,
          r.outcome,
          r.channel,
          r.customer,
          r.currentNode,
        ]),
      ),
    );
  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <h1>{t("interactions.title")}</h1>
        <button type="button" onClick={exportCsv} disabled={rows.length === 0}>
          {t("interactions.export")}
        </button>
      </div>
      <form className={styles.filters} onSubmit={(e) => e.preventDefault()} role="search">
        <label>
          {t("interactions.filter.flow")}
          <select
            style={{ maxWidth: 260 }}
            value={filter.flow ?? ""}
            onChange={(e) => set({ flow: e.target.value || undefined })}
          >
            <option value="">{t("interactions.filter.any")}</option>
            {(published.data ?? []).map((f) => (
              <option key={f.key} value={f.key} data-i18n-data>
                {f.name} ({f.key})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("interactions.filter.version")}
          <input
            type="number"
            min={1}
            style={{ width: 70 }}
            value={filter.version ?? ""}
            onChange={(e) => set({ version: e.target.value ? Number(e.target.value) : undefined })}
          />
        </label>
        <label>
          {t("interactions.filter.status")}
          <select
            value={filter.status ?? ""}
            onChange={(e) => set({ status: isStatus(e.target.value) ? e.target.value : undefined })}
          >
            <option value="">{t("interactions.filter.any")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {word("status", s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("interactions.filter.outcome")}
          <input
            value={filter.outcome ?? ""}
            onChange={(e) => set({ outcome: e.target.value || undefined })}
            style={{ width: 110 }}
          />
        </label>
        <label>
          {t("interactions.filter.channel")}
          <input
            value={filter.channel ?? ""}
            onChange={(e) => set({ channel: e.target.value || undefined })}
            style={{ width: 80 }}
          />
        </label>
        <label>
          {t("interactions.filter.customer")}
          <input
            type="search"
            value={filter.customer ?? ""}
            onChange={(e) => set({ customer: e.target.value || undefined })}
          />
        </label>
        <label>
          {t("interactions.filter.from")}
          <DateField
            value={days.from}
            aria-invalid={!dayOk(days.from) || undefined}
            onChange={(text) => {
              setDays((d) => ({ ...d, from: text }));
              if (dayOk(text)) set({ from: dayStart(text.trim()) });
            }}
          />
        </label>
        <label>
          {t("interactions.filter.to")}
          <DateField
            value={days.to}
            aria-invalid={!dayOk(days.to) || undefined}
            onChange={(text) => {
              setDays((d) => ({ ...d, to: text }));
              if (dayOk(text)) set({ to: dayEnd(text.trim()) });
            }}
          />
        </label>
        <label style={{ flexDirection: "row", alignItems: "center", gap: 4 }}>
          <input
            type="checkbox"
            checked={filter.test ?? false}
            onChange={(e) => set({ test: e.target.checked || undefined })}
          />
          {t("interactions.filter.test")}
        </label>
      </form>
      {list.isPending ? (
        <p>{t("common.loading")}</p>
      ) : list.isError ? (
        <p role="alert">{`${t("common.error")}: ${list.error.message}`}</p>
      ) : rows.length === 0 ? (
        <p>{t("interactions.none")}</p>
      ) : (
        <table className={styles.table} data-testid="interaction-list">
          <thead>
            <tr>
              {header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.createdAt, locale)}</td>
                <td data-i18n-data>
                  {r.flow} <span className={styles.mono}>v{r.version}</span>
                </td>
                <td data-testid="interaction-status">{word("status", r.status)}</td>
                <td data-testid="interaction-outcome">{r.outcome ? word("outcome", r.outcome) : "—"}</td>
                <td>{label(r.channel)}</td>
                <td data-i18n-data>{r.customer ?? "—"}</td>
                <td data-i18n-data className={styles.mono}>
                  {r.currentNode ?? "—"}
                </td>
                <td>
                  <Link href={`/interactions/${r.id}`} prefetch={false}>
                    {t("interactions.open")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.hasNextPage && (
        <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t("interactions.more")}
        </button>
      )}
    </div>
  );
}

function clean(filter: Filter): Filter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as Filter;
}
