import type { ReactNode } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentMember } from "../../server/auth/memberSession";
import { isDatabaseUnavailable } from "../../server/db/databaseUnavailable";
import { DatabaseUnavailable } from "../../components/studio/DatabaseUnavailable";
import { LocaleProvider } from "../../components/i18n/LocaleProvider";
import { serverLocale } from "../../components/i18n/serverLocale";
import { TrpcProvider } from "../../components/trpc/TrpcProvider";
import { StudioHeader } from "../../components/studio/StudioHeader";
import { PermissionsProvider } from "../../components/studio/Permissions";
import { actions, can } from "../../server/auth/policy";
import styles from "./studio.module.css";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  // Every studio page needs a signed-in member; each tRPC procedure behind the pages checks again.
  const requestHeaders = new Headers(await headers());
  let member: Awaited<ReturnType<typeof currentMember>>;
  try {
    member = await currentMember(requestHeaders);
  } catch (error) {
    // The database is away: a banner that retries by itself, not a blank page.
    if (!isDatabaseUnavailable(error)) throw error;
    return (
      <LocaleProvider initialLocale={await serverLocale()}>
        <DatabaseUnavailable />
      </LocaleProvider>
    );
  }
  if (!member) redirect(`/sign-in?next=${encodeURIComponent(requestHeaders.get("x-journey-path") ?? "/flows")}`);
  const locale = await serverLocale();
  return (
    <LocaleProvider initialLocale={locale}>
      <TrpcProvider>
        <PermissionsProvider
          permissions={actions.filter((a) => can(member.user.role, a, { instanceAdmin: member.user.instanceAdmin }))}
        >
          <div className={styles.shell}>
            <StudioHeader
              user={{ email: member.user.email, role: member.user.role }}
              workspace={member.workspaceId}
              workspaces={member.workspaces.map((w) => ({ id: w.id, name: w.name, role: w.role }))}
            />
            <main className={styles.main}>{children}</main>
          </div>
        </PermissionsProvider>
      </TrpcProvider>
    </LocaleProvider>
  );
}
