"use client";

import { useState } from "react";
import type { FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useLocale } from "../../../../components/i18n/LocaleProvider";
import { useTRPC } from "../../../../components/trpc/trpc";
import type { InvitationDetails as Details } from "../../../../server/services/members/invitations";
import styles from "../../sign-in/signIn.module.css";

/** The cookie the server reads for the workspace to work in (server/auth/memberSession.ts WORKSPACE_COOKIE). */
function openWorkspace(id: string) {
  document.cookie = `journey-workspace=${encodeURIComponent(id)}; path=/; max-age=31536000; samesite=lax`;
  window.location.assign("/flows");
}

async function signIn(email: string, password: string): Promise<number> {
  const res = await fetch("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

/**
 * Accepting an invitation: signed in as the invited e-mail, one button; signed out, the sign-in form of
 * an existing account or the name and password of a new one (the link's holder needs to know which).
 */
export function InviteAccept({
  token,
  details,
  signedInAs,
}: {
  token: string;
  details: Details | null;
  signedInAs: string | null;
}) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  const acceptAsNew = useMutation(trpc.invitations.acceptAsNewUser.mutationOptions());

  if (!details)
    return (
      <main className={styles.page}>
        <div className={styles.card}>
          <p role="alert" className={styles.error}>
            {t("invite.invalid")}
          </p>
        </div>
      </main>
    );

  const workspace = details.workspaceName;
  const role = t(`role.${details.role}`);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      const code = e instanceof TRPCClientError ? Reflect.get(Object(e.data), "appCode") : undefined;
      setError(code === "INVITATION_INVALID" ? t("invite.invalid") : t("invite.failed"));
      setBusy(false);
    }
  }

  async function onSignIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    await run(async () => {
      const status = await signIn(details?.email ?? "", password);
      if (status !== 200) {
        setError(status === 429 ? t("auth.signIn.throttled", { seconds: "60" }) : t("auth.signIn.invalid"));
        setBusy(false);
        return;
      }
      openWorkspace((await accept.mutateAsync({ token })).workspaceId);
    });
  }

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setError(t("invite.mismatch"));
      return;
    }
    await run(async () => {
      const joined = await acceptAsNew.mutateAsync({ token, name: String(form.get("name") ?? ""), password });
      if ((await signIn(joined.email, password)) !== 200) throw new Error("sign-in failed");
      openWorkspace(joined.workspaceId);
    });
  }

  const alert = error ? (
    <p role="alert" className={styles.error}>
      {error}
    </p>
  ) : null;
  const header = (
    <>
      <h1 className={styles.title}>{t("invite.title", { workspace })}</h1>
      <p className={styles.hint}>{t("invite.summary", { email: details.email, workspace, role })}</p>
    </>
  );

  if (signedInAs !== null && signedInAs === details.email)
    return (
      <main className={styles.page}>
        <div className={styles.card}>
          {header}
          <p className={styles.hint}>{t("invite.signedInAs", { email: signedInAs })}</p>
          {alert}
          <button
            type="button"
            className={styles.submit}
            disabled={busy}
            onClick={() => void run(async () => openWorkspace((await accept.mutateAsync({ token })).workspaceId))}
          >
            {t("invite.join", { workspace })}
          </button>
        </div>
      </main>
    );

  if (signedInAs !== null)
    return (
      <main className={styles.page}>
        <div className={styles.card}>
          {header}
          <p role="alert" className={styles.error}>
            {t("invite.otherUser", { email: details.email, current: signedInAs })}
          </p>
          <button
            type="button"
            className={styles.submit}
            onClick={() =>
              void fetch("/api/auth/sign-out", {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: "{}",
              }).then(() => window.location.reload())
            }
          >
            {t("invite.signOut")}
          </button>
        </div>
      </main>
    );

  if (details.hasAccount)
    return (
      <main className={styles.page}>
        <form className={styles.card} onSubmit={(e) => void onSignIn(e)}>
          {header}
          <p className={styles.hint}>{t("invite.signInToAccept")}</p>
          <label className={styles.field}>
            <span>{t("auth.signIn.email")}</span>
            <input name="email" type="email" value={details.email} readOnly autoComplete="username" />
          </label>
          <label className={styles.field}>
            <span>{t("auth.signIn.password")}</span>
            <input name="password" type="password" autoComplete="current-password" required autoFocus />
          </label>
          {alert}
          <button type="submit" className={styles.submit} disabled={busy}>
            {t("invite.signInAndJoin")}
          </button>
        </form>
      </main>
    );

  return (
    <main className={styles.page}>
      <form className={styles.card} onSubmit={(e) => void onCreate(e)}>
        {header}
        <p className={styles.hint}>{t("invite.newAccount")}</p>
        <label className={styles.field}>
          <span>{t("auth.signIn.email")}</span>
          <input name="email" type="email" value={details.email} readOnly autoComplete="username" />
        </label>
        <label className={styles.field}>
          <span>{t("invite.name")}</span>
          <input name="name" autoComplete="name" maxLength={100} autoFocus />
        </label>
        <label className={styles.field}>
          <span>{t("invite.newPassword")}</span>
          <input name="password" type="password" autoComplete="new-password" minLength={12} maxLength={256} required />
        </label>
        <label className={styles.field}>
          <span>{t("invite.confirmPassword")}</span>
          <input name="confirm" type="password" autoComplete="new-password" minLength={12} maxLength={256} required />
        </label>
        {alert}
        <button type="submit" className={styles.submit} disabled={busy}>
          {t("invite.create")}
        </button>
      </form>
    </main>
  );
}
