"use client";

import { memo, useContext, useEffect, useMemo, useState } from "react";
import { channels } from "../../flows/schema/common";
import { variableTypes } from "../../flows/schema/flowDocument";
import { DEFAULT_OUTLET } from "../../flows/nodes/nodeType";
import { isNodeType } from "../../flows/nodes/registry";
import type { Diagnostic, VariableDeclaration } from "../../flows";
import { dataFieldsFor, nodeOutlets } from "../../flows/canvas";
import type { FlowMeta } from "../../flows/canvas";
import { useLocale } from "../i18n/LocaleProvider";
import { DataForm } from "./DataForm";
import { AudienceCount } from "../customers/AudienceCount";
import { CanvasContext } from "./decorations";
import type { CanvasEdge, CanvasNode, EditorStore } from "./editorStore";
import { freeEdgeId } from "./ids";
import { TargetPicker } from "./TargetPicker";
import { useSettledInspection } from "./useSettledInspection";
import styles from "./canvas.module.css";

type Props = { store: EditorStore; diagnostics: Diagnostic[] };

/** Edits the selected node or edge, or the flow's settings; renders on structure and selection changes only. */
export const Inspector = memo(function Inspector({ store, diagnostics }: Props) {
  const { t } = useLocale();
  const { nodes, edges, meta } = useSettledInspection(store);
  const selectedNodes = nodes.filter((n) => n.selected);
  const selectedEdges = edges.filter((e) => e.selected);
  const count = selectedNodes.length + selectedEdges.length;
  if (count > 1) return <p className={styles.muted}>{t("editor.multiSelection", { count })}</p>;
  const node = selectedNodes[0];
  if (node)
    return (
      <NodeInspector
        key={node.id}
        store={store}
        node={node}
        nodes={nodes}
        edges={edges}
        diagnostics={diagnostics.filter((d) => d.nodeId === node.id)}
      />
    );
  const edge = selectedEdges[0];
  if (edge)
    return (
      <EdgeInspector
        key={edge.id}
        store={store}
        edge={edge}
        nodes={nodes}
        diagnostics={diagnostics.filter((d) => d.edgeId === edge.id)}
      />
    );
  return <FlowSettings store={store} meta={meta} diagnostics={diagnostics.filter((d) => !d.nodeId && !d.edgeId)} />;
});

function NodeInspector({
  store,
  node,
  nodes,
  edges,
  diagnostics,
}: {
  store: EditorStore;
  node: CanvasNode;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  diagnostics: Diagnostic[];
}) {
  const { t, diagnostic } = useLocale();
  const [id, setId] = useState(node.id);
  useEffect(() => setId(node.id), [node.id]);
  const type = node.type ?? "";
  const commitId = () => {
    if (id.trim() === "" || !store.renameNode(node.id, id.trim())) setId(node.id);
  };
  return (
    <section aria-label={t("editor.node")}>
      <h2>{isNodeType(type) ? t(`node.${type}`) : type}</h2>
      <label className={styles.field}>
        <span>{t("editor.nodeId")}</span>
        <input
          value={id}
          onChange={(e) => setId(e.target.value)}
          onBlur={commitId}
          onKeyDown={(e) => e.key === "Enter" && commitId()}
        />
      </label>
      <DataForm
        fields={dataFieldsFor(type)}
        value={node.data}
        diagnostics={diagnostics}
        onChange={(data, field) => store.updateNodeData(node.id, data, field)}
      />
      {type === "start" && (typeof node.data.audience === "string" || typeof node.data.segment === "string") ? (
        <AudienceCount
          audience={typeof node.data.audience === "string" ? node.data.audience : ""}
          {...(typeof node.data.segment === "string" ? { segment: node.data.segment } : {})}
        />
      ) : null}
      {diagnostics
        .filter((d) => !d.path?.startsWith("data."))
        .map((d, i) => (
          <p key={i} className={styles.fieldError}>
            {diagnostic(d)}
          </p>
        ))}
      <Connections store={store} node={node} nodes={nodes} edges={edges} />
    </section>
  );
}

