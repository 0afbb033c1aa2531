"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc";
import { useLocale } from "../i18n/LocaleProvider";
import { formatDateTime } from "../i18n/formatDate";
import { ErrorNote } from "./ErrorNote";
import styles from "./settings.module.css";

export function ApiKeysPanel() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const { t, locale } = useLocale();
  const keys = useQuery(trpc.admin.apiKeys.list.queryOptions());
  const refresh = () => client.invalidateQueries({ queryKey: trpc.admin.apiKeys.list.queryKey() });
  const [shown, setShown] = useState<string | null>(null);
  const create = useMutation(
    trpc.admin.apiKeys.create.mutationOptions({
      onSuccess: (k, input) => {
        setShown(k.key);
        // The new row shows at once; the refetch then brings the server's own.
        client.setQueryData(trpc.admin.apiKeys.list.queryKey(), (rows) =>
          rows?.some((row) => row.id === k.id)
            ? rows
            : [
                ...(rows ?? []),
                {
                  id: k.id,
                  name: input.name,
                  mode: k.mode,
                  prefix: k.prefix,
                  createdAt: new Date().toISOString(),
                  lastUsedAt: null,
                  revokedAt: null,
                },
              ],
        );
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.admin.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));
  return (
    <div>
      <h2>{t("settings.apiKeys")}</h2>
      <form
        className={styles.row}
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          create.mutate({ name: String(form.get("name") ?? ""), mode: form.get("mode") === "live" ? "live" : "test" });
        }}
      >
        <label>
          {t("settings.name")} <input name="name" required maxLength={100} />
        </label>
        <label>
          {t("settings.mode")}{" "}
          <select name="mode" defaultValue="test">
            <option value="test">test</option>
            <option value="live">live</option>
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          {t("settings.create")}
        </button>
      </form>
      {shown ? (
        <div className={styles.secret} role="status">
          <code data-testid="new-api-key">{shown}</code>
          <p>{t("settings.shownOnce")}</p>
        </div>
      ) : null}
      <ErrorNote error={keys.error ?? create.error ?? revoke.error} />
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{t("settings.name")}</th>
            <th>{t("settings.mode")}</th>
            <th>{t("settings.keyColumn")}</th>
            <th>{t("settings.created")}</th>
            <th>{t("settings.lastUsed")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.data?.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>{k.mode}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{formatDateTime(k.createdAt, locale)}</td>
              <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, locale) : t("settings.never")}</td>
              <td>
                {k.revokedAt ? (
                  t("settings.revoked")
                ) : (
                  <button
                    type="button"
                    onClick={() => revoke.mutate({ id: k.id })}
                    aria-label={`${t("settings.revoke")} ${k.name}`}
                  >
                    {t("settings.revoke")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
