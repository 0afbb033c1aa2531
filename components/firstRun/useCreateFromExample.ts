"use client";

import { useCallback } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTRPC } from "../trpc/trpc";

/**
 * Creates a flow from an example under `key`, or `key-2`, `key-3`… when that key is taken (a second
 * walk through the guide, an example started twice). Resolves to the key it got.
 */
export function useCreateFromExample() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { mutateAsync, isPending } = useMutation(trpc.flows.create.mutationOptions());
  const create = useCallback(
    async (example: { key: string; kind: "sop" | "mot" }, key: string, name: string): Promise<string> => {
      for (let n = 1; ; n++) {
        const candidate = n === 1 ? key : `${key.slice(0, 90)}-${n}`;
        try {
          const created = await mutateAsync({ key: candidate, name, kind: example.kind, fromExample: example.key });
          await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
          return created.key;
        } catch (error) {
          const conflict = error instanceof TRPCClientError && error.data?.appCode === "CONFLICT";
          if (!conflict || n >= 50) throw error;
        }
      }
    },
    [mutateAsync, queryClient, trpc],
  );
  return { create, isPending };
}
