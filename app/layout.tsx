import type { Metadata } from "next";
import type { ReactNode } from "react";
import { serverLocale } from "../components/i18n/serverLocale";
import "./globals.css";

export const metadata: Metadata = {
  title: "Journey Studio",
  description: "A low-code studio for contact-centre journeys and scripts.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await serverLocale();
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body>{children}</body>
    </html>
  );
}
