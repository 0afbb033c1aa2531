import type { ReactNode } from "react";
import { LocaleProvider } from "../../components/i18n/LocaleProvider";
import { serverLocale } from "../../components/i18n/serverLocale";
import { TrpcProvider } from "../../components/trpc/TrpcProvider";
import { StudioHeader } from "../../components/studio/StudioHeader";
import styles from "./studio.module.css";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  const locale = await serverLocale();
  return (
    <LocaleProvider initialLocale={locale}>
      <TrpcProvider>
        <div className={styles.shell}>
          <StudioHeader />
          <main className={styles.main}>{children}</main>
        </div>
      </TrpcProvider>
    </LocaleProvider>
  );
}
