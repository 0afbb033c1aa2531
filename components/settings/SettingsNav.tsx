"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./settings.module.css";

async function signOut(everywhere: boolean) {
  if (everywhere)
    await fetch("/api/auth/revoke-sessions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
  await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  window.location.assign("/sign-in");
}

export function SettingsNav({ email, role }: { email: string; role: string }) {
  const { t } = useLocale();
  const pathname = usePathname();
  const links = [
    { href: "/settings/api-keys", label: t("settings.apiKeys") },
    { href: "/settings/webhooks", label: t("settings.webhooks") },
    { href: "/settings/members", label: t("settings.members") },
    { href: "/settings/policy", label: t("settings.policy") },
    { href: "/settings/audit", label: t("settings.audit") },
  ];
  return (
    <aside className={styles.nav}>
      <h1 className={styles.navTitle}>{t("settings.title")}</h1>
      <nav aria-label={t("settings.nav")}>
        <ul>
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href} aria-current={pathname === l.href ? "page" : undefined}>
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className={styles.muted}>{t("settings.signedInAs", { email, role })}</p>
      <button type="button" onClick={() => void signOut(false)}>
        {t("auth.signOut")}
      </button>
      <button type="button" onClick={() => void signOut(true)}>
        {t("auth.signOutEverywhere")}
      </button>
    </aside>
  );
}
