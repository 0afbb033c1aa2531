"use client";

import { useState } from "react";
import type { JsonValue, VariableDeclaration } from "../../flows";
import {
  fieldText,
  fieldValue,
  parseSimulationInputText,
  simulationInputText,
  withField,
} from "../../flows/simulate/simulationInput";
import type { SimulationInput, VariableType } from "../../flows/simulate/simulationInput";
import { DateField } from "../studio/DateField";
import { useLocale } from "../i18n/LocaleProvider";
import type { MessageKey } from "../i18n/messages";
import { sampleCustomers } from "../scripts/sampleCustomers";
import styles from "./canvas.module.css";
import own from "./simulatorInput.module.css";

type Props = {
  variables: Readonly<Record<string, VariableDeclaration>>;
  input: SimulationInput;
  onInput: (input: SimulationInput) => void;
  sampleId: string;
  onSample: (id: string) => void;
};

/** The customer's fields the form offers; others go in the JSON. */
const customerFields: { name: string; type: VariableType; label: MessageKey }[] = [
  { name: "name", type: "string", label: "simInput.customer.name" },
  { name: "tier", type: "string", label: "simInput.customer.tier" },
  { name: "birthday", type: "date", label: "simInput.customer.birthday" },
];
const locales = ["zh-CN", "en"] as const;

/**
 * What a simulation starts with, as a form: the flow's declared variables (an input per type) and a
 * customer (a sample customer, then its fields and locale). The JSON stays one toggle away, in step.
 */
export function SimulatorInputForm({ variables, input, onInput, sampleId, onSample }: Props) {
  const { t, locale } = useLocale();
  const [advanced, setAdvanced] = useState(false);
  const [jsonText, setJsonText] = useState<string>();
  const [jsonProblem, setJsonProblem] = useState<string>();
  // Text being typed that is not (yet) a value of its type, by field: shown as typed, marked invalid.
  const [drafts, setDrafts] = useState<Record<string, string>>({});

  const change = (next: SimulationInput) => {
    onInput(next);
    setJsonText(undefined);
    setJsonProblem(undefined);
  };
  const field = (part: "vars" | "customer", name: string, type: VariableType, label: string, hint?: string) => {
    const key = `${part}.${name}`;
    const draft = drafts[key];
    const value = input[part][name];
    const invalid = draft !== undefined && !fieldValue(type, draft).ok;
    const setText = (text: string) => {
      setDrafts((d) => ({ ...d, [key]: text }));
      const read = fieldValue(type, text);
      if (read.ok) change(withField(input, part, name, read.value));
    };
    const done = () =>
      setDrafts((d) => {
        const { [key]: _gone, ...rest } = d;
        return rest;
      });
    const common = {
      "aria-invalid": invalid || undefined,
      "data-testid": `sim-${part}-${name}`,
      onBlur: done,
    };
    let control;
    if (type === "boolean")
      control = (
        <input
          type="checkbox"
          checked={value === true}
          onChange={(e) => change(withField(input, part, name, e.target.checked))}
          data-testid={common["data-testid"]}
        />
      );
    else if (type === "date" || type === "datetime")
      control = (
        <DateField
          {...common}
          withTime={type === "datetime"}
          value={draft ?? fieldText(type, value)}
          onChange={setText}
        />
      );
    else if (type === "object" || type === "array")
      control = (
        <textarea
          {...common}
          rows={2}
          spellCheck={false}
          value={draft ?? fieldText(type, value)}
          onChange={(e) => setText(e.target.value)}
        />
      );
    else
      control = (
        <input
          {...common}
          type={type === "string" ? "text" : "number"}
          step={type === "integer" ? 1 : "any"}
          value={draft ?? fieldText(type, value)}
          onChange={(e) => setText(e.target.value)}
        />
      );
    return (
      <label key={key} className={type === "boolean" ? own.check : styles.field}>
        <span>
          {label} <span className={own.type}>{t(`simInput.type.${type}`)}</span>
        </span>
        {control}
        {hint && <span className={own.hint}>{hint}</span>}
        {invalid && <span className={styles.fieldError}>{t(`simInput.invalid.${type}`)}</span>}
      </label>
    );
  };

  const names = Object.keys(variables);
  const customerLocale = typeof input.customer.locale === "string" ? input.customer.locale : "";
  return (
    <div className={own.form}>
      <fieldset className={own.group}>
        <legend>{t("simInput.variables")}</legend>
        {names.length === 0 && <p className={styles.muted}>{t("simInput.noVariables")}</p>}
        {names.map((name) => {
          const declaration = variables[name]!;
          return field("vars", name, declaration.type, name, declaration.description);
        })}
      </fieldset>
      <fieldset className={own.group}>
        <legend>{t("simInput.customer")}</legend>
        <label className={styles.field}>
          <span>{t("sim.customer")}</span>
          <select value={sampleId} onChange={(e) => onSample(e.target.value)}>
            {sampleCustomers.map((sample) => (
              <option key={sample.id} value={sample.id}>
                {sample.label[locale]}
              </option>
            ))}
            {sampleId === "" && <option value="">{t("simInput.customer.edited")}</option>}
          </select>
        </label>
        {customerFields.map((f) => field("customer", f.name, f.type, t(f.label)))}
        <label className={styles.field}>
          <span>{t("simInput.customer.locale")}</span>
          <select
            value={customerLocale}
            data-testid="sim-customer-locale"
            onChange={(e) => change(withField(input, "customer", "locale", e.target.value || undefined))}
          >
            <option value="">{t("simInput.customer.localeDefault")}</option>
            {locales.map((l) => (
              <option key={l} value={l}>
                {t(`simInput.locale.${l}`)}
              </option>
            ))}
            {customerLocale !== "" && !(locales as readonly string[]).includes(customerLocale) && (
              <option value={customerLocale}>{customerLocale}</option>
            )}
          </select>
        </label>
      </fieldset>
      <label className={own.check}>
        <input
          type="checkbox"
          checked={advanced}
          onChange={(e) => {
            setAdvanced(e.target.checked);
            setJsonText(undefined);
            setJsonProblem(undefined);
          }}
        />
        <span>{t("simInput.advanced")}</span>
      </label>
      {advanced && (
        <label className={styles.field}>
          <span>{t("sim.context")}</span>
          <textarea
            rows={8}
            spellCheck={false}
            data-testid="sim-json"
            aria-invalid={jsonProblem !== undefined || undefined}
            value={jsonText ?? simulationInputText(input)}
            onChange={(e) => {
              const text = e.target.value;
              setJsonText(text);
              const parsed = parseSimulationInputText(text);
              if (!parsed.ok) {
                setJsonProblem(
                  parsed.problem === "unknown-key"
                    ? t("simInput.json.unknownKey", { key: parsed.key ?? "" })
                    : parsed.problem === "not-json"
                      ? t("simInput.json.notJson")
                      : t("sim.badContext"),
                );
                return;
              }
              setJsonProblem(undefined);
              setDrafts({});
              onInput(parsed.input);
            }}
          />
          {jsonProblem && (
            <span role="alert" className={styles.fieldError}>
              {jsonProblem}
            </span>
          )}
        </label>
      )}
    </div>
  );
}

/** A sample customer as the simulator's customer (its fields copied, so editing them changes nothing shared). */
export function sampleCustomer(id: string): { [key: string]: JsonValue } {
  const sample = sampleCustomers.find((s) => s.id === id) ?? sampleCustomers[0];
  const customer = sample?.context.customer;
  return customer && typeof customer === "object" ? (structuredClone(customer) as { [key: string]: JsonValue }) : {};
}
