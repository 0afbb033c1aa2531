import { getAuth } from "../../../../server/auth/auth";

// better-auth's endpoints (sign-in, sign-out, revoke-sessions, get-session…). /api/v1 never comes here.
async function handler(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export const dynamic = "force-dynamic";
export { handler as GET, handler as POST };
