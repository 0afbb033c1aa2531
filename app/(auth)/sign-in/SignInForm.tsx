"use client";

import { useId, useState } from "react";
import type { FormEvent } from "react";
import { useLocale } from "../../../components/i18n/LocaleProvider";
import styles from "./signIn.module.css";

export function SignInForm({ next }: { next: string }) {
  const { t, locale, setLocale } = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") }),
      });
      if (res.ok) {
        window.location.assign(next);
        return;
      }
      if (res.status === 429)
        setError(t("auth.signIn.throttled", { seconds: res.headers.get("x-retry-after") ?? "60" }));
      else if (res.status === 401 || res.status === 400) setError(t("auth.signIn.invalid"));
      else setError(t("auth.signIn.failed"));
    } catch {
      setError(t("auth.signIn.failed"));
    }
    setBusy(false);
  }

  return (
    <main className={styles.page}>
      <form
        className={styles.card}
        onSubmit={onSubmit}
        aria-describedby={error ? errorId : undefined}
        noValidate={false}
      >
        <h1 className={styles.title}>{t("auth.signIn.title")}</h1>
        <label className={styles.field}>
          <span>{t("auth.signIn.email")}</span>
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            aria-invalid={error ? true : undefined}
          />
        </label>
        <label className={styles.field}>
          <span>{t("auth.signIn.password")}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={error ? true : undefined}
          />
        </label>
        {error ? (
          <p id={errorId} role="alert" className={styles.error}>
            {error}
          </p>
        ) : null}
        <button type="submit" className={styles.submit} disabled={busy}>
          {busy ? t("auth.signIn.submitting") : t("auth.signIn.submit")}
        </button>
        <p className={styles.hint}>{t("auth.signIn.firstStart")}</p>
        <label className={styles.locale}>
          <span className={styles.visuallyHidden}>{t("locale.switch")}</span>
          <select
            value={locale}
            onChange={(e) => setLocale(e.target.value === "zh" ? "zh" : "en")}
            aria-label={t("locale.switch")}
          >
            <option value="en">English</option>
            <option value="zh">中文</option>
          </select>
        </label>
      </form>
    </main>
  );
}
