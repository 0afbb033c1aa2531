"use client";

import { useCallback, useState } from "react";

const TOAST_MS = 4000;

/** The editor's one passing message: `showToast` shows it for four seconds (a newer one replaces it). */
export function useToast(): { toast: string | undefined; showToast: (message: string) => void } {
  const [toast, setToast] = useState<string | undefined>();
  const showToast = useCallback((message: string) => {
    setToast(message);
    setTimeout(() => setToast((current) => (current === message ? undefined : current)), TOAST_MS);
  }, []);
  return { toast, showToast };
}