function Connections({
  store,
  node,
  nodes,
  edges,
}: {
  store: EditorStore;
  node: CanvasNode;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}) {
  const { t } = useLocale();
  const { resolveFlow } = useContext(CanvasContext);
  const [newTarget, setNewTarget] = useState("");
  const [newEvent, setNewEvent] = useState("");
  const outlets = nodeOutlets(node.type, node.data, resolveFlow);
  const targets = useMemo(
    () => nodes.filter((n) => n.id !== node.id && n.type !== "start").map((n) => n.id),
    [nodes, node.id],
  );
  const outgoing = edges.filter((e) => e.source === node.id);
  const taken = new Set(edges.map((e) => e.id));
  if (!outlets.byEvent && outlets.outlets.length === 0) return null;
  if (outlets.byEvent) {
    return (
      <fieldset className={styles.fieldset}>
        <legend>{t("editor.connections")}</legend>
        {outgoing.map((edge, index) => (
          <div key={edge.id} className={styles.inline}>
            <input
              aria-label={`${t("editor.onEvent")} ${index + 1}`}
              placeholder="next"
              value={typeof edge.data?.event === "string" ? edge.data.event : ""}
              onChange={(e) =>
                store.updateEdge(edge.id, { data: { ...edge.data, event: e.target.value || undefined } }, "event")
              }
            />
            <TargetPicker
              ids={targets}
              label={`${t("editor.transitionTo")} ${index + 1}`}
              value={edge.target}
              onChange={(target) => target && store.updateEdge(edge.id, { target })}
            />
            <button
              type="button"
              className={styles.iconButton}
              aria-label={`${t("editor.remove")} ${edge.id}`}
              onClick={() => store.replaceEdges(edges.filter((e) => e.id !== edge.id))}
            >
              ×
            </button>
          </div>
        ))}
        <div className={styles.inline}>
          <input
            aria-label={t("editor.onEvent")}
            placeholder="next"
            value={newEvent}
            onChange={(e) => setNewEvent(e.target.value)}
          />
          <TargetPicker ids={targets} label={t("editor.transitionTo")} value={newTarget} onChange={setNewTarget} />
        </div>
        <button
          type="button"
          className={styles.button}
          disabled={!newTarget}
          onClick={() => {
            store.addEdge({
              id: freeEdgeId(taken),
              source: node.id,
              target: newTarget,
              ...(newEvent.trim() ? { data: { event: newEvent.trim() } } : {}),
            });
            setNewTarget("");
            setNewEvent("");
          }}
        >
          {t("editor.addTransition")}
        </button>
      </fieldset>
    );
  }
  return (
    <fieldset className={styles.fieldset}>
      <legend>{t("editor.connections")}</legend>
      {outlets.outlets.map((outlet) => {
        const edge = outgoing.find((e) => (e.sourceHandle || DEFAULT_OUTLET) === outlet);
        return (
          <label key={outlet} className={styles.field}>
            <span>{`${outlet} →`}</span>
            <TargetPicker
              ids={targets}
              label={`${t("editor.transitionTo")}: ${outlet}`}
              value={edge?.target ?? ""}
              onChange={(target) => {
                const rest = edges.filter((x) => x !== edge);
                store.replaceEdges(
                  target
                    ? [
                        ...rest,
                        {
                          id: edge?.id ?? freeEdgeId(taken),
                          source: node.id,
                          target,
                          ...(outlet === DEFAULT_OUTLET ? {} : { sourceHandle: outlet }),
                        },
                      ]
                    : rest,
                );
              }}
            />
          </label>
        );
      })}
    </fieldset>
  );
}

function EdgeInspector({
  store,
  edge,
  nodes,
  diagnostics,
}: {
  store: EditorStore;
  edge: CanvasEdge;
  nodes: CanvasNode[];
  diagnostics: Diagnostic[];
}) {
  const { t, diagnostic } = useLocale();
  const source = nodes.find((n) => n.id === edge.source);
  const byEvent = source ? nodeOutlets(source.type, source.data).byEvent : false;
  return (
    <section aria-label={t("editor.edge")}>
      <h2>{t("editor.edge")}</h2>
      <p>
        <code>{edge.source}</code>
        {edge.sourceHandle ? ` [${edge.sourceHandle}]` : ""} → <code>{edge.target}</code>
      </p>
      {byEvent && (
        <label className={styles.field}>
          <span>{t("field.event")}</span>
          <input
            placeholder="next"
            value={typeof edge.data?.event === "string" ? edge.data.event : ""}
            onChange={(e) =>
              store.updateEdge(edge.id, { data: { ...edge.data, event: e.target.value || undefined } }, "event")
            }
          />
          <span className={styles.muted}>{t("editor.eventHint")}</span>
        </label>
      )}
      <label className={styles.field}>
        <span>{t("field.label")}</span>
        <input
          value={typeof edge.data?.label === "string" ? edge.data.label : ""}
          onChange={(e) =>
            store.updateEdge(edge.id, { data: { ...edge.data, label: e.target.value || undefined } }, "label")
          }
        />
      </label>
      {diagnostics.map((d, i) => (
        <p key={i} className={styles.fieldError}>
          {diagnostic(d)}
        </p>
      ))}
    </section>
  );
}

