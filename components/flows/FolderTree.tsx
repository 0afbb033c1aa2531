"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../server/api/root";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./processMap.module.css";

type MapData = inferRouterOutputs<AppRouter>["folders"]["map"];
export type MapFlow = MapData["flows"][number];
export type MapFolder = MapData["folders"][number];

type Props = {
  folders: readonly MapFolder[];
  flows: readonly MapFlow[];
  canEdit: boolean;
  /** What to show beside each flow (where published, calls, republish). */
  details: (flow: MapFlow) => ReactNode;
  onMove: (key: string, folderId: string | null) => void;
  onCreateFolder: (name: string, parentId: string | null) => void;
};

const DRAG_TYPE = "application/x-journey-flow";

/** Folders nested as the levels of a process map, their flows inside; drag a flow onto a folder to move it. */
export function FolderTree(props: Props) {
  return <FolderNode {...props} folder={null} depth={0} />;
}

function FolderNode(props: Props & { folder: MapFolder | null; depth: number }) {
  const { t } = useLocale();
  const { folder, folders, flows, canEdit } = props;
  const id = folder?.id ?? null;
  const [over, setOver] = useState(false);
  const [naming, setNaming] = useState<string | null>(null);
  const children = folders.filter((f) => f.parentId === id);
  const here = flows.filter((f) => f.folderId === id);
  const name = folder?.name ?? t("map.top");
  return (
    <section
      className={styles.folder}
      data-over={over}
      data-testid={`folder-${name}`}
      aria-label={name}
      onDragOver={(e) => {
        if (!canEdit || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        e.stopPropagation();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        const key = e.dataTransfer.getData(DRAG_TYPE);
        setOver(false);
        if (!key) return;
        e.preventDefault();
        e.stopPropagation();
        props.onMove(key, id);
      }}
    >
      <div className={styles.folderName}>
        <span>{name}</span>
        {canEdit && naming === null && (
          <button type="button" className={styles.button} onClick={() => setNaming("")}>
            {`+ ${t("map.newFolder")}`}
          </button>
        )}
        {canEdit && naming !== null && (
          <form
            className={styles.inline}
            onSubmit={(e) => {
              e.preventDefault();
              if (naming.trim()) props.onCreateFolder(naming.trim(), id);
              setNaming(null);
            }}
          >
            <input
              aria-label={t("map.folderName")}
              value={naming}
              autoFocus
              maxLength={200}
              onChange={(e) => setNaming(e.target.value)}
            />
            <button type="submit" className={styles.button}>
              {t("map.add")}
            </button>
          </form>
        )}
      </div>
      {here.map((flow) => (
        <div
          key={flow.key}
          className={styles.flow}
          data-testid={`map-flow-${flow.key}`}
          draggable={canEdit}
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_TYPE, flow.key);
            e.dataTransfer.effectAllowed = "move";
          }}
        >
          <div>
            <Link href={`/flows/${flow.key}`} prefetch={false}>
              {flow.name}
            </Link>
            <div className={styles.key}>{flow.key}</div>
          </div>
          <div>
            {canEdit && (
              <select
                aria-label={t("map.moveTo", { name: flow.name })}
                value={flow.folderId ?? ""}
                onChange={(e) => props.onMove(flow.key, e.target.value || null)}
              >
                <option value="">{t("map.top")}</option>
                {folders.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            )}
          </div>
          <div>{props.details(flow)}</div>
        </div>
      ))}
      {children.map((child) => (
        <FolderNode key={child.id} {...props} folder={child} depth={props.depth + 1} />
      ))}
    </section>
  );
}
