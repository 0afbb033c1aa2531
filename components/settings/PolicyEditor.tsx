"use client";

// Settings → Messaging policy: caps, quiet hours, default locale of the workspace policy document
// (`journey-studio/policy@1`), with import and export of the document. The server parses what is saved.
import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc";
import { useLocale } from "../i18n/LocaleProvider";
import type { MessageKey } from "../i18n/messages";
import { ErrorNote } from "./ErrorNote";
import { ComplianceRulesEditor } from "./ComplianceRulesEditor";
import type { ComplianceRules, Segment } from "../../flows/schema/policyDocument";
import { SegmentsEditor } from "./SegmentsEditor";
import styles from "./settings.module.css";
import { MAX_DOCUMENT_BYTES, readDocumentText } from "../../flows/schema/readDocumentFile";

const categories = ["transactional", "service", "marketing"] as const;
const channels = ["sms", "wechat", "email", "app", "voice", "chat", "video", "social"] as const;
const windows = ["PT1H", "P1D", "P7D", "P30D"] as const;

type Cap = { categories: string[]; channel?: string; max: number; per: string };
type Policy = {
  schema: string;
  defaultLocale?: string;
  timezone?: string;
  quietHours?: { start: string; end: string; categories: string[] };
  caps: Cap[];
  whenCapped: "skip" | "defer" | "fallback";
  compliance?: ComplianceRules;
  segments?: Segment[];
};

function asPolicy(document: Record<string, unknown>): Policy {
  return { schema: "journey-studio/policy@1", caps: [], whenCapped: "skip", ...(document as Partial<Policy>) };
}

