// Who may do what. THE one table of actions → roles; every tRPC procedure (its
// `.meta({ action })`, server/api/authorize.ts) and every service that needs it asks `can` or
// `authorize` here. Nothing else decides.
import "server-only";
import { AppError } from "../errors/appError";
import type { StudioRole } from "../db/schema/auth";

export type { StudioRole };

const everyone: readonly StudioRole[] = ["admin", "designer", "content-editor", "reviewer", "viewer"];

/**
 * Who an action is granted to: a role in the workspace, or an instance administrator (an operator of the
 * whole installation, `instance_admins`: creates, renames and archives workspaces), whatever their role.
 */
export type Grantee = StudioRole | "instance-admin";

/**
 * Admins may do everything (a single-person install must be able to publish); the four-eyes rule
 * (`assertFourEyes`) still keeps anyone from approving their own change.
 */
export const policy = {
  "workspace.read": everyone,
  "flows.read": everyone,
  "flows.edit": ["admin", "designer"],
  "flows.publish": ["admin", "reviewer"],
  "scripts.read": everyone,
  "scripts.edit": ["admin", "content-editor"],
  "scripts.approve": ["admin", "reviewer"],
  /** In review → draft: the reviewer sends it back, or its editor withdraws it to change it. */
  "scripts.return": ["admin", "content-editor", "reviewer"],
  "interactions.read": everyone,
  "analytics.read": everyone,
  /**
   * The workspace's drivers taxonomy (how VOC comments are tagged): the designers who read VOC to
   * redesign flows keep it. Not `flows.edit`, which a member's folders narrow: the taxonomy is the
   * whole workspace's. Not admin-only, and no review: it changes how comments are read, never what
   * customers receive.
   */
  "drivers.edit": ["admin", "designer"],
  "members.read": everyone,
  "members.manage": ["admin"],
  "apiKeys.manage": ["admin"],
  "webhooks.manage": ["admin"],
  "settings.manage": ["admin"],
  "audit.read": ["admin", "reviewer"],
  "workspaces.manage": ["instance-admin"],
} as const satisfies Record<string, readonly Grantee[]>;

export type Action = keyof typeof policy;

export const actions = Object.keys(policy) as Action[];

export function isAction(value: unknown): value is Action {
  return typeof value === "string" && Object.hasOwn(policy, value);
}

export function can(role: StudioRole, action: Action, options: { instanceAdmin?: boolean } = {}): boolean {
  const grantees: readonly Grantee[] = policy[action];
  return grantees.includes(role) || (options.instanceAdmin === true && grantees.includes("instance-admin"));
}

/** The least a caller must carry: a workspace and a role in it (and whether they administer the instance). */
export type Authorizable = { workspaceId: string; user: { id: string; role: StudioRole; instanceAdmin?: boolean } };

/** Throws SIGN_IN_REQUIRED without a session, FORBIDDEN when the role may not; returns the session. */
export function authorize<S extends Authorizable>(session: S | null | undefined, action: Action): S {
  if (!session) throw new AppError("SIGN_IN_REQUIRED");
  if (!can(session.user.role, action, { instanceAdmin: session.user.instanceAdmin })) {
    throw new AppError("FORBIDDEN", {
      detail: `A ${session.user.role} may not ${action}.`,
      extensions: { action, role: session.user.role },
    });
  }
  return session;
}

/** The actions a member's folder grants narrow: editing and publishing flows. Admins are never narrowed. */
export const folderScopedActions: readonly Action[] = ["flows.edit", "flows.publish"];

/**
 * May this member do `action` to a flow (or a folder) at `folderPath`: the folder's id and its
 * ancestors' ids, nearest first ([] = the top of the process map)? The role decides first; then a
 * member with folder grants (`user.folders`) reaches only what lies inside one of those folders.
 */
export function canInFolder(
  user: Authorizable["user"] & { folders?: readonly string[] },
  action: Action,
  folderPath: readonly string[],
): boolean {
  if (!can(user.role, action, { instanceAdmin: user.instanceAdmin })) return false;
  if (user.role === "admin" || !user.folders || !folderScopedActions.includes(action)) return true;
  const granted = user.folders;
  return folderPath.some((id) => granted.includes(id));
}

/** As `authorize`, for a flow or folder at `folderPath`: FORBIDDEN outside the member's folders. */
export function authorizeInFolder<S extends Authorizable & { user: { folders?: readonly string[] } }>(
  session: S | null | undefined,
  action: Action,
  folderPath: readonly string[],
): S {
  const allowed = authorize(session, action);
  if (!canInFolder(allowed.user, action, folderPath))
    throw new AppError("FORBIDDEN", {
      detail: `Your ${action} is limited to your folders; this one is outside them.`,
      extensions: { action, role: allowed.user.role, folders: allowed.user.folders },
    });
  return allowed;
}

/** Authorises and checks the resource lives in the caller's workspace (404, not 403: its existence is not revealed). */
export function authorizeInWorkspace<S extends Authorizable>(
  session: S | null | undefined,
  action: Action,
  resourceWorkspaceId: string,
): S {
  const allowed = authorize(session, action);
  if (allowed.workspaceId !== resourceWorkspaceId) throw new AppError("NOT_FOUND");
  return allowed;
}

/**
 * The four-eyes rule: with `requireFourEyes` on, whoever made a change (`authorId`: the author of the
 * draft or script version) cannot approve or publish it. Off, anyone whose role allows may.
 */
export function assertFourEyes(options: {
  requireFourEyes: boolean;
  actorId: string;
  authorIds: Iterable<string | null | undefined>;
}): void {
  if (!options.requireFourEyes) return;
  for (const author of options.authorIds) {
    if (author && author === options.actorId) {
      throw new AppError("FOUR_EYES_REQUIRED", {
        detail: "This workspace requires a second person to approve a change; you made this one.",
      });
    }
  }
}
