"use client";

import { useEffect } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./StudioHeader.module.css";

/** The cookie the server reads (server/auth/memberSession.ts WORKSPACE_COOKIE); it is checked against memberships. */
const WORKSPACE_COOKIE = "journey-workspace";

export type SwitcherWorkspace = { id: string; name: string; role: string };

function setWorkspaceCookie(id: string) {
  document.cookie = `${WORKSPACE_COOKIE}=${encodeURIComponent(id)}; path=/; max-age=31536000; samesite=lax`;
}

function cookieValue(): string | undefined {
  for (const part of document.cookie.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === WORKSPACE_COOKIE) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/**
 * The workspace this page works in and, for a member of several, a switch between them. Switching
 * opens the flow library of the other workspace (a page of this one may not exist there).
 */
export function WorkspaceSwitcher({ current, workspaces }: { current: string; workspaces: SwitcherWorkspace[] }) {
  const { t } = useLocale();
  // The server fell back to another workspace (none chosen yet, or removed from the chosen one): say so
  // in the cookie, so that this tab's calls go to the workspace it shows.
  useEffect(() => {
    if (cookieValue() !== current) setWorkspaceCookie(current);
  }, [current]);
  const name = workspaces.find((w) => w.id === current)?.name ?? "";
  if (workspaces.length < 2)
    return (
      <span className={styles.workspace} data-testid="workspace-name">
        {name}
      </span>
    );
  return (
    <label className={styles.locale}>
      <span className={styles.visuallyHidden}>{t("workspace.switch")}</span>
      <select
        aria-label={t("workspace.switch")}
        data-testid="workspace-switcher"
        value={current}
        onChange={(event) => {
          setWorkspaceCookie(event.target.value);
          window.location.assign("/flows");
        }}
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  );
}
