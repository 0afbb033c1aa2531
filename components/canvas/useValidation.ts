"use client";

import { useEffect, useRef, useState } from "react";
import { validateFlow } from "../../flows/validate/validateFlow";
import type { Diagnostic, FlowDocument } from "../../flows";
import type { ScriptDocument } from "../../flows/scripts/scriptDocument";
import type { EditorStore } from "./editorStore";
import { resolversFor } from "./resolvers";
import type { ValidationRequest, ValidationResponse } from "./validationMessages";

type Context = { flows: FlowDocument[]; scripts: ScriptDocument[] | undefined; segments: string[] | undefined };

/**
 * The validator's diagnostics for the draft, recomputed on every change it sees (not on moves). It runs
 * in a worker so neither the first paint of a big flow nor typing waits for it; only the newest answer
 * is kept. Where workers are unavailable it runs here, synchronously.
 */
export function useValidation(store: EditorStore, structureVersion: number, context: Context): Diagnostic[] {
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const worker = useRef<Worker | undefined>(undefined);
  const latest = useRef(0);

  const [workerFailed, setWorkerFailed] = useState(false);
  useEffect(() => {
    if (typeof Worker === "undefined" || workerFailed) return;
    let created: Worker;
    try {
      created = new Worker(new URL("./validation.worker.ts", import.meta.url), {
        type: "module",
        name: "flow-validation",
      });
    } catch {
      setWorkerFailed(true);
      return;
    }
    created.addEventListener("message", (event: MessageEvent<ValidationResponse>) => {
      if (event.data.id === latest.current) setDiagnostics(event.data.diagnostics);
    });
    // A worker that cannot start (blocked, failed to load) leaves validation to this thread.
    created.addEventListener("error", () => setWorkerFailed(true));
    worker.current = created;
    return () => {
      created.terminate();
      worker.current = undefined;
    };
  }, [workerFailed]);

  const { flows, scripts, segments } = context;
  useEffect(() => {
    worker.current?.postMessage({ type: "context", flows, scripts, segments } satisfies ValidationRequest);
  }, [flows, scripts, segments, workerFailed]);

  useEffect(() => {
    void structureVersion;
    const id = ++latest.current;
    const document = store.document();
    if (worker.current) {
      worker.current.postMessage({ type: "validate", id, document } satisfies ValidationRequest);
      return;
    }
    setDiagnostics(validateFlow(document, resolversFor(flows, scripts, segments)).diagnostics);
  }, [store, structureVersion, flows, scripts, segments, workerFailed]);

  return diagnostics;
}
