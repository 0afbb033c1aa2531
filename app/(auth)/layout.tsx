import type { ReactNode } from "react";
import { LocaleProvider } from "../../components/i18n/LocaleProvider";
import { serverLocale } from "../../components/i18n/serverLocale";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  return <LocaleProvider initialLocale={await serverLocale()}>{children}</LocaleProvider>;
}
