"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../../components/trpc/trpc";
import { useLocale } from "../../../components/i18n/LocaleProvider";

export default function FlowsPage() {
  const trpc = useTRPC();
  const { t } = useLocale();
  const health = useQuery(trpc.system.health.queryOptions());
  return (
    <section style={{ padding: 24 }}>
      <h1>{t("nav.flows")}</h1>
      <p data-testid="db-status">{health.isPending ? t("common.loading") : health.isError ? t("common.error") : `db: ${health.data.db}`}</p>
    </section>
  );
}
