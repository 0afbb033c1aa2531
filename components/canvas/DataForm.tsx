"use client";

import { useId } from "react";
import type { Diagnostic } from "../../flows";
import type { DataField } from "../../flows/canvas";
import { withField } from "../../flows/canvas";
import { useLocale } from "../i18n/LocaleProvider";
import { fieldLabel } from "./labels";
import { ScriptPicker } from "./ScriptPicker";
import styles from "./canvas.module.css";

type Props = {
  fields: DataField[];
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>, field: string) => void;
  /** The node's diagnostics; those with a `data.<field>` path show under that field. */
  diagnostics?: Diagnostic[];
  pathPrefix?: string;
};

/** A form generated from a node type's schema fields; the validator's findings show at each field. */
export function DataForm({ fields, value, onChange, diagnostics = [], pathPrefix = "data" }: Props) {
  return (
    <>
      {fields.map((field) => (
        <FieldEditor
          key={field.name}
          field={field}
          value={value[field.name]}
          onChange={(next) => onChange(withField(value, field.name, next), field.name)}
          problems={diagnostics.filter(
            (d) =>
              d.path === `${pathPrefix}.${field.name}` ||
              (field.kind !== "list" && field.kind !== "variant" && d.path?.startsWith(`${pathPrefix}.${field.name}.`)),
          )}
          path={`${pathPrefix}.${field.name}`}
          diagnostics={diagnostics}
        />
      ))}
    </>
  );
}

type FieldProps = {
  field: DataField;
  value: unknown;
  onChange: (value: unknown) => void;
  problems: Diagnostic[];
  path: string;
  diagnostics: Diagnostic[];
};

