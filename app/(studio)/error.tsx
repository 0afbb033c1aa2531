"use client";

// A studio page that failed: when the database is what is missing (GET /api/v1/health says so), the
// banner that retries by itself; otherwise the plain error with a retry button.
import { useRouter } from "next/navigation";
import { startTransition, useCallback, useEffect, useState } from "react";
import { useLocale } from "../../components/i18n/LocaleProvider";
import { DatabaseUnavailable } from "../../components/studio/DatabaseUnavailable";

export default function StudioError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useLocale();
  const router = useRouter();
  const [databaseDown, setDatabaseDown] = useState(false);
  useEffect(() => {
    void fetch("/api/v1/health", { cache: "no-store" })
      .then((res) => setDatabaseDown(res.status === 503))
      .catch(() => undefined);
  }, []);
  const retry = useCallback(() => {
    startTransition(() => {
      router.refresh();
      reset();
    });
  }, [router, reset]);
  if (databaseDown) return <DatabaseUnavailable onBack={retry} />;
  return (
    <div role="alert" style={{ padding: 24 }}>
      <p>{t("common.error")}</p>
      <button type="button" onClick={retry}>
        {t("common.retry")}
      </button>
    </div>
  );
}
