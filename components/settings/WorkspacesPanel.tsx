"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc";
import { useLocale } from "../i18n/LocaleProvider";
import { ErrorNote } from "./ErrorNote";
import styles from "./settings.module.css";

/** For instance administrators: every workspace of the installation; create, rename, archive. */
export function WorkspacesPanel() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const { t } = useLocale();
  const list = useQuery(trpc.workspaces.list.queryOptions());
  const refresh = () => client.invalidateQueries({ queryKey: trpc.workspaces.list.queryKey() });
  const [created, setCreated] = useState<string | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.workspaces.create.mutationOptions({
      // A full reload: the header's switcher lists the new workspace (the page's layout reads memberships).
      onSuccess: (w) => (setCreated(t("settings.workspaces.created", { name: w.name })), void refresh()),
    }),
  );
  const rename = useMutation(trpc.workspaces.rename.mutationOptions({ onSuccess: refresh }));
  const archive = useMutation(trpc.workspaces.archive.mutationOptions({ onSuccess: refresh }));
  return (
    <div>
      <h2>{t("settings.workspaces")}</h2>
      <p className={styles.muted}>{t("settings.workspaces.intro")}</p>
      <form
        className={styles.row}
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          create.mutate({ slug: String(form.get("slug") ?? ""), name: String(form.get("name") ?? "") });
        }}
      >
        <label>
          {t("settings.workspaces.slug")} <input name="slug" required pattern="[a-z0-9][a-z0-9\-]{0,62}" />
        </label>
        <label>
          {t("settings.workspaces.name")} <input name="name" required maxLength={200} />
        </label>
        <button type="submit" disabled={create.isPending}>
          {t("settings.workspaces.create")}
        </button>
      </form>
      {created ? (
        <p className={styles.muted} role="status">
          {created}
        </p>
      ) : null}
      <ErrorNote error={list.error ?? create.error ?? rename.error ?? archive.error} />
      <table className={styles.table} data-testid="workspaces-table">
        <thead>
          <tr>
            <th>{t("settings.workspaces.slug")}</th>
            <th>{t("settings.workspaces.name")}</th>
            <th>{t("settings.workspaces.members")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.map((w) => (
            <tr key={w.id} data-archived={w.archived || undefined}>
              <td>
                <code>{w.slug}</code>
              </td>
              <td>
                <form
                  className={styles.row}
                  onSubmit={(e) => {
                    e.preventDefault();
                    rename.mutate({ id: w.id, name: names[w.id] ?? w.name });
                  }}
                >
                  <input
                    aria-label={`${t("settings.workspaces.name")} ${w.slug}`}
                    value={names[w.id] ?? w.name}
                    onChange={(e) => setNames({ ...names, [w.id]: e.target.value })}
                    required
                    maxLength={200}
                  />
                  <button type="submit" disabled={rename.isPending || (names[w.id] ?? w.name) === w.name}>
                    {t("settings.workspaces.rename")}
                  </button>
                </form>
              </td>
              <td>{w.members}</td>
              <td>
                {w.archived && <span className={styles.muted}>{t("settings.workspaces.archived")} </span>}
                <button
                  type="button"
                  aria-label={`${w.archived ? t("settings.workspaces.unarchive") : t("settings.workspaces.archive")} ${w.slug}`}
                  onClick={() => archive.mutate({ id: w.id, archived: !w.archived })}
                >
                  {w.archived ? t("settings.workspaces.unarchive") : t("settings.workspaces.archive")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
