"use client";

// Settings → Messaging policy → segments: the `segments` of the workspace policy document, named
// audiences (expressions over the customer profile) a start node references by name. The server checks
// each expression when the policy is saved.
import type { Segment } from "../../flows/schema/policyDocument";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./settings.module.css";

export function SegmentsEditor({
  segments,
  onChange,
}: {
  segments: Segment[] | undefined;
  onChange: (segments: Segment[] | undefined) => void;
}) {
  const { t } = useLocale();
  const list = segments ?? [];
  const set = (index: number, change: Partial<Segment>) =>
    onChange(list.map((segment, i) => (i === index ? { ...segment, ...change } : segment)));
  return (
    <fieldset>
      <legend>{t("policy.segments")}</legend>
      <p className={styles.muted}>{list.length === 0 ? t("policy.noSegments") : t("policy.segmentsIntro")}</p>
      {list.length > 0 ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{t("policy.segmentName")}</th>
              <th>{t("policy.segmentAudience")}</th>
              <th>{t("policy.segmentDescription")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((segment, index) => (
              <tr key={index} data-testid="policy-segment">
                <td>
                  <input
                    aria-label={t("policy.segmentName")}
                    value={segment.name}
                    placeholder="vip-shanghai"
                    onChange={(e) => set(index, { name: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={t("policy.segmentAudience")}
                    value={segment.audience}
                    size={40}
                    placeholder="'vip' in customer.tags and customer.city == 'Shanghai'"
                    onChange={(e) => set(index, { audience: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={t("policy.segmentDescription")}
                    value={segment.description ?? ""}
                    onChange={(e) => set(index, { description: e.target.value || undefined })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      const rest = list.filter((_, i) => i !== index);
                      onChange(rest.length > 0 ? rest : undefined);
                    }}
                  >
                    {t("policy.removeSegment")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <button type="button" onClick={() => onChange([...list, { name: "", audience: "" }])}>
        {t("policy.addSegment")}
      </button>
    </fieldset>
  );
}
