"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import styles from "./scripts.module.css";

type Props = {
  scriptKey: string;
  version: number;
  disabled: boolean;
  onApprove: (impact: { flows: number; running: number }) => void;
};

/**
 * Approve, after saying what it changes: the newest approved version is what every published flow
 * says, so the confirmation lists those flows and the interactions running on them.
 */
export function ApproveButton({ scriptKey, version, disabled, onApprove }: Props) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const usage = useQuery({ ...trpc.scripts.usage.queryOptions({ key: scriptKey }), enabled: open, staleTime: 0 });
  const close = () => (dialog.current?.close(), setOpen(false));
  return (
    <>
      <button
        type="button"
        className={styles.primary}
        disabled={disabled}
        onClick={() => (setOpen(true), dialog.current?.showModal())}
      >
        {t("scripts.versions.approve")}
      </button>
      <dialog
        ref={dialog}
        className={styles.dialog}
        aria-label={t("scripts.approve.title", { version })}
        onClose={() => setOpen(false)}
      >
        <h3>{t("scripts.approve.title", { version })}</h3>
        {usage.isPending && open && <p>{t("common.loading")}</p>}
        {usage.isError && <p role="alert">{usage.error.message}</p>}
        {usage.data && (
          <div data-testid="approve-impact">
            {usage.data.flows.length === 0 ? (
              <p>{t("scripts.approve.noFlows")}</p>
            ) : (
              <>
                <p>{t("scripts.approve.flows", { count: usage.data.flows.length })}</p>
                <ul>
                  {usage.data.flows.map((f) => (
                    <li key={f.key}>
                      <Link href={`/flows/${f.key}`}>{f.name}</Link> <code>{f.key}</code> · v{f.version}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p data-testid="approve-running">
              {t("scripts.approve.running", { count: usage.data.runningInteractions })}
            </p>
          </div>
        )}
        <div className={styles.row}>
          <button type="button" onClick={close}>
            {t("common.cancel")}
          </button>
          <button
            type="button"
            className={styles.primary}
            disabled={!usage.data}
            onClick={() => {
              const impact = { flows: usage.data?.flows.length ?? 0, running: usage.data?.runningInteractions ?? 0 };
              close();
              onApprove(impact);
            }}
          >
            {t("scripts.approve.confirm", { version })}
          </button>
        </div>
      </dialog>
    </>
  );
}
