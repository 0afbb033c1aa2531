"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { scriptChannels, type ScriptChannel } from "../../flows/scripts/scriptDocument";
import { MAX_DOCUMENT_BYTES, readDocumentText } from "../../flows/schema/readDocumentFile";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { useCan } from "../studio/Permissions";
import { defaultScriptLocale, LocaleInput } from "./LocaleInput";
import { StatusBadge, type ScriptVersionStatus } from "./StatusBadge";
import styles from "./scripts.module.css";

const statuses: readonly ScriptVersionStatus[] = ["draft", "in_review", "approved"];

/** Scripts of the workspace: search by key or name, filter by channel and status; create; import. */
export function ScriptList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { t, locale } = useLocale();
  const canEdit = useCan("scripts.edit");
  const [search, setSearch] = useState("");
  const [channel, setChannel] = useState<ScriptChannel | "">("");
  const [status, setStatus] = useState<ScriptVersionStatus | "">("");
  const deferredSearch = useDeferredValue(search);
  const list = useQuery(
    trpc.scripts.list.queryOptions({
      search: deferredSearch || undefined,
      channel: channel || undefined,
      status: status || undefined,
    }),
  );
  const [creating, setCreating] = useState<{
    key: string;
    name: string;
    channel: ScriptChannel;
    locale: string;
  } | null>(null);
  const [notice, setNotice] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const create = useMutation(
    trpc.scripts.create.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.scripts.pathKey() });
        router.push(`/scripts/${r.key}`);
      },
      onError: (e) => setNotice({ kind: "error", text: e.message }),
    }),
  );
  const importDocs = useMutation(
    trpc.scripts.import.mutationOptions({
      onSuccess: async (results) => {
        await queryClient.invalidateQueries({ queryKey: trpc.scripts.pathKey() });
        const failed = results.filter((r) => !r.ok);
        setNotice({
          kind: failed.length ? "error" : "ok",
          text: [
            t("scripts.import.done", { count: results.length - failed.length }),
            ...failed.map((f) => (f.ok ? "" : `#${f.index + 1}: ${f.message}`)),
          ].join(" "),
        });
      },
      onError: (e) => setNotice({ kind: "error", text: e.message }),
    }),
  );

  const readFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    const documents: unknown[] = [];
    for (const file of Array.from(files)) {
      const read =
        file.size > MAX_DOCUMENT_BYTES
          ? ({ ok: false, problem: "too-large", bytes: file.size } as const)
          : readDocumentText(await file.text());
      if (!read.ok) {
        setNotice({
          kind: "error",
          text:
            read.problem === "too-large"
              ? t("import.tooLarge", { file: file.name, size: Math.ceil(read.bytes / 1024) })
              : t("scripts.import.badJson", { file: file.name }),
        });
        return;
      }
      documents.push(read.value);
    }
    importDocs.mutate({ documents });
  };

  return (
    <div className={styles.page}>
      <div className={styles.row}>
        <h1 className={styles.grow}>{t("nav.scripts")}</h1>
        {canEdit && (
          <>
            <label className={styles.fileButton}>
              {t("scripts.import.button")}
              <input
                type="file"
                accept="application/json,.json"
                multiple
                onChange={(e) => void readFiles(e.target.files)}
              />
            </label>
            <button
              type="button"
              className={styles.primary}
              onClick={() => setCreating({ key: "", name: "", channel: "sms", locale: defaultScriptLocale(locale) })}
            >
              + {t("scripts.new")}
            </button>
          </>
        )}
      </div>
      {notice && (
        <p
          className={notice.kind === "error" ? styles.errorBanner : styles.okBanner}
          role={notice.kind === "error" ? "alert" : "status"}
        >
          {notice.text}
        </p>
      )}
      {creating && (
        <form
          className={styles.createForm}
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({
              key: creating.key.trim(),
              name: creating.name.trim(),
              channel: creating.channel,
              ...(creating.locale ? { locale: creating.locale } : {}),
            });
          }}
        >
          <label>
            {t("scripts.key")}
            <input
              required
              pattern="[a-z0-9][a-z0-9\-]*"
              value={creating.key}
              onChange={(e) => setCreating({ ...creating, key: e.target.value })}
              placeholder="birthday-greeting"
            />
          </label>
          <label>
            {t("scripts.name")}
            <input
              required
              value={creating.name}
              onChange={(e) => setCreating({ ...creating, name: e.target.value })}
            />
          </label>
          <label>
            {t("scripts.channelLabel")}
            <select
              value={creating.channel}
              onChange={(e) =>
                setCreating({ ...creating, channel: scriptChannels.find((c) => c === e.target.value) ?? "sms" })
              }
            >
              {scriptChannels.map((c) => (
                <option key={c} value={c}>
                  {t(`scripts.channel.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("scripts.localeLabel")}
            <LocaleInput
              label={t("scripts.localeLabel")}
              value={creating.locale}
              onChange={(l) => setCreating({ ...creating, locale: l })}
            />
          </label>
          <button type="submit" className={styles.primary} disabled={create.isPending}>
            {t("scripts.create")}
          </button>
          <button type="button" onClick={() => setCreating(null)}>
            {t("common.cancel")}
          </button>
          <span className={styles.muted}>{t("scripts.keyHint")}</span>
        </form>
      )}
      <div className={styles.filters}>
        <input
          type="search"
          aria-label={t("common.search")}
          placeholder={t("scripts.searchPlaceholder")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select
          aria-label={t("scripts.channelLabel")}
          value={channel}
          onChange={(e) => setChannel(scriptChannels.find((c) => c === e.target.value) ?? "")}
        >
          <option value="">{t("scripts.allChannels")}</option>
          {scriptChannels.map((c) => (
            <option key={c} value={c}>
              {t(`scripts.channel.${c}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t("scripts.statusLabel")}
          value={status}
          onChange={(e) => setStatus(statuses.find((s) => s === e.target.value) ?? "")}
        >
          <option value="">{t("scripts.allStatuses")}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`scripts.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {list.isPending ? (
        <p>{t("common.loading")}</p>
      ) : list.isError ? (
        <div role="alert">
          <p>
            {t("common.error")}: {list.error.message}
          </p>
          <button type="button" onClick={() => void list.refetch()}>
            {t("common.retry")}
          </button>
        </div>
      ) : list.data.length === 0 ? (
        <p className={styles.empty}>{search || channel || status ? t("scripts.noMatch") : t("scripts.empty")}</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{t("scripts.name")}</th>
              <th>{t("scripts.key")}</th>
              <th>{t("scripts.channels")}</th>
              <th>{t("scripts.statusLabel")}</th>
              <th>{t("scripts.liveVersion")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((s) => (
              <tr key={s.key}>
                <td>
                  <Link href={`/scripts/${s.key}`}>{s.name}</Link>
                </td>
                <td>
                  <code>{s.key}</code>
                </td>
                <td>{s.channels.map((c) => t(`scripts.channel.${c}`)).join(", ")}</td>
                <td>
                  v{s.latestVersion} <StatusBadge status={s.status} />
                </td>
                <td>{s.approvedVersion ? `v${s.approvedVersion}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
