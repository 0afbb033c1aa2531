"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import type { inferRouterOutputs } from "@trpc/server";
import type { FlowDocument } from "../../flows";
import type { AppRouter } from "../../server/api/root";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { EditorStore } from "./editorStore";
import { FlowEditor } from "./FlowEditor";
import type { EditorAccess } from "./FlowEditor";
import type { FlowDraft } from "./flowDraft";

type Initial = {
  draft?: inferRouterOutputs<AppRouter>["flows"]["get"];
  published?: inferRouterOutputs<AppRouter>["flows"]["published"];
  session?: inferRouterOutputs<AppRouter>["system"]["session"];
  approvedScripts?: inferRouterOutputs<AppRouter>["scripts"]["approved"];
};

/**
 * Loads the draft (and the published flows subflows may call), then hands them to the canvas. `initial`
 * is what the server already read while rendering the page; the queries start from it.
 */
export function FlowEditorPage({ flowKey, initial = {} }: { flowKey: string; initial?: Initial }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const draft = useQuery({
    ...trpc.flows.get.queryOptions({ key: flowKey }),
    initialData: initial.draft,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const published = useQuery({
    ...trpc.flows.published.queryOptions(),
    initialData: initial.published,
    staleTime: 60_000,
  });
  const session = useQuery({ ...trpc.system.session.queryOptions(), initialData: initial.session, staleTime: 60_000 });
  // Seeds the cache the canvas's validation and the simulator read (no fetch, and no re-render, after hydration).
  useQuery({ ...trpc.scripts.approved.queryOptions(), initialData: initial.approvedScripts, staleTime: 60_000 });
  if (draft.isPending || published.isPending || session.isPending)
    return <p style={{ padding: 24 }}>{t("common.loading")}</p>;
  if (draft.isError)
    return <p style={{ padding: 24 }} role="alert">{`${t("common.error")}: ${draft.error.message}`}</p>;
  return (
    <ReactFlowProvider>
      <LoadedEditor
        draft={draft.data}
        publishedFlows={published.data}
        flowKey={flowKey}
        access={{
          edit: session.data?.permissions.includes("flows.edit") ?? false,
          publish: session.data?.permissions.includes("flows.publish") ?? false,
          role: session.data?.user.role ?? "viewer",
        }}
      />
    </ReactFlowProvider>
  );
}

function LoadedEditor({
  draft,
  flowKey,
  publishedFlows,
  access,
}: {
  draft: FlowDraft;
  flowKey: string;
  publishedFlows?: FlowDocument[];
  access: EditorAccess;
}) {
  const [store] = useState(() => new EditorStore(draft.document));
  return (
    <FlowEditor
      store={store}
      flowKey={flowKey}
      revision={draft.revision}
      latestVersion={draft.latestVersion}
      publishedFlows={publishedFlows}
      access={access}
    />
  );
}
