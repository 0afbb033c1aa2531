"use client";

// Settings → Messaging policy → script compliance rules: the `compliance` of the workspace policy
// document (minefield phrases, required disclosures, length limits), which the script lint enforces.
import type {
  ComplianceRules,
  DisclosureRule,
  ForbiddenPhraseRule,
  LengthLimit,
} from "../../flows/schema/policyDocument";
import { channels, type Channel } from "../../flows/schema/common";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./settings.module.css";

const categories = ["transactional", "service", "marketing"] as const;

/** The rules a workspace starts from when it turns them on: the built-in SMS opt-out, a first minefield. */
const starterRules: ComplianceRules = {
  forbiddenPhrases: [{ phrase: "不知道", replacement: "我帮您确认一下", severity: "error" }],
  requiredDisclosures: [{ channel: "sms", anyOf: ["回T退订", "Reply STOP"] }],
  lengthLimits: [{ channel: "sms", maxSegments: 2 }],
};

const toChannel = (value: string): Channel => channels.find((c) => c === value) ?? "sms";
const positive = (value: string): number | undefined => {
  const n = Math.floor(Number(value));
  return value.trim() !== "" && Number.isFinite(n) && n > 0 ? n : undefined;
};

export function ComplianceRulesEditor({
  rules,
  onChange,
}: {
  rules: ComplianceRules | undefined;
  onChange: (rules: ComplianceRules | undefined) => void;
}) {
  const { t, label } = useLocale();
  const on = rules !== undefined;
  const r = rules ?? starterRules;
  const set = (change: Partial<ComplianceRules>) => onChange({ ...r, ...change });
  const at = <T,>(list: T[], index: number, change: Partial<T>) =>
    list.map((item, i) => (i === index ? { ...item, ...change } : item));
  const setPhrase = (i: number, c: Partial<ForbiddenPhraseRule>) =>
    set({ forbiddenPhrases: at(r.forbiddenPhrases, i, c) });
  const setDisclosure = (i: number, c: Partial<DisclosureRule>) =>
    set({ requiredDisclosures: at(r.requiredDisclosures, i, c) });
  const setLimit = (i: number, c: Partial<LengthLimit>) => set({ lengthLimits: at(r.lengthLimits, i, c) });
  const channelSelect = (value: string, change: (c: Channel) => void, aria: string) => (
    <select aria-label={aria} value={value} onChange={(e) => change(toChannel(e.target.value))}>
      {channels.map((c) => (
        <option key={c} value={c}>
          {label(c)}
        </option>
      ))}
    </select>
  );

  return (
    <fieldset data-testid="compliance-rules">
      <legend>{t("compliance.title")}</legend>
      <p className={styles.muted}>{t("compliance.intro")}</p>
      <label>
        <input
          type="checkbox"
          name="complianceOn"
          checked={on}
          onChange={(e) => onChange(e.target.checked ? starterRules : undefined)}
        />{" "}
        {t("compliance.on")}
      </label>
      {on ? (
        <>
          <h3>{t("compliance.phrases")}</h3>
          <p className={styles.muted}>{t("compliance.matching")}</p>
          <table className={styles.table}>
            <thead>
              <tr>
                <th>{t("compliance.phrase")}</th>
                <th>{t("compliance.replacement")}</th>
                <th>{t("policy.channel")}</th>
                <th>{t("compliance.severity")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {r.forbiddenPhrases.map((p, i) => (
                <tr key={i} data-testid="compliance-phrase">
                  <td>
                    <input
                      aria-label={t("compliance.phrase")}
                      value={p.phrase}
                      onChange={(e) => setPhrase(i, { phrase: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t("compliance.replacement")}
                      value={p.replacement ?? ""}
                      onChange={(e) => setPhrase(i, { replacement: e.target.value || undefined })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={t("policy.channel")}
                      value={p.channels?.[0] ?? ""}
                      onChange={(e) =>
                        setPhrase(i, { channels: e.target.value ? [toChannel(e.target.value)] : undefined })
                      }
                    >
                      <option value="">{t("compliance.allChannels")}</option>
                      {channels.map((c) => (
                        <option key={c} value={c}>
                          {label(c)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={t("compliance.severity")}
                      value={p.severity}
                      onChange={(e) => setPhrase(i, { severity: e.target.value === "warning" ? "warning" : "error" })}
                    >
                      <option value="error">{t("compliance.severity.error")}</option>
                      <option value="warning">{t("compliance.severity.warning")}</option>
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => set({ forbiddenPhrases: r.forbiddenPhrases.filter((_, j) => j !== i) })}
                    >
                      {t("compliance.remove")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            onClick={() => set({ forbiddenPhrases: [...r.forbiddenPhrases, { phrase: "", severity: "error" }] })}
          >
            {t("compliance.addPhrase")}
          </button>

          <h3>{t("compliance.disclosures")}</h3>
          <table className={styles.table}>
            <thead>
              <tr>
                <th>{t("policy.channel")}</th>
                <th>{t("policy.categories")}</th>
                <th>{t("compliance.words")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {r.requiredDisclosures.map((d, i) => (
                <tr key={i} data-testid="compliance-disclosure">
                  <td>{channelSelect(d.channel, (channel) => setDisclosure(i, { channel }), t("policy.channel"))}</td>
                  <td>
                    {categories.map((c) => (
                      <label key={c}>
                        <input
                          type="checkbox"
                          checked={d.categories?.includes(c) ?? false}
                          onChange={(e) => {
                            const next = e.target.checked
                              ? [...(d.categories ?? []), c]
                              : (d.categories ?? []).filter((x) => x !== c);
                            setDisclosure(i, { categories: next.length ? next : undefined });
                          }}
                        />{" "}
                        {t(`category.${c}`)}{" "}
                      </label>
                    ))}
                    {!d.categories?.length ? (
                      <span className={styles.muted}>({t("compliance.allCategories")})</span>
                    ) : null}
                  </td>
                  <td>
                    <textarea
                      aria-label={t("compliance.words")}
                      rows={Math.max(2, d.anyOf.length + 1)}
                      cols={24}
                      value={d.anyOf.join("\n")}
                      onChange={(e) => setDisclosure(i, { anyOf: e.target.value.split("\n") })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => set({ requiredDisclosures: r.requiredDisclosures.filter((_, j) => j !== i) })}
                    >
                      {t("compliance.remove")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            onClick={() => set({ requiredDisclosures: [...r.requiredDisclosures, { channel: "sms", anyOf: [""] }] })}
          >
            {t("compliance.addDisclosure")}
          </button>

          <h3>{t("compliance.limits")}</h3>
          <table className={styles.table}>
            <thead>
              <tr>
                <th>{t("policy.channel")}</th>
                <th>{t("compliance.maxSegments")}</th>
                <th>{t("compliance.maxCharacters")}</th>
                <th>{t("compliance.maxSeconds")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {r.lengthLimits.map((l, i) => (
                <tr key={i} data-testid="compliance-limit">
                  <td>{channelSelect(l.channel, (channel) => setLimit(i, { channel }), t("policy.channel"))}</td>
                  {(["maxSegments", "maxCharacters", "maxSeconds"] as const).map((field) => (
                    <td key={field}>
                      {(field === "maxSegments" && l.channel !== "sms") ||
                      (field === "maxSeconds" && l.channel !== "voice") ? null : (
                        <input
                          type="number"
                          min={1}
                          aria-label={t(`compliance.${field}`)}
                          value={l[field] ?? ""}
                          onChange={(e) => setLimit(i, { [field]: positive(e.target.value) })}
                        />
                      )}
                    </td>
                  ))}
                  <td>
                    <button
                      type="button"
                      onClick={() => set({ lengthLimits: r.lengthLimits.filter((_, j) => j !== i) })}
                    >
                      {t("compliance.remove")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.lengthLimits.length === 0 ? <p className={styles.muted}>{t("compliance.none")}</p> : null}
          <button type="button" onClick={() => set({ lengthLimits: [...r.lengthLimits, { channel: "wechat" }] })}>
            {t("compliance.addLimit")}
          </button>
        </>
      ) : null}
    </fieldset>
  );
}
