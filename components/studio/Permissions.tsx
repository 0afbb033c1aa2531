"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { Action } from "../../server/auth/policy";

// What the signed-in member's role allows, as the one policy (server/auth/policy.ts) decided it on the
// server for this page. The studio offers a button only when its action is here; the server checks again.
const PermissionsContext = createContext<ReadonlySet<Action>>(new Set());

export function PermissionsProvider({
  permissions,
  children,
}: {
  permissions: readonly Action[];
  children: ReactNode;
}) {
  return <PermissionsContext.Provider value={new Set(permissions)}>{children}</PermissionsContext.Provider>;
}

/** True when the member may do `action` in the current workspace. */
export function useCan(action: Action): boolean {
  return useContext(PermissionsContext).has(action);
}

/** Every action the member may do in the current workspace. */
export function usePermissions(): ReadonlySet<Action> {
  return useContext(PermissionsContext);
}
