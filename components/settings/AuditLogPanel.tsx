"use client";

import { useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc";
import { useLocale } from "../i18n/LocaleProvider";
import { formatDateTime } from "../i18n/formatDate";
import { ErrorNote } from "./ErrorNote";
import styles from "./settings.module.css";

function change(before: unknown, after: unknown): string {
  const show = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));
  return [show(before), show(after)].filter(Boolean).join(" → ");
}

export function AuditLogPanel() {
  const trpc = useTRPC();
  const { t, locale } = useLocale();
  const [filter, setFilter] = useState({ action: "", text: "" });
  const log = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { action: filter.action || undefined, text: filter.text || undefined, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const rows = log.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <div>
      <h2>{t("settings.audit")}</h2>
      <form
        className={styles.row}
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          setFilter({ action: String(form.get("action") ?? ""), text: String(form.get("text") ?? "") });
        }}
      >
        <label>
          {t("audit.filterAction")} <input name="action" placeholder="apiKey." />
        </label>
        <label>
          {t("audit.filterText")} <input name="text" />
        </label>
        <button type="submit">{t("common.search")}</button>
      </form>
      <ErrorNote error={log.error} />
      <table className={styles.table} data-testid="audit-table">
        <thead>
          <tr>
            <th>{t("audit.when")}</th>
            <th>{t("audit.actor")}</th>
            <th>{t("audit.action")}</th>
            <th>{t("audit.subject")}</th>
            <th>{t("audit.change")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{formatDateTime(r.at, locale)}</td>
              <td>{r.actor.label}</td>
              <td>
                <code>{r.action}</code>
              </td>
              <td>
                {r.subject.type} {r.subject.label ?? r.subject.id ?? ""}
              </td>
              <td className={styles.change}>{change(r.before, r.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.hasNextPage ? (
        <button type="button" onClick={() => void log.fetchNextPage()}>
          {t("audit.more")}
        </button>
      ) : null}
    </div>
  );
}
