import { redirect } from "next/navigation";
import { settingsSections } from "../../../components/settings/settingsSections";
import { sectionAccess } from "./sectionAccess";

/** Opens the first section the member's role may use. */
export default async function SettingsPage() {
  for (const section of settingsSections) {
    if ((await sectionAccess(section.action)).allowed) redirect(section.href);
  }
  redirect("/flows");
}
