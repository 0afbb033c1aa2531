"use client";

import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useLocale } from "../i18n/LocaleProvider";
import { useCan } from "../studio/Permissions";
import { useTRPC } from "../trpc/trpc";
import { curlCommand, guideChannel, startRequest } from "./startRequest";
import { useCreateFromExample } from "./useCreateFromExample";
import { useExampleText } from "./ExampleGallery";
import styles from "./firstRun.module.css";

const ReadOnlyFlowCanvas = dynamic(() => import("../analytics/ReadOnlyFlowCanvas").then((m) => m.ReadOnlyFlowCanvas), {
  ssr: false,
});

/** The example the guide starts from: layered identity verification, the domain's signature journey. */
export const GUIDE_EXAMPLE = "card-transfer-stepup";
const GUIDE_KEY = "my-first-journey";
/** An amount over the example's 50,000 line, so the start takes the second level of verification. */
const GUIDE_CONTEXT = { amount: 80000 };

/**
 * The first journey, in four steps on one page: create a flow from the layered-verification example,
 * look at it, publish it with a note, and start it over the API with a test key made here. The flow's
 * key stays in the address (`?flow=`), so the guide picks up where it was after a visit to the designer.
 */
export function FirstJourneyGuide({ initialFlow }: { initialFlow?: string }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const canEdit = useCan("flows.edit");
  const canPublish = useCan("flows.publish");
  const canMakeKeys = useCan("apiKeys.manage");
  const exampleText = useExampleText();
  const examples = useQuery(trpc.flows.examples.queryOptions());
  const example = examples.data?.find((e) => e.key === GUIDE_EXAMPLE);
  const [flowKey, setFlowKey] = useState(initialFlow ?? "");
  const [name, setName] = useState(t("firstRun.defaultName"));
  const [note, setNote] = useState(t("firstRun.defaultNote"));
  const [problem, setProblem] = useState<{ step: number; text: string }>();
  const [published, setPublished] = useState<number>();
  const [apiKey, setApiKey] = useState<string>();
  const [origin, setOrigin] = useState("http://127.0.0.1:3000");
  const [copied, setCopied] = useState(false);
  useEffect(() => setOrigin(window.location.origin), []);

  const { create, isPending: creating } = useCreateFromExample();
  const draft = useQuery({ ...trpc.flows.get.queryOptions({ key: flowKey }), enabled: flowKey !== "" });
  const publish = useMutation(trpc.flows.publish.mutationOptions());
  const makeKey = useMutation(trpc.admin.apiKeys.create.mutationOptions());
  // A `?flow=` of a flow this workspace does not have (another workspace's, an old link): start over.
  const created = flowKey !== "" && !draft.isError;
  const version = created ? (published ?? draft.data?.latestVersion ?? undefined) : undefined;
  const fail = (step: number) => (error: unknown) =>
    setProblem({ step, text: error instanceof Error ? error.message : String(error) });

  const onCreate = async () => {
    if (!example) return;
    setProblem(undefined);
    try {
      const key = await create(example, GUIDE_KEY, name.trim() || t("firstRun.defaultName"));
      setFlowKey(key);
      setPublished(undefined);
      router.replace(`/get-started?flow=${encodeURIComponent(key)}`);
    } catch (error) {
      fail(1)(error);
    }
  };
  const onPublish = async () => {
    setProblem(undefined);
    try {
      const result = await publish.mutateAsync({ key: flowKey, ...(note.trim() ? { note: note.trim() } : {}) });
      setPublished(result.version);
    } catch (error) {
      fail(3)(error);
    }
  };
  const onMakeKey = async () => {
    setProblem(undefined);
    try {
      const created = await makeKey.mutateAsync({ name: t("firstRun.keyName", { flow: flowKey }), mode: "test" });
      setApiKey(created.key);
    } catch (error) {
      fail(4)(error);
    }
  };

  const document = draft.data?.document;
  const channel = guideChannel(document?.channels ?? ["chat"]);
  const command = curlCommand(startRequest(origin, apiKey ?? "YOUR_API_KEY", flowKey, channel, GUIDE_CONTEXT));
  const problemAt = (step: number) =>
    problem?.step === step ? (
      <p role="alert" className={styles.error}>
        {problem.text}
      </p>
    ) : null;

  return (
    <section className={styles.guide}>
      <h1>{t("firstRun.title")}</h1>
      <p className={styles.lead}>{t("firstRun.lead")}</p>
      <ol className={styles.steps}>
        <Step n={1} done={created} title={t("firstRun.step1")}>
          <p>{t("firstRun.step1Body", { example: example ? exampleText(example).name : GUIDE_EXAMPLE })}</p>
          {!created ? (
            canEdit ? (
              <div className={styles.row}>
                <label className={styles.field}>
                  <span>{t("library.name")}</span>
                  <input value={name} onChange={(e) => setName(e.target.value)} />
                </label>
                <button
                  type="button"
                  className={`${styles.button} ${styles.primary}`}
                  onClick={() => void onCreate()}
                  disabled={!example || creating}
                >
                  {t("firstRun.create")}
                </button>
              </div>
            ) : (
              <p className={styles.note}>{t("firstRun.cannotCreate")}</p>
            )
          ) : (
            <p className={styles.doneText} data-testid="guide-created">
              {t("firstRun.created", { key: flowKey })}
            </p>
          )}
          {problemAt(1)}
        </Step>
        <Step n={2} done={created && version !== undefined} title={t("firstRun.step2")} open={created}>
          <ul className={styles.points}>
            <li>{t("firstRun.look1")}</li>
            <li>{t("firstRun.look2")}</li>
            <li>{t("firstRun.look3")}</li>
          </ul>
          {document && (
            <div className={styles.preview}>
              <ReadOnlyFlowCanvas document={document} label={t("firstRun.previewLabel")} testId="guide-preview" />
            </div>
          )}
          <p>
            <Link href={`/flows/${encodeURIComponent(flowKey)}`} className={styles.link}>
              {t("firstRun.openDesigner")}
            </Link>{" "}
            <span className={styles.note}>{t("firstRun.openDesignerHint")}</span>
          </p>
        </Step>
        <Step n={3} done={version !== undefined} title={t("firstRun.step3")} open={created}>
          {version !== undefined ? (
            <p className={styles.doneText} role="status" data-testid="guide-published">
              {t("firstRun.published", { version })}
            </p>
          ) : canPublish ? (
            <div className={styles.row}>
              <label className={`${styles.field} ${styles.grow}`}>
                <span>{t("publish.note")}</span>
                <input value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
              <button
                type="button"
                className={`${styles.button} ${styles.primary}`}
                onClick={() => void onPublish()}
                disabled={publish.isPending}
              >
                {t("firstRun.publish")}
              </button>
            </div>
          ) : (
            <p className={styles.note}>{t("firstRun.cannotPublish")}</p>
          )}
          {problemAt(3)}
        </Step>
        <Step n={4} done={apiKey !== undefined} title={t("firstRun.step4")} open={version !== undefined}>
          {apiKey === undefined &&
            (canMakeKeys ? (
              <div className={styles.row}>
                <p>{t("firstRun.keyBody")}</p>
                <button
                  type="button"
                  className={`${styles.button} ${styles.primary}`}
                  onClick={() => void onMakeKey()}
                  disabled={makeKey.isPending}
                >
                  {t("firstRun.makeKey")}
                </button>
              </div>
            ) : (
              <p className={styles.note}>{t("firstRun.cannotMakeKey")}</p>
            ))}
          {apiKey !== undefined && (
            <p className={styles.note} role="status">
              {t("firstRun.keyOnce")}
            </p>
          )}
          <p>{t("firstRun.curlBody")}</p>
          <pre className={styles.command} data-testid="guide-curl">
            {command}
          </pre>
          <div className={styles.row}>
            <button
              type="button"
              className={styles.button}
              onClick={() =>
                void navigator.clipboard?.writeText(command).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? t("firstRun.copied") : t("firstRun.copy")}
            </button>
            <span className={styles.note}>{t("firstRun.answer")}</span>
          </div>
          {problemAt(4)}
        </Step>
      </ol>
      <p className={styles.note}>
        {t("firstRun.after")}{" "}
        <Link href="/flows" className={styles.link}>
          {t("firstRun.toLibrary")}
        </Link>
      </p>
    </section>
  );
}

function Step({
  n,
  title,
  done,
  open = true,
  children,
}: {
  n: number;
  title: string;
  done: boolean;
  open?: boolean;
  children: ReactNode;
}) {
  return (
    <li
      className={`${styles.step} ${done ? styles.stepDone : ""} ${open ? "" : styles.stepLater}`}
      data-testid={`guide-step-${n}`}
    >
      <span className={styles.number} aria-hidden>
        {done ? "✓" : n}
      </span>
      <div className={styles.stepBody}>
        <h2>{title}</h2>
        {open && children}
      </div>
    </li>
  );
}
