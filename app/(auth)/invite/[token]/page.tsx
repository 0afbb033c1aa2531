import { headers } from "next/headers";
import { TRPCError } from "@trpc/server";
import { createRequestCaller } from "../../../../server/api/root";
import { currentUser } from "../../../../server/auth/memberSession";
import { AppError } from "../../../../server/errors/appError";
import type { InvitationDetails } from "../../../../server/services/members/invitations";
import { TrpcProvider } from "../../../../components/trpc/TrpcProvider";
import { InviteAccept } from "./InviteAccept";

/** An invitation link: what it invites to, and the way to accept it (signed in, or with a new password). */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const requestHeaders = new Headers(await headers());
  let details: InvitationDetails | null = null;
  try {
    details = await (await createRequestCaller(requestHeaders)).invitations.describe({ token });
  } catch (error) {
    // An unknown, used, revoked or expired link (or one too short to be a token): the page says so.
    const invalid =
      error instanceof TRPCError &&
      (error.code === "BAD_REQUEST" || (error.cause instanceof AppError && error.cause.code === "INVITATION_INVALID"));
    if (!invalid) throw error;
  }
  const user = await currentUser(requestHeaders);
  return (
    <TrpcProvider>
      <InviteAccept token={token} details={details} signedInAs={user?.email ?? null} />
    </TrpcProvider>
  );
}
