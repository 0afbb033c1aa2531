"use client";

import { useCallback } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import type { Diagnostic } from "../../flows";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";

type Options = {
  flowKey: string;
  /** The autosave's: saves pending edits first, then counts the published draft as saved. */
  flush: () => Promise<void>;
  rebase: (revision: string, saved: boolean) => void;
  /** The canvas's own count of errors, for a refusal that does not carry the server's diagnostics. */
  errorCount: number;
  onMessage: (message: string) => void;
  onPublished: (version: number) => void;
};

/**
 * Publishes the draft (after saving what is pending) and says how it went: the new version, "nothing
 * changed", refused for the flow's errors, or not allowed (role, four eyes) with the server's reason.
 */
export function usePublish({ flowKey, flush, rebase, errorCount, onMessage, onPublished }: Options) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(trpc.flows.publish.mutationOptions());
  const { mutateAsync } = mutation;

  const publish = useCallback(
    async (note?: string) => {
      await flush();
      try {
        const result = await mutateAsync({ key: flowKey, ...(note?.trim() ? { note: note.trim() } : {}) });
        rebase(result.revision, true);
        onPublished(result.version);
        onMessage(
          result.created
            ? t("editor.published", { version: result.version })
            : t("editor.publishUnchanged", { version: result.version }),
        );
        await queryClient.invalidateQueries({ queryKey: trpc.flows.versions.queryKey({ key: flowKey }) });
        await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
      } catch (error) {
        const extensions =
          error instanceof TRPCClientError
            ? (error.data as { appExtensions?: { diagnostics?: Diagnostic[] } } | undefined)?.appExtensions
            : undefined;
        if (extensions?.diagnostics || !(error instanceof TRPCClientError)) {
          const count = extensions?.diagnostics?.filter((d) => d.severity === "error").length ?? errorCount;
          onMessage(t("editor.publishRefused", { count }));
        } else {
          // Not the flow's fault: the caller may not publish (role, four eyes), or the server said why.
          onMessage(t("editor.publishNotAllowed", { reason: error.message }));
        }
      }
    },
    [flush, mutateAsync, flowKey, rebase, onPublished, onMessage, t, queryClient, trpc, errorCount],
  );

  return { publish, pending: mutation.isPending };
}
