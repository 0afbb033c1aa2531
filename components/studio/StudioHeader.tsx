"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLocale } from "../i18n/LocaleProvider";
import { signOut } from "./signOut";
import { WorkspaceSwitcher, type SwitcherWorkspace } from "./WorkspaceSwitcher";
import styles from "./StudioHeader.module.css";

export function StudioHeader({
  user,
  workspace,
  workspaces,
}: {
  user: { email: string; role: string };
  workspace: string;
  workspaces: SwitcherWorkspace[];
}) {
  const { t, locale, setLocale } = useLocale();
  const pathname = usePathname();
  const links = [
    { href: "/flows", label: t("nav.flows") },
    { href: "/process-map", label: t("nav.processMap") },
    { href: "/scripts", label: t("nav.scripts") },
    { href: "/interactions", label: t("nav.interactions") },
    { href: "/customers", label: t("nav.customers") },
    { href: "/settings", label: t("nav.settings") },
  ];
  return (
    <header className={styles.header}>
      {/* No prefetching: every studio page is rendered per request (it checks the session), so a prefetch
          would only fetch the shared layout, and it competes with the page being opened (the canvas). */}
      <Link href="/flows" className={styles.brand} prefetch={false}>
        {t("app.name")}
      </Link>
      <WorkspaceSwitcher current={workspace} workspaces={workspaces} />
      <nav aria-label={t("nav.main")} className={styles.nav}>
        {links.map((link) => (
          <Link
            key={link.href}
            href={link.href}
            className={styles.link}
            prefetch={false}
            aria-current={pathname.startsWith(link.href) ? "page" : undefined}
          >
            {link.label}
          </Link>
        ))}
      </nav>
      <span className={styles.user} title={user.role}>
        {user.email}
      </span>
      <label className={styles.locale}>
        <span className={styles.visuallyHidden}>{t("locale.switch")}</span>
        <select
          value={locale}
          onChange={(event) => setLocale(event.target.value === "zh" ? "zh" : "en")}
          aria-label={t("locale.switch")}
        >
          {/* Each language by its own name, in every language. */}
          <option value="en" data-i18n-data>
            English
          </option>
          <option value="zh">中文</option>
        </select>
      </label>
      <button type="button" className={styles.signOut} onClick={() => void signOut(false)}>
        {t("auth.signOut")}
      </button>
    </header>
  );
}