function FlowSettings({ store, meta, diagnostics }: { store: EditorStore; meta: FlowMeta; diagnostics: Diagnostic[] }) {
  const { t, label: valueLabel, diagnostic, word } = useLocale();
  const variables = Object.entries(meta.variables);
  const setVariables = (entries: Array<[string, VariableDeclaration]>, field: string) =>
    store.updateMeta({ ...meta, variables: Object.fromEntries(entries) }, field);
  return (
    <section aria-label={t("editor.flowSettings")}>
      <h2>{t("editor.flowSettings")}</h2>
      <p className={styles.muted}>{t("editor.noSelection")}</p>
      <label className={styles.field}>
        <span>{t("field.name")}</span>
        <input value={meta.name} onChange={(e) => store.updateMeta({ ...meta, name: e.target.value }, "name")} />
      </label>
      <label className={styles.field}>
        <span>{t("editor.description")}</span>
        <textarea
          rows={2}
          value={meta.description ?? ""}
          onChange={(e) => store.updateMeta({ ...meta, description: e.target.value || undefined }, "description")}
        />
      </label>
      <label className={styles.field}>
        <span>{t("field.kind")}</span>
        <select
          value={meta.kind}
          onChange={(e) => store.updateMeta({ ...meta, kind: e.target.value === "mot" ? "mot" : "sop" })}
        >
          <option value="sop">{t("kind.sop")}</option>
          <option value="mot">{t("kind.mot")}</option>
        </select>
      </label>
      <fieldset className={styles.fieldset}>
        <legend>{t("editor.channels")}</legend>
        <div className={styles.checkRow}>
          {channels.map((channel) => (
            <label key={channel}>
              <input
                type="checkbox"
                checked={meta.channels.includes(channel)}
                onChange={(e) =>
                  store.updateMeta({
                    ...meta,
                    channels: e.target.checked
                      ? [...meta.channels, channel]
                      : meta.channels.filter((c) => c !== channel),
                  })
                }
              />
              {valueLabel(channel)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend>{t("editor.variables")}</legend>
        {variables.map(([name, declaration], index) => (
          <div key={index} className={styles.inline}>
            <input
              aria-label={`${t("editor.variableName")} ${index + 1}`}
              value={name}
              onChange={(e) =>
                setVariables(
                  variables.map((v, i) => (i === index ? [e.target.value, v[1]] : v)),
                  `var-name-${index}`,
                )
              }
            />
            <select
              aria-label={`${t("editor.variableType")} ${index + 1}`}
              value={declaration.type}
              onChange={(e) =>
                setVariables(
                  variables.map((v, i) =>
                    i === index
                      ? [
                          v[0],
                          {
                            ...v[1],
                            type: variableTypes.find((x) => x === e.target.value) ?? "string",
                            default: undefined,
                          },
                        ]
                      : v,
                  ),
                  `var-type-${index}`,
                )
              }
            >
              {variableTypes.map((type) => (
                <option key={type} value={type}>
                  {word("varType", type)}
                </option>
              ))}
            </select>
            <input
              aria-label={`${t("editor.variableDefault")} ${index + 1}`}
              placeholder={t("editor.variableDefault")}
              value={declaration.default === undefined ? "" : String(declaration.default)}
              onChange={(e) =>
                setVariables(
                  variables.map((v, i) => (i === index ? [v[0], withDefault(v[1], e.target.value)] : v)),
                  `var-default-${index}`,
                )
              }
            />
            <button
              type="button"
              className={styles.iconButton}
              aria-label={`${t("editor.remove")} ${name}`}
              onClick={() =>
                setVariables(
                  variables.filter((_, i) => i !== index),
                  "var-remove",
                )
              }
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className={styles.button}
          onClick={() =>
            setVariables([...variables, [freeName(variables.map(([n]) => n)), { type: "string" }]], "var-add")
          }
        >
          {`+ ${t("editor.addVariable")}`}
        </button>
      </fieldset>
      {diagnostics.map((d, i) => (
        <p key={i} className={styles.fieldError}>
          {diagnostic(d)}
        </p>
      ))}
    </section>
  );
}

function withDefault(declaration: VariableDeclaration, raw: string): VariableDeclaration {
  const { default: _old, ...rest } = declaration;
  if (raw === "") return rest;
  if (declaration.type === "number" || declaration.type === "integer") {
    const number = Number(raw);
    return { ...rest, default: Number.isFinite(number) ? number : raw };
  }
  if (declaration.type === "boolean")
    return { ...rest, default: raw === "true" ? true : raw === "false" ? false : raw };
  return { ...rest, default: raw };
}

function freeName(taken: string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`var${n}`)) return `var${n}`;
}
