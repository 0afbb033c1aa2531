// Response schemas of the system router (server-side: roles and actions come from the schema and policy).
import { z } from "zod";
import { isAction, type Action } from "../../auth/policy";
import { memberSessionOutput } from "./member.types";

export const healthOutput = z.object({ ok: z.literal(true), db: z.enum(["postgres", "pglite"]) });

/** Who is signed in, and the actions their role allows (the studio hides what it may not). */
export const sessionOutput = memberSessionOutput.extend({
  permissions: z.array(z.custom<Action>(isAction, { message: "expected a policy action" })),
});
