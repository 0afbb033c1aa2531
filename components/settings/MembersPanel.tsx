"use client";

import { useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc";
import { useLocale } from "../i18n/LocaleProvider";
import { ErrorNote } from "./ErrorNote";
import styles from "./settings.module.css";

const roles = ["admin", "designer", "content-editor", "reviewer", "viewer"] as const;
const toRole = (value: unknown) => roles.find((r) => r === value) ?? "viewer";

/**
 * The workspace's members; with `canManage` (members.manage) inviting (the answer is the same whether
 * or not the e-mail has an account), the pending invitations, and changing or removing members.
 */
export function MembersPanel({ canManage, role }: { canManage: boolean; role: string }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const { t, locale } = useLocale();
  const members = useQuery(trpc.admin.members.list.queryOptions());
  const invitations = useQuery({ ...trpc.admin.members.invitations.queryOptions(), enabled: canManage });
  const security = useQuery(trpc.admin.security.get.queryOptions());
  const refresh = () => client.invalidateQueries({ queryKey: trpc.admin.members.list.queryKey() });
  const refreshInvitations = () => client.invalidateQueries({ queryKey: trpc.admin.members.invitations.queryKey() });
  const [link, setLink] = useState<{ email: string; url: string; expiresAt: string } | null>(null);
  const inviteForm = useRef<HTMLFormElement>(null);
  const when = (iso: string) => new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB");
  const invite = useMutation(
    trpc.admin.members.invite.mutationOptions({
      onSuccess: (r) => (
        setLink({ email: r.email, url: `${window.location.origin}/invite/${r.token}`, expiresAt: r.expiresAt }),
        inviteForm.current?.reset(),
        refreshInvitations()
      ),
    }),
  );
  const revokeInvitation = useMutation(
    trpc.admin.members.revokeInvitation.mutationOptions({ onSuccess: refreshInvitations }),
  );
  const changeRole = useMutation(trpc.admin.members.changeRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.admin.members.remove.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(
    trpc.admin.security.update.mutationOptions({
      onSuccess: () => client.invalidateQueries({ queryKey: trpc.admin.security.get.queryKey() }),
    }),
  );
  const roleOptions = roles.map((r) => (
    <option key={r} value={r}>
      {t(`role.${r}`)}
    </option>
  ));
  return (
    <div>
      <h2>{t("settings.members")}</h2>
      {!canManage && (
        <p className={styles.muted} data-testid="read-only">
          {t("settings.readOnly", { role })}
        </p>
      )}
      {canManage && (
        <>
          <p className={styles.muted}>{t("settings.inviteIntro")}</p>
          <form
            ref={inviteForm}
            className={styles.row}
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              setLink(null);
              invite.mutate({ email: String(form.get("email") ?? ""), role: toRole(form.get("role")) });
            }}
          >
            <label>
              {t("settings.email")} <input name="email" type="email" required />
            </label>
            <label>
              {t("settings.role")}{" "}
              <select name="role" defaultValue="viewer">
                {roleOptions}
              </select>
            </label>
            <button type="submit" disabled={invite.isPending}>
              {t("settings.invite")}
            </button>
          </form>
        </>
      )}
      {link ? (
        <div className={styles.secret} role="status" data-testid="invitation-link">
          <p>{t("settings.inviteLink", { email: link.email, date: when(link.expiresAt) })}</p>
          <code>{link.url}</code>
          <p>{t("settings.inviteSend")}</p>
        </div>
      ) : null}
      <ErrorNote
        error={
          members.error ??
          invitations.error ??
          invite.error ??
          revokeInvitation.error ??
          changeRole.error ??
          remove.error ??
          update.error
        }
      />
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
                    {roleOptions}
                  </select>
                ) : (
                  t(`role.${m.role}`)
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
      {canManage && (
        <section data-testid="invitations">
          <h3>{t("settings.invitations")}</h3>
          {invitations.data?.length === 0 ? <p className={styles.muted}>{t("settings.noInvitations")}</p> : null}
          {invitations.data?.length ? (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>{t("settings.email")}</th>
                  <th>{t("settings.role")}</th>
                  <th>{t("settings.invitationStatus")}</th>
                  <th>{t("settings.invitationExpires")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {invitations.data.map((i) =>
                  i.status === "expired" ? (
                    // An expired link lets nobody join: it says so, and offers to send it again or remove it.
                    <tr key={i.id} className={styles.expired} data-testid="invitation-expired">
                      <td>{i.email}</td>
                      <td>{t(`role.${i.role}`)}</td>
                      <td>
                        <span className={`${styles.badge} ${styles.badgeExpired}`}>
                          {t("settings.invitationExpired")}
                        </span>
                      </td>
                      <td>{t("settings.invitationExpiredOn", { date: when(i.expiresAt) })}</td>
                      <td>
                        <div className={styles.rowActions}>
                          <button
                            type="button"
                            aria-label={t("settings.invitationResendFor", { email: i.email })}
                            disabled={invite.isPending}
                            onClick={() => invite.mutate({ email: i.email, role: i.role })}
                          >
                            {t("settings.invitationResend")}
                          </button>
                          <button
                            type="button"
                            aria-label={t("settings.invitationRemoveFor", { email: i.email })}
                            onClick={() => revokeInvitation.mutate({ id: i.id })}
                          >
                            {t("settings.invitationRemove")}
                          </button>
                        </div>
                      </td>
                    </tr>
                  ) : (
                    <tr key={i.id} data-testid="invitation-pending">
                      <td>{i.email}</td>
                      <td>{t(`role.${i.role}`)}</td>
                      <td>
                        <span className={styles.badge}>{t("settings.invitationPending")}</span>
                      </td>
                      <td>{when(i.expiresAt)}</td>
                      <td>
                        <button
                          type="button"
                          aria-label={`${t("settings.revoke")} ${i.email}`}
                          onClick={() => revokeInvitation.mutate({ id: i.id })}
                        >
                          {t("settings.revoke")}
                        </button>
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          ) : null}
        </section>
      )}
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
