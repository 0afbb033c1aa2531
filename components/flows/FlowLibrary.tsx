"use client";

import { useDeferredValue, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MAX_DOCUMENT_BYTES, readDocumentText } from "../../flows/schema/readDocumentFile";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { useCan } from "../studio/Permissions";
import { detectFormat } from "../../flows/convert";
import { ConfirmDialog, CreateFlowDialog, DuplicateDialog } from "./FlowDialogs";
import { ConvertImportDialog } from "./ConvertImportDialog";
import { ExampleGallery } from "../firstRun/ExampleGallery";
import firstRun from "../firstRun/firstRun.module.css";
import styles from "./library.module.css";

type Kind = "" | "sop" | "mot";
type Status = "active" | "draft" | "published" | "changed" | "archived";
type Pending =
  { type: "duplicate" | "archive"; key: string; name: string; archived: boolean } | { type: "create" } | undefined;

/** The flow library: search, filter by kind and status, create, duplicate, archive, import. */
export function FlowLibrary() {
  const { t, locale, diagnostic } = useLocale();
  const canEdit = useCan("flows.edit");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [kind, setKind] = useState<Kind>("");
  const [status, setStatus] = useState<Status>("active");
  const [pending, setPending] = useState<Pending>();
  const [message, setMessage] = useState<string>();
  const [converting, setConverting] = useState<{ fileName: string; source: unknown }>();
  const deferredSearch = useDeferredValue(search);
  const input = { search: deferredSearch || undefined, kind: kind || undefined, status };
  const flows = useQuery({ ...trpc.flows.list.queryOptions(input), placeholderData: (previous) => previous });
  // The whole workspace, for a count that says what the rows are of, and for the first run (no flows at all).
  const everyActive = useQuery(trpc.flows.list.queryOptions({ status: "active" }));
  const archivedFlows = useQuery(trpc.flows.list.queryOptions({ status: "archived" }));
  const [showExamples, setShowExamples] = useState(false);
  const health = useQuery(trpc.system.health.queryOptions());
  const archive = useMutation(trpc.flows.archive.mutationOptions());
  const importFlow = useMutation(trpc.flows.import.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });

  const onImport = async (file: File) => {
    setMessage(undefined);
    try {
      const read =
        file.size > MAX_DOCUMENT_BYTES
          ? ({ ok: false, problem: "too-large", bytes: file.size } as const)
          : readDocumentText(await file.text());
      if (!read.ok)
        return setMessage(
          read.problem === "too-large"
            ? t("import.tooLarge", { file: file.name, size: Math.ceil(read.bytes / 1024) })
            : t("import.notJson", { file: file.name }),
        );
      // A Twilio Studio or Amazon Connect export: its conversion report first, saved only when confirmed.
      if (detectFormat(read.value)) return setConverting({ fileName: file.name, source: read.value });
      const result = await importFlow.mutateAsync({ document: read.value, replace: false });
      // The findings in the studio's language (as the validator words them where no text is known).
      if ("diagnostics" in result)
        return setMessage(result.diagnostics.map((d) => diagnostic(d)).join(locale === "zh" ? "；" : "; "));
      await refresh();
      router.push(`/flows/${encodeURIComponent(result.key)}`);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  const list = flows.data ?? [];
  const total =
    everyActive.data && archivedFlows.data ? everyActive.data.length + archivedFlows.data.length : undefined;
  const emptyWorkspace = total === 0;
  const narrowed = Boolean(deferredSearch) || kind !== "" || status !== "active";
  // No count until the list has loaded: "0 flows" beside "Loading…" says the workspace is empty.
  const countText = flows.isPending
    ? ""
    : narrowed && total !== undefined
      ? t("library.shownOf", { count: list.length, total })
      : list.length === 1
        ? t("library.shownOne")
        : t("library.shown", { count: list.length });
  const archivedCount = archivedFlows.data?.length ?? 0;
  const dateFormat = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  return (
    <section className={styles.page}>
      <div className={styles.header}>
        <h1>{t("library.title")}</h1>
        <span className={styles.spacer} />
        <Link href="/get-started" className={styles.button}>
          {t("library.getStarted")}
        </Link>
        {canEdit && (
          <>
            {!emptyWorkspace && (
              <button
                type="button"
                className={styles.button}
                aria-expanded={showExamples}
                onClick={() => setShowExamples((shown) => !shown)}
              >
                {t("firstRun.examples")}
              </button>
            )}
            <label className={styles.button}>
              {t("library.import")}
              <input
                type="file"
                accept="application/json,.json"
                hidden
                data-testid="library-import"
                onChange={(e) =>
                  e.target.files?.[0] && void onImport(e.target.files[0]).finally(() => (e.target.value = ""))
                }
              />
            </label>
            <button
              type="button"
              className={`${styles.button} ${styles.primary}`}
              onClick={() => setPending({ type: "create" })}
            >
              {`+ ${t("library.new")}`}
            </button>
          </>
        )}
      </div>
      <div className={styles.filters} role="search">
        <input
          type="search"
          aria-label={t("library.search")}
          placeholder={t("library.search")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select
          aria-label={t("library.kind")}
          value={kind}
          onChange={(e) => setKind(e.target.value === "sop" || e.target.value === "mot" ? e.target.value : "")}
        >
          <option value="">{t("library.kind.all")}</option>
          <option value="sop">{t("kind.sop")}</option>
          <option value="mot">{t("kind.mot")}</option>
        </select>
        <select aria-label={t("library.status")} value={status} onChange={(e) => setStatus(statusOf(e.target.value))}>
          {(["active", "draft", "published", "changed", "archived"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`library.status.${s}`)}
            </option>
          ))}
        </select>
        <span className={styles.hint} data-testid="flow-count">
          {countText}
          {!flows.isPending &&
            !narrowed &&
            archivedCount > 0 &&
            ` · ${t("library.archivedHidden", { count: archivedCount })}`}
        </span>
      </div>
      {emptyWorkspace && (
        <div className={firstRun.empty} data-testid="first-run">
          <h2>{t("firstRun.emptyTitle")}</h2>
          <p>{t("firstRun.emptyBody")}</p>
          <Link href="/get-started" className={firstRun.guideLink}>
            {t("firstRun.guideLink")}
          </Link>
        </div>
      )}
      {canEdit && (emptyWorkspace || showExamples) && <ExampleGallery />}
      {message && (
        <p role="alert" className={styles.error}>
          {message}
        </p>
      )}
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t("library.col.name")}</th>
            <th scope="col">{t("library.col.kind")}</th>
            <th scope="col">{t("library.col.version")}</th>
            <th scope="col">{t("library.col.updated")}</th>
            <th scope="col">{t("library.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {flows.isPending && (
            <tr>
              <td colSpan={5}>{t("common.loading")}</td>
            </tr>
          )}
          {flows.isSuccess && list.length === 0 && (
            <tr>
              <td colSpan={5}>{t("library.empty")}</td>
            </tr>
          )}
          {list.map((flow) => (
            <tr key={flow.key} data-testid={`flow-row-${flow.key}`}>
              <td>
                <Link href={`/flows/${encodeURIComponent(flow.key)}`} className={styles.name}>
                  {flow.name}
                </Link>
                <div className={styles.key}>
                  {flow.key} · {t("library.nodes", { count: flow.nodeCount })}
                </div>
                {flow.description && <div className={styles.description}>{flow.description}</div>}
              </td>
              <td>
                <span className={`${styles.badge} ${flow.kind === "mot" ? styles.badgeMot : styles.badgeSop}`}>
                  {t(`kind.${flow.kind}`)}
                </span>
              </td>
              <td>
                {flow.latestVersion ? (
                  <span className={styles.badge}>{`v${flow.latestVersion}`}</span>
                ) : (
                  <span className={styles.badge}>{t("library.notPublished")}</span>
                )}
                {flow.latestVersion !== null && flow.unpublishedChanges && (
                  <span className={`${styles.badge} ${styles.badgeChanged}`}>{t("library.unpublished")}</span>
                )}
              </td>
              <td className={styles.key}>{dateFormat.format(new Date(flow.updatedAt))}</td>
              <td>
                <div className={styles.actions}>
                  {canEdit && (
                    <button
                      type="button"
                      className={`${styles.button} ${styles.small}`}
                      aria-label={`${t("library.duplicate")} ${flow.name}`}
                      onClick={() =>
                        setPending({ type: "duplicate", key: flow.key, name: flow.name, archived: flow.archived })
                      }
                    >
                      {t("library.duplicate")}
                    </button>
                  )}
                  {!canEdit ? null : flow.archived ? (
                    <button
                      type="button"
                      className={`${styles.button} ${styles.small}`}
                      onClick={() => void archive.mutateAsync({ key: flow.key, archived: false }).then(refresh)}
                      aria-label={`${t("library.unarchive")} ${flow.name}`}
                    >
                      {t("library.unarchive")}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className={`${styles.button} ${styles.small} ${styles.danger}`}
                      aria-label={`${t("library.archive")} ${flow.name}`}
                      onClick={() =>
                        setPending({ type: "archive", key: flow.key, name: flow.name, archived: flow.archived })
                      }
                    >
                      {t("library.archive")}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className={styles.footer}>
        <span data-testid="db-status">
          {health.isPending ? t("common.loading") : health.isError ? t("common.error") : `db: ${health.data.db}`}
        </span>
      </div>
      {converting && (
        <ConvertImportDialog
          fileName={converting.fileName}
          source={converting.source}
          onClose={() => setConverting(undefined)}
          onSaved={async (key) => {
            setConverting(undefined);
            await refresh();
            router.push(`/flows/${encodeURIComponent(key)}`);
          }}
        />
      )}
      {pending?.type === "create" && (
        <CreateFlowDialog
          onClose={() => setPending(undefined)}
          onCreated={async (key) => {
            await refresh();
            router.push(`/flows/${encodeURIComponent(key)}`);
          }}
        />
      )}
      {pending?.type === "duplicate" && (
        <DuplicateDialog
          flowKey={pending.key}
          name={pending.name}
          onClose={() => setPending(undefined)}
          onDone={async () => {
            setPending(undefined);
            await refresh();
          }}
        />
      )}
      {pending?.type === "archive" && (
        <ConfirmDialog
          message={t("library.archiveConfirm", { name: pending.name })}
          confirmLabel={t("library.archive")}
          onCancel={() => setPending(undefined)}
          onConfirm={async () => {
            await archive.mutateAsync({ key: pending.key, archived: true });
            setPending(undefined);
            await refresh();
          }}
        />
      )}
    </section>
  );
}

function statusOf(value: string): Status {
  return value === "draft" || value === "published" || value === "changed" || value === "archived" ? value : "active";
}
