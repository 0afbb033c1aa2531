"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc";
import type { EditorStore } from "./editorStore";

export type SaveState = { status: "saved" | "unsaved" | "saving" | "error"; message?: string };

const DEBOUNCE_MS = 600;

/**
 * Saves the draft a moment after each edit, one save at a time, each naming the revision it builds
 * on (a conflicting save is refused, never silently overwrites). `flush` saves now (before publish).
 */
export function useAutosave(store: EditorStore, flowKey: string, initialRevision: string, enabled = true) {
  const trpc = useTRPC();
  const save = useMutation(trpc.flows.saveDraft.mutationOptions());
  const [state, setState] = useState<SaveState>({ status: "saved" });
  const revision = useRef(initialRevision);
  const savedVersion = useRef(store.get().docVersion);
  const inFlight = useRef<Promise<void> | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mutate = save.mutateAsync;

  const saveNow = useCallback(async (): Promise<void> => {
    // A read-only viewer's changes (there are none to make) never reach the server.
    if (!enabled) return;
    if (inFlight.current) await inFlight.current;
    const version = store.get().docVersion;
    if (version === savedVersion.current) return;
    setState({ status: "saving" });
    const run = (async () => {
      try {
        const result = await mutate({ key: flowKey, document: store.document(), baseRevision: revision.current });
        if (result.ok) {
          revision.current = result.revision;
          savedVersion.current = version;
          setState(store.get().docVersion === version ? { status: "saved" } : { status: "unsaved" });
        } else {
          setState({ status: "error", message: result.diagnostics.map((d) => d.message).join("; ") });
        }
      } catch (error) {
        setState({ status: "error", message: error instanceof Error ? error.message : String(error) });
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = undefined;
  }, [store, flowKey, mutate, enabled]);

  useEffect(() => {
    return store.subscribe(() => {
      if (store.get().docVersion === savedVersion.current) return;
      setState((s) => (s.status === "saving" || s.status === "unsaved" ? s : { status: "unsaved" }));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        void saveNow().then(() => {
          if (store.get().docVersion !== savedVersion.current) return saveNow();
        });
      }, DEBOUNCE_MS);
    });
  }, [store, saveNow]);

  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (store.get().docVersion !== savedVersion.current) {
        void saveNow();
        event.preventDefault();
      }
    };
    const hidden = () => document.visibilityState === "hidden" && void saveNow();
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("visibilitychange", hidden);
      clearTimeout(timer.current);
    };
  }, [store, saveNow]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    await saveNow();
  }, [saveNow]);

  /** After publish or restore: the server's row moved on; the current document counts as saved. */
  const rebase = useCallback(
    (nextRevision: string, saved: boolean) => {
      revision.current = nextRevision;
      if (saved) savedVersion.current = store.get().docVersion;
      setState(saved ? { status: "saved" } : { status: "unsaved" });
    },
    [store],
  );

  return { state, flush, rebase };
}
