"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc";
import { useLocale } from "../i18n/LocaleProvider";
import { ErrorNote } from "./ErrorNote";
import styles from "./settings.module.css";

const roles = ["admin", "designer", "content-editor", "reviewer", "viewer"] as const;
const toRole = (value: unknown) => roles.find((r) => r === value) ?? "viewer";

/** The workspace's members; with `canManage` (members.manage) the forms to add, change and remove them. */
export function MembersPanel({ canManage, role }: { canManage: boolean; role: string }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const { t } = useLocale();
  const members = useQuery(trpc.admin.members.list.queryOptions());
  const security = useQuery(trpc.admin.security.get.queryOptions());
  const refresh = () => client.invalidateQueries({ queryKey: trpc.admin.members.list.queryKey() });
  const [created, setCreated] = useState<string | null>(null);
  const add = useMutation(
    trpc.admin.members.add.mutationOptions({
      onSuccess: (r, input) => (
        setCreated(
          r.initialPassword ? t("settings.initialPassword", { email: input.email, password: r.initialPassword }) : null,
        ),
        refresh()
      ),
    }),
  );
  const changeRole = useMutation(trpc.admin.members.changeRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.admin.members.remove.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(
    trpc.admin.security.update.mutationOptions({
      onSuccess: () => client.invalidateQueries({ queryKey: trpc.admin.security.get.queryKey() }),
    }),
  );
  return (
    <div>
      <h2>{t("settings.members")}</h2>
      {!canManage && (
        <p className={styles.muted} data-testid="read-only">
          {t("settings.readOnly", { role })}
        </p>
      )}
      {canManage && (
        <form
          className={styles.row}
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            add.mutate({
              email: String(form.get("email") ?? ""),
              name: String(form.get("name") ?? ""),
              role: toRole(form.get("role")),
            });
          }}
        >
          <label>
            {t("settings.email")} <input name="email" type="email" required />
          </label>
          <label>
            {t("settings.name")} <input name="name" />
          </label>
          <label>
            {t("settings.role")}{" "}
            <select name="role" defaultValue="viewer">
              {roles.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={add.isPending}>
            {t("settings.add")}
          </button>
        </form>
      )}
      {created ? (
        <div className={styles.secret} role="status">
          <code>{created}</code>
          <p>{t("settings.shownOnce")}</p>
        </div>
      ) : null}
      <ErrorNote error={members.error ?? add.error ?? changeRole.error ?? remove.error ?? update.error} />
      <table className={styles.table}>
        <thead>
          <tr>
            <th>{t("settings.email")}</th>
            <th>{t("settings.name")}</th>
            <th>{t("settings.role")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {members.data?.map((m) => (
            <tr key={m.userId}>
              <td>{m.email}</td>
              <td>{m.name}</td>
              <td>
                {canManage ? (
                  <select
                    aria-label={`${t("settings.role")} ${m.email}`}
                    value={m.role}
                    onChange={(e) => changeRole.mutate({ userId: m.userId, role: toRole(e.target.value) })}
                  >
                    {roles.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                ) : (
                  m.role
                )}
              </td>
              <td>
                {canManage && (
                  <button type="button" onClick={() => remove.mutate({ userId: m.userId })}>
                    {t("settings.remove")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {security.data && !canManage ? (
        <p className={styles.muted}>{`${t("settings.fourEyes")}: ${security.data.requireFourEyes ? "✓" : "—"}`}</p>
      ) : null}
      {security.data && canManage ? (
        <label className={styles.check}>
          <input
            type="checkbox"
            checked={security.data.requireFourEyes}
            onChange={(e) => update.mutate({ ...security.data, requireFourEyes: e.target.checked })}
          />
          {t("settings.fourEyes")}
        </label>
      ) : null}
    </div>
  );
}
