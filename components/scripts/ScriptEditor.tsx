"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { lintScript } from "../../flows/scripts/lintScript";
import { applyLintFix } from "../../flows/scripts/applyLintFix";
import { complianceLintOptions } from "../../flows/scripts/complianceLintOptions";
import { scriptChannels, type ScriptChannel, type ScriptDocument } from "../../flows/scripts/scriptDocument";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { ConfirmButton } from "./ConfirmButton";
import { LintList } from "./LintList";
import { sampleContext, sampleCustomers } from "./sampleCustomers";
import {
  addVariant,
  canonicalJson,
  removeVariant,
  variantDoc,
  withVariantChannel,
  withVariantDoc,
  withVariantField,
  withVariantLocale,
  withKind,
  withVariantWeight,
  abShare,
} from "./scriptDraftEdits";
import { defaultScriptLocale, LocaleInput } from "./LocaleInput";
import { ScriptPreview } from "./ScriptPreview";
import type { ScriptDetailData, ScriptVersionData } from "./scriptTypes";
import { StatusBadge } from "./StatusBadge";
import { VariableMenu } from "./VariableMenu";
import { VariantEditor } from "./VariantEditor";
import { VersionPanel } from "./VersionPanel";
import { SnippetUsedBy } from "./SnippetUsedBy";
import { variantLabel } from "./diffScripts";
import styles from "./scripts.module.css";

/** How long typing pauses before the draft saves itself (flows autosave the same way). */
const AUTOSAVE_MS = 1000;

export function ScriptEditor({ scriptKey }: { scriptKey: string }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const query = useQuery(trpc.scripts.get.queryOptions({ key: scriptKey }));
  if (query.isPending) return <p className={styles.page}>{t("common.loading")}</p>;
  if (query.isError) {
    return (
      <div className={styles.page} role="alert">
        <p>
          {query.error.data?.code === "NOT_FOUND"
            ? t("scripts.notFound", { key: scriptKey })
            : `${t("common.error")}: ${query.error.message}`}
        </p>
        <button type="button" onClick={() => void query.refetch()}>
          {t("common.retry")}
        </button>{" "}
        <Link href="/scripts">{t("scripts.back")}</Link>
      </div>
    );
  }
  const latest = query.data.versions[0];
  if (!latest?.document) return <p className={styles.page}>{t("common.error")}</p>;
  return <LoadedEditor key={scriptKey} data={query.data} initial={latest.document} />;
}

