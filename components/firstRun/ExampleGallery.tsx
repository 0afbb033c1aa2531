"use client";

import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useLocale } from "../i18n/LocaleProvider";
import { isMessageKey } from "../i18n/messages";
import { useTRPC } from "../trpc/trpc";
import { useCreateFromExample } from "./useCreateFromExample";
import { exampleBrings } from "./exampleBrings";
import styles from "./firstRun.module.css";

/** The example journeys as cards: each starts a new flow of the workspace's own, scripts and all. */
export function ExampleGallery() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const examples = useQuery(trpc.flows.examples.queryOptions());
  const { create, isPending } = useCreateFromExample();
  const [failed, setFailed] = useState<string>();
  const text = useExampleText();
  return (
    <section className={styles.gallery} aria-label={t("firstRun.examples")} data-testid="example-gallery">
      <h2>{t("firstRun.examples")}</h2>
      <p className={styles.lead}>{t("firstRun.examplesLead")}</p>
      {failed && (
        <p role="alert" className={styles.error}>
          {failed}
        </p>
      )}
      <ul className={styles.cards}>
        {examples.data?.map((example) => {
          const { name, about } = text(example);
          return (
            <li key={example.key} className={styles.card}>
              <h3>{name}</h3>
              <p className={styles.meta}>
                {t(`kind.${example.kind}`)} · {t("library.nodes", { count: example.nodeCount })}
              </p>
              <p className={styles.about}>{about}</p>
              <ExampleBringsNote example={example} examples={examples.data ?? []} className={styles.meta} />
              <button
                type="button"
                className={styles.button}
                disabled={isPending}
                aria-label={t("firstRun.useExampleNamed", { name })}
                onClick={() =>
                  void create(example, example.key, name)
                    .then((key) => router.push(`/flows/${encodeURIComponent(key)}`))
                    .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)))
                }
              >
                {t("firstRun.useExample")}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** An example's name and summary in the studio's language (the document's own English where none is known). */
export function useExampleText() {
  const { t } = useLocale();
  return (example: { key: string; name: string; description: string }) => {
    const nameKey = `example.${example.key}`;
    const aboutKey = `example.${example.key}.about`;
    return {
      name: isMessageKey(nameKey) ? t(nameKey) : example.name,
      about: isMessageKey(aboutKey) ? t(aboutKey) : example.description,
    };
  };
}

export type BringingExample = { key: string; name: string; description: string; brings: string[] };

/**
 * Says which flows an example calls come with it (published) and which the workspace has already (kept):
 * in the gallery's cards and in the library's "new flow" dialog.
 */
export function ExampleBringsNote({
  example,
  examples,
  className,
}: {
  example: BringingExample;
  examples: readonly BringingExample[];
  className?: string;
}) {
  const { t, locale } = useLocale();
  const trpc = useTRPC();
  const text = useExampleText();
  const active = useQuery(trpc.flows.list.queryOptions({ status: "active" }));
  const archived = useQuery(trpc.flows.list.queryOptions({ status: "archived" }));
  const keys = useMemo(
    () => new Set([...(active.data ?? []), ...(archived.data ?? [])].map((flow) => flow.key)),
    [active.data, archived.data],
  );
  if (example.brings.length === 0 || !active.data || !archived.data) return null;
  const { added, kept } = exampleBrings(example.brings, keys);
  const names = (list: string[]) =>
    list
      .map((key) => {
        const called = examples.find((e) => e.key === key);
        if (!called) return key;
        return locale === "zh" ? `${text(called).name}（${key}）` : `${text(called).name} (${key})`;
      })
      .join(locale === "zh" ? "、" : ", ");
  return (
    <div className={className} role="note" data-testid={`example-brings-${example.key}`}>
      {added.length > 0 && <p>{t("firstRun.brings", { flows: names(added) })}</p>}
      {kept.length > 0 && <p>{t("firstRun.keeps", { flows: names(kept) })}</p>}
    </div>
  );
}
