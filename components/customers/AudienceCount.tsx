"use client";

// How many customers a start node's audience holds now, counted on the server (the designer's inspector).
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc";
import { useLocale } from "../i18n/LocaleProvider";
import { segmentNameSchema } from "../../flows/schema/policyDocument";

const isSegmentName = (name: string) => segmentNameSchema.safeParse(name).success;

export function AudienceCount({ audience, segment }: { audience: string; segment?: string }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const [settled, setSettled] = useState({ audience, segment });
  useEffect(() => {
    const timer = setTimeout(() => setSettled({ audience, segment }), 400);
    return () => clearTimeout(timer);
  }, [audience, segment]);
  // A segment that is not yet a name (being typed) is not asked about: the validator shows it.
  const named = settled.segment !== undefined && isSegmentName(settled.segment) ? settled.segment : undefined;
  const count = useQuery(
    trpc.mot.audienceCount.queryOptions({ audience: settled.audience, ...(named ? { segment: named } : {}) }),
  );
  if (!count.data) return <p role="status">{t("audience.counting")}</p>;
  if (count.data.problems.length > 0) return null; // the validator shows what is wrong
  return (
    <p role="status" data-testid="audience-count">
      {named
        ? t("audience.segmentCount", { count: count.data.count, total: count.data.total, segment: named })
        : t("audience.count", { count: count.data.count, total: count.data.total })}
    </p>
  );
}
