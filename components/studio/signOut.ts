/** Ends this browser's session (or, `everywhere`, every session of the user first) and opens sign-in. */
export async function signOut(everywhere: boolean): Promise<void> {
  if (everywhere)
    await fetch("/api/auth/revoke-sessions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
  await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  window.location.assign("/sign-in");
}
