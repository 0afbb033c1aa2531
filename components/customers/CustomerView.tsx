"use client";

// One customer across channels: profile, addresses and consent, tags, audiences, every interaction and
// message (held ones with their reason), the last survey answer.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./customers.module.css";

export function CustomerView({ id }: { id: string }) {
  const trpc = useTRPC();
  const { t, locale, word, label } = useLocale();
  const view = useQuery(trpc.mot.customer.queryOptions({ id }));
  if (!view.data) return null;
  const { customer, audiences, timeline, lastSurvey } = view.data;
  const none = t("customers.none");
  const channels = [...new Set([...customer.addresses.map((a) => a.channel), ...Object.keys(customer.consent)])];
  return (
    <section aria-label={customer.name ?? customer.id} data-testid="customer-view">
      <h2 data-i18n-data>
        {customer.name ?? customer.id} <span className={styles.muted}>{customer.id}</span>
      </h2>
      <div className={styles.cards}>
        <div className={styles.card}>
          <h3>{t("customers.profile")}</h3>
          <dl>
            <dt>{t("customers.birthday")}</dt>
            <dd data-i18n-data>{customer.birthday ?? none}</dd>
            <dt>{t("customers.timezone")}</dt>
            <dd data-i18n-data>{customer.timezone ?? none}</dd>
            <dt>{t("customers.preferred")}</dt>
            <dd>{customer.preferredChannel ? label(customer.preferredChannel) : none}</dd>
            <dt>{t("customers.locale")}</dt>
            <dd data-i18n-data>{customer.locale ?? none}</dd>
            <dt>{t("customers.tags")}</dt>
            <dd data-i18n-data>
              {customer.tags.length === 0
                ? none
                : customer.tags.map((tag) => (
                    <span key={tag} className={styles.tag}>
                      {tag}
                    </span>
                  ))}
            </dd>
          </dl>
        </div>
        <div className={styles.card} data-testid="customer-addresses">
          <h3>{t("customers.addresses")}</h3>
          <dl>
            {channels.map((channel) => (
              <div key={channel} style={{ display: "contents" }}>
                <dt>{label(channel)}</dt>
                <dd>
                  <span data-i18n-data>{customer.addresses.find((a) => a.channel === channel)?.address ?? none}</span>{" "}
                  {customer.consent[channel] === false ? (
                    <span className={styles.withdrawn}>{t("customers.consentWithdrawn")}</span>
                  ) : (
                    <span className={styles.given}>{t("customers.consentGiven")}</span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </div>
        <div className={styles.card}>
          <h3>{t("customers.audiences")}</h3>
          {audiences.length === 0 ? (
            <p className={styles.muted}>{t("customers.noAudiences")}</p>
          ) : (
            <ul>
              {audiences.map((a) => (
                <li key={a.flow} title={a.audience} data-i18n-data>
                  {a.name}
                  {a.segment ? ` · ${a.segment}` : ""}
                </li>
              ))}
            </ul>
          )}
          <h3>{t("customers.lastSurvey")}</h3>
          {lastSurvey ? (
            <p>
              {lastSurvey.metric?.toUpperCase() ?? ""} {lastSurvey.score}
              {lastSurvey.comment ? ` — ${lastSurvey.comment}` : ""}
            </p>
          ) : (
            <p className={styles.muted}>{t("customers.noSurvey")}</p>
          )}
        </div>
      </div>
      <h3>{t("customers.timeline")}</h3>
      {timeline.length === 0 ? <p className={styles.muted}>{t("customers.empty")}</p> : null}
      <ol className={styles.timeline} data-testid="customer-timeline">
        {timeline.map((entry) => (
          <li key={`${entry.kind}-${entry.id}`}>
            <span className={styles.muted}>{new Date(entry.at).toLocaleString(locale === "zh" ? "zh-CN" : "en")}</span>
            <span>
              {entry.kind === "interaction"
                ? t("customers.interaction", { flow: entry.flow })
                : t("customers.message", { script: entry.script ?? "" })}{" "}
              <span className={styles.muted}>
                {label(entry.channel)}
                {entry.kind === "message" && entry.category
                  ? ` · ${t(`category.${entry.category}` as "category.service")}`
                  : ""}
              </span>
            </span>
            <span
              className={entry.kind === "message" && entry.reason ? styles.held : undefined}
              data-testid="timeline-status"
            >
              {word("status", entry.status)}
              {entry.kind === "message" && entry.reason ? ` · ${word("reason", entry.reason)}` : ""}
              {entry.kind === "interaction" && entry.outcome ? ` · ${word("outcome", entry.outcome)}` : ""}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
