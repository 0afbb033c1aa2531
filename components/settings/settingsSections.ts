import type { Action } from "../../server/auth/policy";
import type { MessageKey } from "../i18n/messages";

/** The settings sections, each with the action that opens it (a role without it is not offered it). */
export const settingsSections: readonly { href: string; label: MessageKey; action: Action }[] = [
  { href: "/settings/members", label: "settings.members", action: "members.read" },
  { href: "/settings/folders", label: "settings.folders", action: "members.manage" },
  { href: "/settings/api-keys", label: "settings.apiKeys", action: "apiKeys.manage" },
  { href: "/settings/webhooks", label: "settings.webhooks", action: "webhooks.manage" },
  { href: "/settings/policy", label: "settings.policy", action: "settings.manage" },
  { href: "/settings/drivers", label: "settings.drivers", action: "drivers.edit" },
  { href: "/settings/audit", label: "settings.audit", action: "audit.read" },
  { href: "/settings/workspaces", label: "settings.workspaces", action: "workspaces.manage" },
];