export function PolicyEditor() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const { t, label, word } = useLocale();
  const stored = useQuery(trpc.mot.policy.queryOptions());
  const [policy, setPolicy] = useState<Policy | null>(null);
  // The note's key, not its text, so it follows a change of language.
  const [note, setNote] = useState<{ key: MessageKey; values?: Record<string, string | number> } | null>(null);
  useEffect(() => {
    if (stored.data && policy === null) setPolicy(asPolicy(stored.data.document));
  }, [stored.data, policy]);
  const save = useMutation(
    trpc.mot.savePolicy.mutationOptions({
      onSuccess: (saved) => {
        setPolicy(asPolicy(saved.document));
        setNote({ key: "policy.saved" });
        void client.invalidateQueries({ queryKey: trpc.mot.policy.queryKey() });
      },
    }),
  );
  if (!policy) return <ErrorNote error={stored.error} />;
  const update = (change: Partial<Policy>) => (setNote(null), setPolicy({ ...policy, ...change }));
  const setCap = (index: number, change: Partial<Cap>) =>
    update({ caps: policy.caps.map((cap, i) => (i === index ? { ...cap, ...change } : cap)) });
  const json = JSON.stringify(policy, null, 2);

  return (
    <div>
      <h2>{t("settings.policy")}</h2>
      <p className={styles.muted}>{t("policy.intro")}</p>
      <div className={styles.row}>
        <label>
          {t("policy.defaultLocale")}{" "}
          <input
            name="defaultLocale"
            value={policy.defaultLocale ?? ""}
            placeholder="zh-CN"
            onChange={(e) => update({ defaultLocale: e.target.value || undefined })}
          />
        </label>
        <label>
          {t("policy.timezone")}{" "}
          <input
            name="timezone"
            value={policy.timezone ?? ""}
            placeholder="Asia/Shanghai"
            data-i18n-data
            onChange={(e) => update({ timezone: e.target.value || undefined })}
          />
        </label>
      </div>

      <fieldset className={styles.row}>
        <legend>{t("policy.quietHours")}</legend>
        <label>
          <input
            type="checkbox"
            name="quietOn"
            checked={policy.quietHours !== undefined}
            onChange={(e) =>
              update({
                quietHours: e.target.checked
                  ? { start: "21:00", end: "08:00", categories: ["service", "marketing"] }
                  : undefined,
              })
            }
          />{" "}
          {t("policy.quietOn")}
        </label>
        {policy.quietHours ? (
          <>
            <label>
              {t("policy.from")}{" "}
              <input
                type="time"
                name="quietStart"
                value={policy.quietHours.start}
                onChange={(e) =>
                  policy.quietHours && update({ quietHours: { ...policy.quietHours, start: e.target.value } })
                }
              />
            </label>
            <label>
              {t("policy.until")}{" "}
              <input
                type="time"
                name="quietEnd"
                value={policy.quietHours.end}
                onChange={(e) =>
                  policy.quietHours && update({ quietHours: { ...policy.quietHours, end: e.target.value } })
                }
              />
            </label>
          </>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>{t("policy.caps")}</legend>
        {policy.caps.length === 0 ? <p className={styles.muted}>{t("policy.noCaps")}</p> : null}
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{t("policy.categories")}</th>
              <th>{t("policy.channel")}</th>
              <th>{t("policy.max")}</th>
              <th>{t("policy.per")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {policy.caps.map((cap, index) => (
              <tr key={index} data-testid="policy-cap">
                <td>
                  {categories
                    .filter((c) => c !== "transactional")
                    .map((category) => (
                      <label key={category}>
                        <input
                          type="checkbox"
                          checked={cap.categories.includes(category)}
                          onChange={(e) =>
                            setCap(index, {
                              categories: e.target.checked
                                ? [...cap.categories, category]
                                : cap.categories.filter((c) => c !== category),
                            })
                          }
                        />{" "}
                        {t(`category.${category}`)}{" "}
                      </label>
                    ))}
                </td>
                <td>
                  <select
                    aria-label={t("policy.channel")}
                    value={cap.channel ?? ""}
                    onChange={(e) => setCap(index, { channel: e.target.value || undefined })}
                  >
                    <option value="">{t("policy.anyChannel")}</option>
                    {channels.map((c) => (
                      <option key={c} value={c}>
                        {label(c)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="number"
                    min={0}
                    aria-label={t("policy.max")}
                    value={cap.max}
                    onChange={(e) => setCap(index, { max: Math.max(0, Math.floor(Number(e.target.value))) })}
                  />
                </td>
                <td>
                  <select
                    aria-label={t("policy.per")}
                    value={cap.per}
                    onChange={(e) => setCap(index, { per: e.target.value })}
                  >
                    {[...new Set([...windows, cap.per])].map((w) => (
                      <option key={w} value={w}>
                        {word("window", w)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" onClick={() => update({ caps: policy.caps.filter((_, i) => i !== index) })}>
                    {t("policy.removeCap")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() => update({ caps: [...policy.caps, { categories: ["marketing"], max: 1, per: "P1D" }] })}
        >
          {t("policy.addCap")}
        </button>
      </fieldset>

      <div className={styles.row}>
        <label>
          {t("policy.whenCapped")}{" "}
          <select
            name="whenCapped"
            value={policy.whenCapped}
            onChange={(e) => update({ whenCapped: e.target.value as Policy["whenCapped"] })}
          >
            {(["skip", "defer", "fallback"] as const).map((w) => (
              <option key={w} value={w}>
                {t(`policy.whenCapped.${w}`)}
              </option>
            ))}
          </select>
        </label>
      </div>

      <SegmentsEditor segments={policy.segments} onChange={(segments) => update({ segments })} />

      <ComplianceRulesEditor rules={policy.compliance} onChange={(compliance) => update({ compliance })} />

      <div className={styles.row}>
        <button type="button" disabled={save.isPending} onClick={() => save.mutate({ document: policy })}>
          {t("policy.save")}
        </button>
        <a
          href={`data:application/json;charset=utf-8,${encodeURIComponent(json)}`}
          download="policy.json"
          className={styles.muted}
        >
          {t("policy.export")}
        </a>
        <label>
          {t("policy.import")}{" "}
          <input
            type="file"
            accept="application/json,.json"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              // The studio's one import limit and wording (flows/schema/readDocumentFile.ts).
              if (file.size > MAX_DOCUMENT_BYTES)
                return setNote({
                  key: "import.tooLarge",
                  values: { file: file.name, size: Math.ceil(file.size / 1024) },
                });
              try {
                const read = readDocumentText(await file.text());
                if (!read.ok) return setNote({ key: "import.notJson", values: { file: file.name } });
                const parsed = read.value;
                if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
                  throw new Error("not an object");
                setPolicy(asPolicy(parsed as Record<string, unknown>));
                setNote({ key: "policy.imported" });
              } catch {
                setNote({ key: "policy.importFailed" });
              }
            }}
          />
        </label>
      </div>
      {note ? <p role="status">{t(note.key, note.values)}</p> : null}
      <ErrorNote error={save.error} />
      <details>
        <summary>{t("policy.document")}</summary>
        <pre data-testid="policy-json">{json}</pre>
      </details>
    </div>
  );
}
