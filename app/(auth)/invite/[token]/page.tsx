import { headers } from "next/headers";
import { getDatabase } from "../../../../server/db/client";
import { signedInUser } from "../../../../server/auth/memberSession";
import { AppError } from "../../../../server/errors/appError";
import { describeInvitation, type InvitationDetails } from "../../../../server/services/members/invitations";
import { TrpcProvider } from "../../../../components/trpc/TrpcProvider";
import { InviteAccept } from "./InviteAccept";

/** An invitation link: what it invites to, and the way to accept it (signed in, or with a new password). */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const database = await getDatabase();
  let details: InvitationDetails | null = null;
  try {
    details = await describeInvitation(database.db, token);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "INVITATION_INVALID")) throw error;
  }
  const user = await signedInUser(database, new Headers(await headers()));
  return (
    <TrpcProvider>
      <InviteAccept token={token} details={details} signedInAs={user?.email ?? null} />
    </TrpcProvider>
  );
}
