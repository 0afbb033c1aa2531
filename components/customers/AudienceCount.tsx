"use client";

// How many customers a start node's audience holds now, counted on the server (the designer's inspector).
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc";
import { useLocale } from "../i18n/LocaleProvider";

export function AudienceCount({ audience }: { audience: string }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const [settled, setSettled] = useState(audience);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(audience), 400);
    return () => clearTimeout(timer);
  }, [audience]);
  const count = useQuery(trpc.mot.audienceCount.queryOptions({ audience: settled }));
  if (!count.data) return <p role="status">{t("audience.counting")}</p>;
  if (count.data.problems.length > 0) return null; // the validator shows what is wrong
  return (
    <p role="status" data-testid="audience-count">
      {t("audience.count", { count: count.data.count, total: count.data.total })}
    </p>
  );
}
