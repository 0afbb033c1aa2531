"use client";

import Link from "next/link";
import { useLocale } from "../../../../components/i18n/LocaleProvider";

export default function FlowNotFound() {
  const { t } = useLocale();
  return (
    <div style={{ padding: 24 }}>
      <p role="alert">{t("flow.notFound")}</p>
      <Link href="/flows">{t("flow.notFound.back")}</Link>
    </div>
  );
}
