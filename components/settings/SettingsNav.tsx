"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLocale } from "../i18n/LocaleProvider";
import { signOut } from "../studio/signOut";
import { usePermissions } from "../studio/Permissions";
import { settingsSections } from "./settingsSections";
import styles from "./settings.module.css";

/** The sections the member's role may open (the others are not offered), who is signed in, sign out everywhere. */
export function SettingsNav({ email, role }: { email: string; role: string }) {
  const { t } = useLocale();
  const pathname = usePathname();
  const permissions = usePermissions();
  const links = settingsSections.filter((s) => permissions.has(s.action));
  return (
    <aside className={styles.nav}>
      <h1 className={styles.navTitle}>{t("settings.title")}</h1>
      <nav aria-label={t("settings.nav")}>
        <ul>
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href} aria-current={pathname === l.href ? "page" : undefined}>
                {t(l.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className={styles.muted}>{t("settings.signedInAs", { email, role })}</p>
      <button type="button" onClick={() => void signOut(true)}>
        {t("auth.signOutEverywhere")}
      </button>
    </aside>
  );
}
