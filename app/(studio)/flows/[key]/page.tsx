import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { FlowEditorPage } from "../../../../components/canvas/FlowEditorPage";
import { createRequestCaller } from "../../../../server/api/root";

/**
 * The draft, the published flows it may call, the approved scripts its nodes use and the member's
 * permissions are read while the page is rendered on the server (the same procedures, the same checks),
 * so the canvas starts drawing without waiting for a round trip after hydration. What fails here is
 * fetched again, and reported, in the browser.
 */
export default async function FlowPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const flowKey = decodeURIComponent(key);
  const caller = await createRequestCaller(new Headers(await headers()));
  const [draft, published, session, approvedScripts] = await Promise.all([
    caller.flows.get({ key: flowKey }).catch((error: unknown) => {
      // Another workspace's flow, or none: a 404 page rather than an editor that fails after hydration.
      if (error instanceof TRPCError && error.code === "NOT_FOUND") return "not-found" as const;
      return undefined;
    }),
    caller.flows.published().catch(() => undefined),
    caller.system.session().catch(() => undefined),
    caller.scripts.approved().catch(() => undefined),
  ]);
  if (draft === "not-found") notFound();
  return <FlowEditorPage flowKey={flowKey} initial={{ draft, published, session, approvedScripts }} />;
}
