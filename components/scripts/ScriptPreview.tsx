"use client";

import { renderScript, ScriptRenderError, type RenderedScript } from "../../flows/scripts/renderScript";
import type { ScriptDocument, ScriptVariant } from "../../flows/scripts/scriptDocument";
import type { SnippetLibrary } from "../../flows/scripts/snippets";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./scripts.module.css";

type Props = {
  doc: ScriptDocument;
  variant: ScriptVariant;
  context: Record<string, unknown>;
  /** The approved snippets, put in where the variant names them, as the runtime does. */
  snippets?: SnippetLibrary;
};

type Outcome = { ok: true; out: RenderedScript } | { ok: false; message: string };

/** Exactly what the customer receives from this variant, rendered by the same pure renderer the runtime uses. */
export function previewVariant(
  doc: ScriptDocument,
  variant: ScriptVariant,
  context: Record<string, unknown>,
  snippets?: SnippetLibrary,
): Outcome {
  try {
    return {
      ok: true,
      out: renderScript(
        { ...doc, fallback: [], variants: [variant] },
        { channel: variant.channel, locale: variant.locale, context, ...(snippets ? { snippets } : {}) },
      ),
    };
  } catch (e) {
    if (e instanceof ScriptRenderError) return { ok: false, message: e.message };
    throw e;
  }
}

/** The email's HTML in a sandboxed frame: no scripts, no same-origin access, links open nothing. */
function emailFrame(body: string): string {
  return `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https: data:; style-src 'unsafe-inline'"><style>body{font:15px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;color:#1c2433;margin:16px}</style>${body}`;
}

export function ScriptPreview({ doc, variant, context, snippets }: Props) {
  const { t } = useLocale();
  const result = previewVariant(doc, variant, context, snippets);
  if (!result.ok) {
    return (
      <div className={styles.previewError} role="alert" data-testid="preview-error">
        {t("scripts.preview.failed")}: {result.message}
      </div>
    );
  }
  const { out } = result;
  return (
    <div data-testid="preview" data-channel={out.channel}>
      {out.channel === "email" && (
        <>
          <div className={styles.previewMeta}>
            <span>{t("scripts.preview.subject")}</span> <strong data-testid="preview-subject">{out.subject}</strong>
          </div>
          <iframe
            title={t("scripts.preview.email")}
            className={styles.emailFrame}
            sandbox=""
            srcDoc={emailFrame(out.body)}
            data-testid="preview-email"
          />
          <details>
            <summary>{t("scripts.preview.plainText")}</summary>
            <pre className={styles.previewText}>{out.text}</pre>
          </details>
        </>
      )}
      {out.channel === "sms" && (
        <>
          <div className={styles.phone}>
            <pre className={styles.bubble} data-testid="preview-body">
              {out.body}
            </pre>
          </div>
          <p className={styles.previewMeta} data-testid="preview-segments">
            {t("scripts.preview.segments", {
              count: out.segments ?? 0,
              encoding: out.encoding === "ucs2" ? "UCS-2" : "GSM-7",
              chars: [...out.body].length,
            })}
          </p>
        </>
      )}
      {out.channel === "voice" && (
        <>
          <p className={styles.previewMeta}>{t("scripts.preview.ssml")}</p>
          <pre className={styles.previewText} data-testid="preview-body">
            {out.body}
          </pre>
        </>
      )}
      {out.channel !== "email" && out.channel !== "sms" && out.channel !== "voice" && (
        <>
          {out.title !== undefined && (
            <div className={styles.previewMeta}>
              {t("scripts.pushTitle")} <strong>{out.title}</strong>
            </div>
          )}
          <pre className={styles.bubble} data-testid="preview-body">
            {out.body}
          </pre>
        </>
      )}
    </div>
  );
}
