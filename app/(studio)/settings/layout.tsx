import type { ReactNode } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentMember } from "../../../server/auth/memberSession";
import { SettingsNav } from "../../../components/settings/SettingsNav";
import styles from "../../../components/settings/settings.module.css";

// Every settings page needs a signed-in member (the studio layout above redirects otherwise; checked
// again here for the member's details, and by every tRPC procedure behind the pages).
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const member = await currentMember(new Headers(await headers()));
  if (!member) redirect("/sign-in?next=/settings");
  return (
    <div className={styles.layout}>
      <SettingsNav email={member.user.email} role={member.user.role} />
      <section className={styles.content} data-testid="settings-content">
        {children}
      </section>
    </div>
  );
}
