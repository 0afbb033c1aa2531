"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc";
import { useLocale } from "../i18n/LocaleProvider";
import { CustomerView } from "./CustomerView";
import styles from "./customers.module.css";

export function CustomersPage({ initialId }: { initialId?: string }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const [text, setText] = useState(initialId ?? "");
  const [searched, setSearched] = useState(initialId ?? "");
  const [selected, setSelected] = useState<string | undefined>(initialId);
  const hits = useQuery(trpc.mot.searchCustomers.queryOptions({ text: searched }));
  return (
    <div className={styles.page}>
      <h1>{t("customers.title")}</h1>
      <form
        className={styles.search}
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(text);
        }}
      >
        <input
          type="search"
          aria-label={t("customers.search")}
          placeholder={t("customers.search")}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit">{t("customers.searchButton")}</button>
      </form>
      <div className={styles.layout}>
        <ul className={styles.hits} aria-label={t("customers.title")}>
          {hits.data?.length === 0 ? <li className={styles.muted}>{t("customers.noHits")}</li> : null}
          {hits.data?.map((hit) => (
            <li key={hit.id} data-i18n-data>
              <button
                type="button"
                aria-current={hit.id === selected ? "true" : undefined}
                onClick={() => setSelected(hit.id)}
              >
                {hit.name ?? hit.id}
                <br />
                <span className={styles.muted}>{hit.addresses.join(" · ") || hit.id}</span>
              </button>
            </li>
          ))}
        </ul>
        {selected ? <CustomerView id={selected} /> : null}
      </div>
    </div>
  );
}
