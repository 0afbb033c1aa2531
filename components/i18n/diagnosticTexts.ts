import type { Diagnostic } from "../../flows/diagnostics";
import { fillPlaceholders, type Locale } from "./messages";

/**
 * The validator's findings in other languages than its own English, by code (or code and severity) with
 * the finding's `params`. A finding without params, or without a text here, is shown as the validator
 * worded it.
 */
const texts: Partial<Record<Locale, Record<string, string>>> = {
  zh: {
    NO_START: "流程没有开始节点：请在旅程开始处添加一个。",
    UNREACHABLE: "节点“{node}”无法从开始节点到达：请连接它或删除它。",
    NO_WAY_OUT: "节点“{node}”没有出口：请连接到下一步（或用结束节点结束旅程）。",
    DECISION_WITHOUT_ELSE: "判断“{node}”没有“else”连线：当所有规则都不成立时，旅程会停在这里。",
    OUTLET_UNCONNECTED: "节点“{node}”的“{outlet}”出口没有连接。",
    "OUTLET_UNCONNECTED.warning": "节点“{node}”的“{outlet}”出口没有连接，这种情况会被拒绝。",
    SCRIPT_NOT_FOUND: "节点“{node}”使用的话术“{script}”不存在（或没有已批准的版本）。",
    SCRIPT_NO_VARIANT: "节点“{node}”的话术“{script}”没有可用于{channel}的版本：请添加{channel}版本或备用版本。",
    SCRIPT_CHANNEL_FALLBACK: "节点“{node}”的话术“{script}”没有{channel}版本，{channel}将使用{fallback}的措辞。",
    UNDECLARED_VARIABLE: "节点“{node}”把结果存入“{variable}”，但它不是本流程的变量。",
    DUPLICATE_NODE_ID: "有两个节点的标识都是“{node}”：每个节点需要唯一的标识。",
  },
};

/** The finding's text for `locale`; `label` shows values such as channels in that language. */
export function diagnosticText(
  diagnostic: Diagnostic,
  locale: Locale,
  label: (value: string) => string = (value) => value,
): string {
  const table = texts[locale];
  const params = diagnostic.params;
  if (!table || !params) return diagnostic.message;
  const template = table[`${diagnostic.code}.${diagnostic.severity}`] ?? table[diagnostic.code];
  if (!template) return diagnostic.message;
  return fillPlaceholders(template, params, (name, value) =>
    name === "channel" || name === "fallback" ? label(value) : value,
  );
}
