// What the holder of an invitation link does: see what it invites to, accept it signed in (an existing
// user) or with a new password (a new user). Public procedures (no workspace role): the token is the
// permission; a signed-in accept also needs the session of the invited e-mail.
import "server-only";
import { signedInUser } from "../../../auth/memberSession";
import { AppError } from "../../../errors/appError";
import { acceptInvitation, acceptInvitationAsNewUser, describeInvitation } from "../../../services/members/invitations";
import { createTrpcRouter, publicProcedure } from "../../trpc";
import {
  acceptAsNewUserInput,
  acceptedAsNewUserOutput,
  acceptedOutput,
  invitationDetailsOutput,
  tokenInput,
} from "./invitationsRouter.types";

export const invitationsRouter = createTrpcRouter({
  describe: publicProcedure
    .meta({ public: true })
    .input(tokenInput)
    .output(invitationDetailsOutput)
    .query(({ ctx, input }) => describeInvitation(ctx.database.db, input.token)),
  accept: publicProcedure
    .meta({ public: true })
    .input(tokenInput)
    .output(acceptedOutput)
    .mutation(async ({ ctx, input }) => {
      const user = ctx.headers ? await signedInUser(ctx.database, ctx.headers) : undefined;
      if (!user) throw new AppError("SIGN_IN_REQUIRED");
      return acceptInvitation(ctx.database.db, input.token, user);
    }),
  acceptAsNewUser: publicProcedure
    .meta({ public: true })
    .input(acceptAsNewUserInput)
    .output(acceptedAsNewUserOutput)
    .mutation(({ ctx, input }) => acceptInvitationAsNewUser(ctx.database.db, input.token, input)),
});
