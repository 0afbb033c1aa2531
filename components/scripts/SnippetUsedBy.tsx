"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { StatusBadge } from "./StatusBadge";
import styles from "./scripts.module.css";

/** A snippet's "used by" list: the scripts whose newest version puts it in. */
export function SnippetUsedBy({ snippetKey }: { snippetKey: string }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const users = useQuery(trpc.scripts.snippetUsage.queryOptions({ key: snippetKey }));
  if (!users.data) return null;
  return (
    <div className={styles.usedBy} data-testid="snippet-used-by">
      <strong>{t("snippets.usedBy", { count: users.data.length })}</strong>
      {users.data.length === 0 ? (
        <p className={styles.muted}>{t("snippets.unused")}</p>
      ) : (
        <ul>
          {users.data.map((u) => (
            <li key={u.key}>
              <Link href={`/scripts/${u.key}`}>{u.name}</Link> <code>{u.key}</code> v{u.version}{" "}
              <StatusBadge status={u.status} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
