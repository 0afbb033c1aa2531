"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../server/api/root";
import { useTRPC } from "../trpc/trpc";
import { useLocale } from "../i18n/LocaleProvider";
import { ErrorNote } from "./ErrorNote";
import styles from "./settings.module.css";

type Folder = inferRouterOutputs<AppRouter>["folders"]["list"][number];
type Access = inferRouterOutputs<AppRouter>["folders"]["access"];
type Member = Access["unlimited"][number];

/** "Billing / Disputes": a folder's name after its parents', for the folder picker. */
function pathName(folder: Folder, byId: Map<string, Folder>): string {
  const names: string[] = [];
  for (let f: Folder | undefined = folder; f && names.length < 50; f = f.parentId ? byId.get(f.parentId) : undefined)
    names.unshift(f.name);
  return names.join(" / ");
}

/**
 * For admins: per folder of the process map, who may edit (designers) and publish (reviewers) its flows:
 * the grants on it (add, remove), those inherited from a parent folder, and who works in every folder.
 */
export function FolderAccessPanel() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const { t } = useLocale();
  const folders = useQuery(trpc.folders.list.queryOptions());
  const members = useQuery(trpc.admin.members.list.queryOptions());
  const [chosen, setChosen] = useState<string | null>(null);
  const byId = new Map((folders.data ?? []).map((f) => [f.id, f]));
  const options = (folders.data ?? [])
    .map((f) => ({ id: f.id, label: pathName(f, byId) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const folderId = chosen ?? options[0]?.id ?? null;
  const access = useQuery({ ...trpc.folders.access.queryOptions({ id: folderId ?? "" }), enabled: folderId !== null });
  const refresh = () => client.invalidateQueries({ queryKey: trpc.folders.access.queryKey() });
  const grant = useMutation(trpc.folders.grant.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.folders.revokeGrant.mutationOptions({ onSuccess: refresh }));

  const does = (m: Member) => (
    <span className={styles.tag}>{m.role === "designer" ? t("folders.edits") : t("folders.reviews")}</span>
  );
  const who = (m: Member) => `${m.name} <${m.email}>`;
  const data = access.data;
  const granted = new Set([...(data?.direct ?? []), ...(data?.inherited ?? [])].map((m) => m.userId));
  const grantable = (members.data ?? []).filter(
    (m) => (m.role === "designer" || m.role === "reviewer") && !granted.has(m.userId),
  );

  return (
    <div>
      <h2>{t("settings.folders")}</h2>
      <p className={styles.muted}>{t("folders.intro")}</p>
      <ErrorNote error={folders.error ?? members.error ?? access.error ?? grant.error ?? revoke.error} />
      {folders.data && options.length === 0 ? <p data-testid="no-folders">{t("folders.none")}</p> : null}
      {folderId !== null && (
        <label className={styles.row}>
          {t("folders.pick")}{" "}
          <select value={folderId} onChange={(e) => setChosen(e.target.value)} data-testid="folder-picker">
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {data && folderId !== null && (
        <>
          <section className={styles.accessGroup} data-testid="access-direct">
            <h3>{t("folders.direct")}</h3>
            <form
              className={styles.row}
              onSubmit={(e) => {
                e.preventDefault();
                const userId = String(new FormData(e.currentTarget).get("userId") ?? "");
                if (userId) grant.mutate({ folderId, userId });
              }}
            >
              <label>
                {t("folders.member")}{" "}
                <select name="userId" key={`${folderId}-${grantable.length}`} defaultValue="">
                  <option value="" disabled>
                    —
                  </option>
                  {grantable.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {`${m.email} (${t(`role.${m.role}`)})`}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={grant.isPending || grantable.length === 0}>
                {t("folders.grant")}
              </button>
            </form>
            <table className={styles.table}>
              <tbody>
                {data.direct.map((m) => (
                  <tr key={m.userId}>
                    <td>{who(m)}</td>
                    <td>{does(m)}</td>
                    <td className={styles.muted}>{m.onlyGrant ? t("folders.onlyGrant") : ""}</td>
                    <td>
                      <button
                        type="button"
                        aria-label={`${t("folders.revoke")} ${m.email}`}
                        onClick={() => revoke.mutate({ folderId, userId: m.userId })}
                      >
                        {t("folders.revoke")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.direct.length === 0 ? <p className={styles.muted}>{t("folders.nobody")}</p> : null}
          </section>
          <section className={styles.accessGroup} data-testid="access-inherited">
            <h3>{t("folders.inherited")}</h3>
            <table className={styles.table}>
              <tbody>
                {data.inherited.map((m) => (
                  <tr key={m.userId}>
                    <td>{who(m)}</td>
                    <td>{does(m)}</td>
                    <td className={styles.muted}>
                      <button type="button" onClick={() => setChosen(m.from.id)}>
                        {t("folders.inheritedFrom", { folder: m.from.name })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.inherited.length === 0 ? <p className={styles.muted}>{t("folders.nobody")}</p> : null}
          </section>
          <section className={styles.accessGroup} data-testid="access-unlimited">
            <h3>{t("folders.unlimited")}</h3>
            <p className={styles.muted}>
              {data.unlimited.length === 0
                ? t("folders.nobody")
                : data.unlimited.map((m) => `${m.email} (${t(`role.${m.role}`)})`).join(", ")}
            </p>
            <h3>{t("folders.admins")}</h3>
            <p className={styles.muted}>{data.admins.map((m) => m.email).join(", ") || t("folders.nobody")}</p>
          </section>
        </>
      )}
    </div>
  );
}