function LoadedEditor({ data, initial }: { data: ScriptDetailData; initial: ScriptDocument }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { t, locale } = useLocale();
  const [working, setWorking] = useState<ScriptDocument>(initial);
  const [selected, setSelected] = useState(0);
  const [sampleId, setSampleId] = useState(sampleCustomers[0]?.id ?? "");
  const [adding, setAdding] = useState<{ channel: ScriptChannel; locale: string } | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);

  const latest = data.versions[0];
  const dirty = canonicalJson(working) !== canonicalJson(latest?.document ?? null);
  // A version in review is frozen: the reviewer reads what was submitted. Return it to draft to edit.
  const inReview = latest?.status === "in_review";
  const readOnly = !data.can.edit || inReview;
  const flowVariables = useMemo(
    () => data.variables.filter((v) => v.source !== "customer").map((v) => v.name),
    [data.variables],
  );
  // The workspace's compliance rules (Settings → Messaging policy): the same lint refuses submission.
  const rules = useQuery(trpc.scripts.complianceRules.queryOptions()).data;
  // The approved scripts: the snippets a variant puts in, as the runtime will say them.
  const approved = useQuery(trpc.scripts.approved.queryOptions()).data;
  const library = useMemo(() => (approved ? new Map(approved.map((d) => [d.key, d])) : undefined), [approved]);
  const snippetChoices = useMemo(
    () => (approved ?? []).filter((d) => d.kind === "snippet" && d.key !== data.key),
    [approved, data.key],
  );
  const diagnostics = useMemo(
    () =>
      lintScript(working, {
        availableVariables: flowVariables,
        ...complianceLintOptions(rules ?? undefined),
        ...(library ? { snippets: library } : {}),
      }),
    [working, flowVariables, rules, library],
  );
  // Bumped when the document changes from outside the text editor (a lint fix), so it reloads.
  const [revision, setRevision] = useState(0);
  const index = Math.min(selected, working.variants.length - 1);
  const variant = working.variants[index];
  const sample = sampleCustomers.find((s) => s.id === sampleId) ?? sampleCustomers[0];

  const done = (text: string) => async () => {
    setMessage({ kind: "ok", text });
    await queryClient.invalidateQueries({ queryKey: trpc.scripts.pathKey() });
  };
  const failed = (e: { message: string }) => setMessage({ kind: "error", text: e.message });
  const save = useMutation(
    trpc.scripts.saveDraft.mutationOptions({
      onSuccess: (r) => done(t("scripts.savedVersion", { version: r.version }))(),
      onError: failed,
    }),
  );
  const submit = useMutation(
    trpc.scripts.submit.mutationOptions({
      onSuccess: done(t("scripts.versions.submitted.ok")),
      onError: (e) => {
        const data = e.data as { appCode?: string | null; appExtensions?: { diagnostics?: unknown[] } } | undefined;
        if (data?.appCode !== "SCRIPT_HAS_ERRORS") return failed(e);
        setMessage({
          kind: "error",
          text: t("lint.submitRefused", { count: data.appExtensions?.diagnostics?.length ?? 0 }),
        });
      },
    }),
  );
  const approve = useMutation(
    trpc.scripts.approve.mutationOptions({
      onSuccess: (_r, input) => done(approvedText(input.version))(),
      onError: failed,
    }),
  );
  const [impact, setImpact] = useState<{ flows: number; running: number }>({ flows: 0, running: 0 });
  const approvedText = (version: number) =>
    t("scripts.approve.done", { version, flows: impact.flows, running: impact.running });
  const requestChanges = useMutation(
    trpc.scripts.requestChanges.mutationOptions({ onSuccess: done(t("scripts.review.sent")), onError: failed }),
  );
  const giveBack = useMutation(
    trpc.scripts.returnToDraft.mutationOptions({ onSuccess: done(t("scripts.versions.returned.ok")), onError: failed }),
  );
  const discard = useMutation(
    trpc.scripts.discardDraft.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.scripts.pathKey() });
        if (r.scriptDeleted) router.push("/scripts");
        else {
          const fresh = await queryClient.fetchQuery(trpc.scripts.get.queryOptions({ key: data.key }));
          if (fresh.versions[0]?.document) setWorking(fresh.versions[0].document);
          setMessage({ kind: "ok", text: t("scripts.versions.discarded") });
        }
      },
      onError: failed,
    }),
  );
  const autosave = useMutation(
    trpc.scripts.saveDraft.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.scripts.pathKey() });
      },
      onError: failed,
    }),
  );
  const { mutate: autosaveNow } = autosave;
  const busy =
    autosave.isPending ||
    save.isPending ||
    submit.isPending ||
    approve.isPending ||
    giveBack.isPending ||
    requestChanges.isPending ||
    discard.isPending;

  useEffect(() => {
    if (!dirty || readOnly || busy) return;
    const timer = setTimeout(() => autosaveNow({ key: data.key, document: working }), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [working, dirty, readOnly, busy, autosaveNow, data.key]);

  const exportVersion = (v: ScriptVersionData) => {
    if (!v.document) return;
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(v.document, null, 2) + "\n"], { type: "application/json" }),
    );
    const a = document.createElement("a");
    a.href = url;
    a.download = `${data.key}.v${v.version}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className={styles.page}>
      <header className={styles.editorHeader}>
        <Link href="/scripts">← {t("scripts.back")}</Link>
        <input
          className={styles.nameInput}
          aria-label={t("scripts.name")}
          value={working.name}
          readOnly={readOnly}
          onChange={(e) => setWorking({ ...working, name: e.target.value })}
        />
        <code>{data.key}</code>
        {latest && <StatusBadge status={latest.status} />}
        <label className={styles.muted}>
          <input
            type="checkbox"
            checked={working.kind === "snippet"}
            disabled={readOnly}
            onChange={(e) => setWorking(withKind(working, e.target.checked))}
          />{" "}
          {t("snippets.isSnippet")}
        </label>
        <span className={styles.muted} data-testid="dirty-state">
          {autosave.isPending || save.isPending
            ? t("common.saving")
            : dirty
              ? t("scripts.unsaved")
              : autosave.data
                ? t("scripts.autosaved", { version: autosave.data.version })
                : t("common.saved")}
        </span>
        <button
          type="button"
          className={styles.primary}
          hidden={inReview}
          disabled={readOnly || !dirty || busy}
          onClick={() => save.mutate({ key: data.key, document: working })}
        >
          {save.isPending
            ? t("common.saving")
            : latest?.status === "draft"
              ? t("common.save")
              : t("scripts.saveAsNew", { version: (latest?.version ?? 0) + 1 })}
        </button>
      </header>
      {inReview && data.can.edit && (
        <p className={styles.muted} data-testid="review-locked">
          {t("scripts.review.locked")}
        </p>
      )}
      {message && (
        <p
          className={message.kind === "error" ? styles.errorBanner : styles.okBanner}
          role={message.kind === "error" ? "alert" : "status"}
          data-testid="message"
        >
          {message.text}
        </p>
      )}
      <div className={styles.editorGrid}>
        <section aria-label={t("scripts.variants")}>
          <div className={styles.tabs} role="tablist">
            {working.variants.map((v, i) => {
              const errors = diagnostics.filter((d) => d.variantIndex === i && d.severity === "error").length;
              return (
                <button key={i} type="button" role="tab" aria-selected={i === index} onClick={() => setSelected(i)}>
                  {t(`scripts.channel.${v.channel}`)} · {v.locale ?? t("scripts.anyLocale")}
                  {v.style ? ` · ${v.style}` : ""}
                  {errors > 0 && <span className={styles.errorCount}>{errors}</span>}
                </button>
              );
            })}
            {!readOnly && (
              <button
                type="button"
                onClick={() =>
                  setAdding({
                    channel: "email",
                    locale: working.variants[0]?.locale ?? defaultScriptLocale(locale),
                  })
                }
              >
                + {t("scripts.addVariant")}
              </button>
            )}
          </div>
          {adding && (
            <form
              className={styles.addVariant}
              onSubmit={(e) => {
                e.preventDefault();
                setWorking(addVariant(working, adding.channel, adding.locale.trim()));
                setSelected(working.variants.length);
                setAdding(null);
              }}
            >
              <label>
                {t("scripts.channelLabel")}{" "}
                <select
                  value={adding.channel}
                  onChange={(e) =>
                    setAdding({ ...adding, channel: scriptChannels.find((c) => c === e.target.value) ?? "sms" })
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
                {t("scripts.localeLabel")}{" "}
                <LocaleInput
                  label={t("scripts.localeLabel")}
                  value={adding.locale}
                  onChange={(l) => setAdding({ ...adding, locale: l })}
                />
              </label>
              <button type="submit" className={styles.primary}>
                {t("scripts.addVariant")}
              </button>
              <button type="button" onClick={() => setAdding(null)}>
                {t("common.cancel")}
              </button>
            </form>
          )}
          {variant && (
            <div className={styles.variantPane} key={`${index}:${working.variants.length}:${revision}`}>
              <div className={styles.row}>
                <label>
                  {t("scripts.channelLabel")}{" "}
                  <select
                    aria-label={t("scripts.variantChannel")}
                    value={variant.channel}
                    disabled={readOnly}
                    onChange={(e) => {
                      const next = scriptChannels.find((c) => c === e.target.value);
                      if (next) setWorking(withVariantChannel(working, index, next));
                    }}
                  >
                    {scriptChannels.map((c) => (
                      <option key={c} value={c}>
                        {t(`scripts.channel.${c}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t("scripts.localeLabel")}{" "}
                  <LocaleInput
                    label={t("scripts.variantLocale")}
                    value={variant.locale ?? ""}
                    readOnly={readOnly}
                    onChange={(l) => setWorking((w) => withVariantLocale(w, index, l))}
                  />
                </label>
                {variant.channel === "email" && (
                  <label className={styles.grow}>
                    {t("scripts.subject")}
                    <input
                      aria-label={t("scripts.subject")}
                      value={variant.subject ?? ""}
                      readOnly={readOnly}
                      onChange={(e) => setWorking(withVariantField(working, index, "subject", e.target.value))}
                    />
                  </label>
                )}
                {variant.channel === "app" && (
                  <label className={styles.grow}>
                    {t("scripts.pushTitle")}
                    <input
                      value={variant.title ?? ""}
                      readOnly={readOnly}
                      onChange={(e) => setWorking(withVariantField(working, index, "title", e.target.value))}
                    />
                  </label>
                )}
                <label>
                  {t("scripts.style")}
                  <input
                    value={variant.style ?? ""}
                    placeholder={t("scripts.stylePlaceholder")}
                    size={12}
                    readOnly={readOnly}
                    onChange={(e) => setWorking(withVariantField(working, index, "style", e.target.value))}
                  />
                </label>
                <label title={t("styles.weightHint")}>
                  {t("styles.weight")}
                  <input
                    type="number"
                    min={0}
                    step="any"
                    size={4}
                    className={styles.weightInput}
                    aria-label={t("styles.weight")}
                    value={variant.weight ?? ""}
                    placeholder="1"
                    readOnly={readOnly}
                    onChange={(e) => setWorking(withVariantWeight(working, index, e.target.value))}
                  />
                  {abShare(working, index) !== undefined && (
                    <span className={styles.muted} data-testid="ab-share">
                      {" "}
                      {t("styles.share", { share: abShare(working, index) ?? 0 })}
                    </span>
                  )}
                </label>
                {!readOnly && working.variants.length > 1 && (
                  <ConfirmButton
                    question={t("scripts.removeVariantQuestion", { variant: variantLabel(variant) })}
                    onConfirm={() => (setWorking(removeVariant(working, index)), setSelected(0))}
                  >
                    {t("scripts.removeVariant")}
                  </ConfirmButton>
                )}
              </div>
              <VariantEditor
                channel={variant.channel}
                locale={variant.locale}
                initial={variantDoc(variant)}
                variables={data.variables}
                readOnly={readOnly}
                snippets={snippetChoices}
                onChange={(body) => setWorking((w) => withVariantDoc(w, index, body))}
              />
              <LintList
                diagnostics={diagnostics.filter((d) => d.variantIndex === index)}
                onFix={readOnly ? undefined : (d) => (setWorking((w) => applyLintFix(w, d)), setRevision((r) => r + 1))}
              />
            </div>
          )}
        </section>
        <section className={styles.previewPane} aria-label={t("scripts.preview.title")}>
          <div className={styles.row}>
            <h2>{t("scripts.preview.title")}</h2>
            <label>
              {t("scripts.preview.sample")}{" "}
              <select
                value={sampleId}
                onChange={(e) => setSampleId(e.target.value)}
                aria-label={t("scripts.preview.sample")}
              >
                {sampleCustomers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label[locale]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {variant && sample && (
            <ScriptPreview
              doc={working}
              variant={variant}
              context={sampleContext(sample, flowVariables)}
              {...(library ? { snippets: library } : {})}
            />
          )}
          {working.kind === "snippet" && <SnippetUsedBy snippetKey={data.key} />}
        </section>
        <VersionPanel
          scriptKey={data.key}
          versions={data.versions}
          can={data.can}
          dirty={dirty}
          busy={busy}
          onSubmit={(version) => submit.mutate({ key: data.key, version })}
          onApprove={(version, what) => (setImpact(what), approve.mutate({ key: data.key, version }))}
          onReturn={(version) => giveBack.mutate({ key: data.key, version })}
          onRequestChanges={(version, comment) => requestChanges.mutate({ key: data.key, version, comment })}
          onDiscard={(version) => discard.mutate({ key: data.key, version })}
          onExport={exportVersion}
        />
      </div>
      <VariableMenu />
    </div>
  );
}