function FieldEditor({ field, value, onChange, problems, path, diagnostics }: FieldProps) {
  const { t, label: valueLabel, diagnostic } = useLocale();
  const id = useId();
  const label = fieldLabel(t, field.name);
  const errorId = `${id}-error`;
  const invalid = problems.some((p) => p.severity === "error");
  const describedBy = problems.length > 0 ? errorId : undefined;
  const errors = problems.length > 0 && (
    <span id={errorId} className={styles.fieldError}>
      {problems.map((p) => diagnostic(p)).join(" ")}
    </span>
  );
  const wrap = `${styles.field} ${invalid ? styles.fieldInvalid : ""}`;
  switch (field.kind) {
    case "text":
      // Every node type names its script `script`: a picker over the workspace's scripts.
      if (field.name === "script")
        return (
          <ScriptPicker
            label={label}
            value={typeof value === "string" ? value : undefined}
            required={field.required}
            invalid={invalid}
            describedBy={describedBy}
            errors={errors}
            onChange={onChange}
          />
        );
      return (
        <label className={wrap}>
          <span>{label}</span>
          <input
            type="text"
            value={typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value)}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value === "" && !field.required ? undefined : e.target.value)}
          />
          {errors}
        </label>
      );
    case "number":
    case "numberOrWord":
      return (
        <label className={wrap}>
          <span>{label}</span>
          <input
            type={field.kind === "number" ? "number" : "text"}
            value={typeof value === "number" || typeof value === "string" ? String(value) : ""}
            {...(field.kind === "number" ? { min: field.min, max: field.max, step: field.integer ? 1 : "any" } : {})}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => {
              const raw = e.target.value.trim();
              if (raw === "") return onChange(undefined);
              const number = Number(raw);
              onChange(Number.isFinite(number) ? number : raw);
            }}
          />
          {errors}
        </label>
      );
    case "boolean":
      return (
        <label className={styles.checkRow}>
          <input
            type="checkbox"
            checked={typeof value === "boolean" ? value : (field.defaultValue ?? false)}
            onChange={(e) => onChange(e.target.checked)}
          />
          <span>{label}</span>
          {errors}
        </label>
      );
    case "select":
      return (
        <label className={wrap}>
          <span>{label}</span>
          <select
            value={typeof value === "string" ? value : ""}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
          >
            {(!field.required || typeof value !== "string") && <option value="">—</option>}
            {field.options.map((option) => (
              <option key={option} value={option}>
                {valueLabel(option)}
              </option>
            ))}
          </select>
          {errors}
        </label>
      );
    case "multiSelect": {
      const selected = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
      return (
        <fieldset className={styles.fieldset} aria-describedby={describedBy}>
          <legend>{label}</legend>
          <div className={styles.checkRow}>
            {field.options.map((option) => (
              <label key={option}>
                <input
                  type="checkbox"
                  checked={selected.includes(option)}
                  onChange={(e) => {
                    const next = e.target.checked ? [...selected, option] : selected.filter((s) => s !== option);
                    onChange(next.length === 0 && !field.required ? undefined : next);
                  }}
                />
                {valueLabel(option)}
              </label>
            ))}
          </div>
          {errors}
        </fieldset>
      );
    }
    case "list": {
      const items = Array.isArray(value) ? value : [];
      return (
        <fieldset className={styles.fieldset}>
          <legend>{label}</legend>
          {items.map((item, index) => {
            const record = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
            return (
              <div key={index} className={styles.fieldset} role="group" aria-label={`${label} ${index + 1}`}>
                <DataForm
                  fields={field.itemFields}
                  value={record}
                  diagnostics={diagnostics}
                  pathPrefix={`${path}.${index}`}
                  onChange={(next) => onChange(items.map((it, i) => (i === index ? next : it)))}
                />
                <button
                  type="button"
                  className={styles.button}
                  onClick={() => onChange(items.filter((_, i) => i !== index))}
                >
                  {t("editor.removeItem")}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className={styles.button}
            aria-label={`${t("editor.addItem")}: ${label}`}
            onClick={() =>
              onChange([
                ...items,
                Object.fromEntries(field.itemFields.filter((f) => f.required).map((f) => [f.name, ""])),
              ])
            }
          >
            {`+ ${t("editor.addItem")}`}
          </button>
          {errors}
        </fieldset>
      );
    }
    case "map": {
      const entries =
        typeof value === "object" && value !== null ? Object.entries(value as Record<string, unknown>) : [];
      const rebuild = (next: Array<[string, unknown]>) => onChange(Object.fromEntries(next));
      return (
        <fieldset className={styles.fieldset}>
          <legend>{label}</legend>
          {entries.map(([key, expression], index) => (
            <div key={index} className={styles.inline}>
              <input
                aria-label={`${label} ${index + 1}: ${t("field.variable")}`}
                value={key}
                onChange={(e) => rebuild(entries.map((entry, i) => (i === index ? [e.target.value, entry[1]] : entry)))}
              />
              <span style={{ flex: 0 }}>=</span>
              <input
                aria-label={`${label} ${index + 1}: ${t("field.value")}`}
                value={String(expression ?? "")}
                onChange={(e) => rebuild(entries.map((entry, i) => (i === index ? [entry[0], e.target.value] : entry)))}
              />
              <button
                type="button"
                className={styles.iconButton}
                aria-label={t("editor.removeItem")}
                onClick={() => rebuild(entries.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </div>
          ))}
          <button
            type="button"
            className={styles.button}
            onClick={() => rebuild([...entries, [freeKey(entries.map(([k]) => k)), ""]])}
          >
            {`+ ${t("editor.addItem")}`}
          </button>
          {errors}
        </fieldset>
      );
    }
    case "variant": {
      const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
      const tag = typeof record[field.tag] === "string" ? String(record[field.tag]) : (field.variants[0]?.value ?? "");
      const variant = field.variants.find((v) => v.value === tag);
      return (
        <fieldset className={styles.fieldset}>
          <legend>{label}</legend>
          <label className={styles.field}>
            <span>{fieldLabel(t, field.tag)}</span>
            <select value={tag} onChange={(e) => onChange({ [field.tag]: e.target.value })}>
              {field.variants.map((v) => (
                <option key={v.value} value={v.value}>
                  {v.value}
                </option>
              ))}
            </select>
          </label>
          {variant && (
            <DataForm
              fields={variant.fields}
              value={record}
              diagnostics={diagnostics}
              pathPrefix={path}
              onChange={(next) => onChange({ ...next, [field.tag]: tag })}
            />
          )}
          {errors}
        </fieldset>
      );
    }
  }
}

function freeKey(taken: string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`variable${n}`)) return `variable${n}`;
}
