"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc";
import { useLocale } from "../i18n/LocaleProvider";
import { formatDateTime } from "../i18n/formatDate";
import { ErrorNote } from "./ErrorNote";
import styles from "./settings.module.css";

const channels = ["voice", "sms", "wechat", "email", "chat", "app", "video", "social"] as const;

export function WebhooksPanel() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const { t, locale } = useLocale();
  const hooks = useQuery(trpc.admin.webhooks.list.queryOptions());
  const security = useQuery(trpc.admin.security.get.queryOptions());
  const refresh = () => client.invalidateQueries({ queryKey: trpc.admin.webhooks.list.queryKey() });
  const [secret, setSecret] = useState<string | null>(null);
  const save = useMutation(
    trpc.admin.webhooks.save.mutationOptions({ onSuccess: (r) => (setSecret(r.secret), refresh()) }),
  );
  const rotate = useMutation(
    trpc.admin.webhooks.rotateSecret.mutationOptions({ onSuccess: (r) => (setSecret(r.secret), refresh()) }),
  );
  const remove = useMutation(trpc.admin.webhooks.delete.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(
    trpc.admin.security.update.mutationOptions({
      onSuccess: () => client.invalidateQueries({ queryKey: trpc.admin.security.get.queryKey() }),
    }),
  );
  return (
    <div>
      <h2>{t("settings.webhooks")}</h2>
      <form
        className={styles.row}
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const channel = channels.find((c) => c === form.get("channel")) ?? "sms";
          save.mutate({ channel, url: String(form.get("url") ?? "") });
        }}
      >
        <label>
          {t("settings.channel")}{" "}
          <select name="channel">
            {channels.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className={styles.grow}>
          {t("settings.url")} <input name="url" type="url" required placeholder="https://" />
        </label>
        <button type="submit" disabled={save.isPending}>
          {t("settings.save")}
        </button>
      </form>
      {secret ? (
        <div className={styles.secret} role="status">
          <code data-testid="webhook-secret">{secret}</code>
          <p>{t("settings.shownOnce")}</p>
        </div>
      ) : null}
      <ErrorNote error={hooks.error ?? save.error ?? rotate.error ?? remove.error ?? update.error} />
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{t("settings.channel")}</th>
            <th>{t("settings.url")}</th>
            <th>{t("settings.secret")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {hooks.data?.map((w) => (
            <tr key={w.id}>
              <td>{w.channel}</td>
              <td>
                <code>{w.url}</code>
              </td>
              <td>
                <code>{w.secretHint}</code>
                {w.previousSecretExpiresAt ? (
                  <div className={styles.muted}>
                    {t("settings.previousValid", { time: formatDateTime(w.previousSecretExpiresAt, locale) })}
                  </div>
                ) : null}
              </td>
              <td>
                <button type="button" onClick={() => rotate.mutate({ id: w.id })}>
                  {t("settings.rotate")}
                </button>{" "}
                <button type="button" onClick={() => remove.mutate({ id: w.id })}>
                  {t("common.delete")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {security.data ? (
        <label className={styles.check}>
          <input
            type="checkbox"
            checked={security.data.allowPrivateWebhookTargets}
            onChange={(e) => update.mutate({ ...security.data, allowPrivateWebhookTargets: e.target.checked })}
          />
          {t("settings.allowPrivate")}
        </label>
      ) : null}
    </div>
  );
}
