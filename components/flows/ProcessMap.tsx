"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import { formatDate } from "../i18n/formatDate";
import { useCan } from "../studio/Permissions";
import { useTRPC } from "../trpc/trpc";
import { FolderTree, type MapFlow } from "./FolderTree";
import styles from "./processMap.module.css";

/** The process map: folders as levels, which flows call which, where each is published, republish callers. */
export function ProcessMap() {
  const { t, locale } = useLocale();
  const trpc = useTRPC();
  const client = useQueryClient();
  const canEdit = useCan("flows.edit");
  const canPublish = useCan("flows.publish");
  const map = useQuery(trpc.folders.map.queryOptions());
  const [note, setNote] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: trpc.folders.map.queryKey() });
  const failed = (e: { message: string }) => setNote({ kind: "error", text: e.message });
  const move = useMutation(
    trpc.folders.moveFlow.mutationOptions({
      onSuccess: (_r, input) => (setNote({ kind: "ok", text: t("map.moved", { key: input.key }) }), void refresh()),
      onError: failed,
    }),
  );
  const createFolder = useMutation(trpc.folders.create.mutationOptions({ onSuccess: refresh, onError: failed }));
  const republish = useMutation(
    trpc.folders.republishCallers.mutationOptions({
      onSuccess: (done) => (
        setNote({
          kind: "ok",
          text: t("map.republished", { flows: done.map((d) => `${d.key} v${d.version}`).join(", ") }),
        }),
        void refresh()
      ),
      onError: failed,
    }),
  );
  const flows = (map.data?.flows ?? []).filter((f) => !f.archived);
  const callersOf = (key: string) => flows.filter((f) => f.calls.includes(key)).map((f) => f.key);
  const staleCallersOf = (key: string) => flows.filter((f) => f.staleInlined.includes(key));

  const details = (flow: MapFlow) => {
    const callers = callersOf(flow.key);
    const stale = staleCallersOf(flow.key);
    return (
      <div>
        <span className={`${styles.badge} ${flow.latestVersion ? styles.published : ""}`}>
          {flow.latestVersion
            ? `${t("map.published", { version: flow.latestVersion })} · ${formatDate(flow.publishedAt ?? 0, locale)}`
            : t("map.notPublished")}
        </span>{" "}
        <span className={styles.calls}>
          {flow.calls.length ? `→ ${t("map.calls", { flows: flow.calls.join(", ") })}` : t("map.noCalls")}
          {callers.length ? ` · ← ${t("map.calledBy", { flows: callers.join(", ") })}` : ""}
        </span>
        {flow.staleInlined.length > 0 && (
          <div className={styles.stale} data-testid={`stale-${flow.key}`}>
            ⚠ {t("map.stale", { flows: flow.staleInlined.join(", ") })}
          </div>
        )}
        {canPublish && stale.length > 0 && (
          <div>
            <button
              type="button"
              className={`${styles.button} ${styles.primary}`}
              disabled={republish.isPending}
              onClick={() => republish.mutate({ key: flow.key })}
            >
              {t("map.republishCallers", { count: stale.length })}
            </button>
          </div>
        )}
      </div>
    );
  };

  return (
    <section className={styles.page}>
      <div className={styles.header}>
        <h1>{t("map.title")}</h1>
      </div>
      <p className={styles.intro}>{t("map.intro")}</p>
      {note && (
        <p className={styles.note} role={note.kind === "error" ? "alert" : "status"}>
          {note.text}
        </p>
      )}
      {map.isPending && <p>{t("common.loading")}</p>}
      {map.data && (
        <FolderTree
          folders={map.data.folders}
          flows={flows}
          canEdit={canEdit}
          details={details}
          onMove={(key, folderId) => move.mutate({ key, folderId })}
          onCreateFolder={(name, parentId) => createFolder.mutate({ name, parentId })}
        />
      )}
    </section>
  );
}
