import type { Diagnostic } from "../../flows/diagnostics";
import type { ExpressionProblem } from "../../flows/expressions/checkExpression";
import type { SyntaxErrorKind } from "../../flows/expressions/parseExpression";
import { fillPlaceholders, type Locale } from "./messages";

/**
 * What is wrong with an expression (`{problem}` in a finding's text, by the finding's `problem` param) and
 * which syntax error it is (`{detail}`, by `kind`): every reason and kind has a text, or this fails to compile.
 */
type ExpressionTexts = Record<`problem.${ExpressionProblem["reason"]}`, string> &
  Record<`syntax.${SyntaxErrorKind}`, string>;

/** What is wrong with a field (`{issue}`, by the finding's `issue` param: flows/validate/describeIssue.ts). */
type IssueTexts = Record<`issue.${IssueKind}`, string>;
type IssueKind =
  | "missing"
  | "type"
  | "value"
  | "union"
  | "too-few"
  | "empty"
  | "too-small"
  | "too-big"
  | "unknown-keys"
  | "duration"
  | "duration-too-long"
  | "event-name"
  | "event-reserved"
  | "duplicate-option"
  | "else-taken"
  | "assigns-nothing"
  | "wait-one-of"
  | "wait-timeout"
  | "reserved-word"
  | "other";

const issueTexts: Partial<Record<Locale, IssueTexts>> = {
  zh: {
    "issue.missing": "缺失（必填）",
    "issue.type": "的类型不对：应为 {expected}",
    "issue.value": "的取值不对：只能是 {values} 之一",
    "issue.union": "不符合任何允许的写法",
    "issue.too-few": "至少需要 {minimum} 项",
    "issue.empty": "不能为空",
    "issue.too-small": "不能小于 {minimum}",
    "issue.too-big": "不能大于 {maximum}",
    "issue.unknown-keys": "含有未知字段：{keys}",
    "issue.duration": "不是 ISO 8601 时长（例如 P3D、PT30M、P1DT12H）",
    "issue.duration-too-long": "超过了 {years} 年",
    "issue.event-name": "只能包含字母、数字、“.”、“:”、“_”或“-”",
    "issue.event-reserved": "不能以“timer.”或“xstate.”开头（系统保留）",
    "issue.duplicate-option": "有两个选项的值相同",
    "issue.else-taken": "不能叫“else”：它是兜底出口的名称",
    "issue.assigns-nothing": "没有任何赋值",
    "issue.wait-one-of": "必须且只能设置时长、截止时间或事件中的一项",
    "issue.wait-timeout": "只有等待事件时才能设置超时",
    "issue.reserved-word": "是保留字",
    "issue.other": "不符合要求（{text}）",
  },
};

const expressionTexts: Partial<Record<Locale, ExpressionTexts>> = {
  zh: {
    "problem.syntax": "在第 {at} 个字符处有语法错误：{detail}",
    "problem.unknown-variable":
      "读取了“{name}”，它不是本流程的变量（请在“变量”中声明，或用 customer.{name} 读取客户资料）",
    "problem.forbidden-name": "读取了“{name}”，这是不允许的",
    "problem.unknown-function": "调用了 {name}，它不是表达式函数（可用：{available}）",
    "problem.unsupported": "用了表达式不支持的写法（{what}）",
    "syntax.empty": "表达式为空",
    "syntax.unexpected": "这里不应出现“{token}”",
    "syntax.operand-missing": "“{token}”后面缺少表达式",
    "syntax.unclosed": "“{token}”没有闭合",
    "syntax.unclosed-quote": "引号没有闭合（在“{token}”之后）",
    "syntax.expected": "这里缺少“{token}”",
    "syntax.bad-number": "数字的写法不对",
    "syntax.bad-name": "变量名不能以数字开头",
    "syntax.other": "无法解析",
  },
};

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
    "UNDECLARED_VARIABLE.set-customer": "赋值“{node}”写入了“{variable}”，但客户资料在流程中是只读的。",
    SEVERAL_STARTS: "开始节点“{node}”是第二个开始节点：一个流程只能有一个（第一个是“{first}”）。",
    EDGE_SOURCE_MISSING: "连线“{edge}”从节点“{source}”出发，但该节点不存在。",
    EDGE_TARGET_MISSING: "连线“{edge}”从“{source}”连到节点“{target}”，但该节点不存在。",
    EDGE_INTO_START: "连线“{edge}”连回了开始节点“{target}”：任何连线都不能回到开始节点。",
    "UNKNOWN_OUTLET.stage": "连线“{edge}”从阶段“{node}”的“{outlet}”出口离开：阶段的连线按事件选择，而不是按出口。",
    UNKNOWN_OUTLET: "连线“{edge}”从节点“{node}”的“{outlet}”出口离开，但它没有这个出口；它的出口是：{outlets}。",
    DUPLICATE_EVENT_EDGE: "节点“{node}”有两条连线都在事件“{event}”上：只能走其中一条。",
    EVENT_IGNORED: "连线“{edge}”写了事件“{event}”，但节点“{node}”不按事件选择连线，会忽略它。",
    DUPLICATE_OUTLET_EDGE: "节点“{node}”的“{outlet}”出口有两条连线：只能走其中一条。",
    "OUTLET_UNCONNECTED.subflow":
      "子流程“{node}”的“{outlet}”出口没有连接：请连接它或连接“else”，否则被调用的流程以这种方式结束时旅程会停在这里。",
    CHANNEL_NOT_IN_FLOW: "消息“{node}”用了渠道{channel}，但它不在本流程的渠道（{channels}）中。",
    BAD_DEFAULT: "变量“{variable}”的类型是 {type}，但它的默认值 {value} 不是。",
    PASSING_LOOP: "节点“{node}”所在的环路中没有等待的步骤（{loop}），会无限循环：请在环路中加入提问、等待或阶段。",
    SUBFLOW_NOT_FOUND: "子流程“{node}”调用的流程“{flow}”找不到。",
    SUBFLOW_CYCLE: "子流程“{node}”调用“{flow}”，又绕回本流程（{chain}）：流程不能调用自己。",
    RESERVED_VARIABLE_NAME: "变量“{variable}”不能使用：这是保留字，请改名。",
    DUPLICATE_EDGE_ID: "有两条连线的标识都是“{edge}”：每条连线需要唯一的标识。",
    UNKNOWN_NODE_TYPE: "节点“{node}”的类型“{type}”不是已知的节点类型（已知：{known}）。",
    FORBIDDEN_KEY: "“{at}”：不能用“__proto__”作名称，请改名。",
    BAD_TIMEZONE: "开始节点“{node}”：“{zone}”不是时区（请用 IANA 名称，如 Asia/Shanghai）。",
    BAD_DATE_FIELD: "开始节点“{node}”：日期字段“{field}”既不在客户资料（customer.…）中，也不是本流程的变量。",
    BAD_WAIT_UNTIL: "等待“{node}”等到“{variable}”，但它不是本流程的变量。",
    "BAD_WAIT_UNTIL.type": "等待“{node}”等到“{variable}”，它是 {type} 类型的变量；必须是日期或日期时间。",
    "BAD_EXPRESSION.decision": "判断“{node}”的第 {rule} 条规则（{handle}）：“{expression}”{problem}。",
    "BAD_EXPRESSION.set": "赋值“{node}”：{variable} = “{expression}”{problem}。",
    BAD_AUDIENCE: "开始节点“{node}”的受众条件“{expression}”{problem}。",
    BAD_CRON: "开始节点“{node}”：定时规则“{cron}”不是有效的 cron 表达式（五段：分 时 日 月 周，例如 0 9 * * 1）。",
    "INVALID_NODE_DATA.data": "节点“{node}”的配置{issue}。",
    "INVALID_NODE_DATA.field": "节点“{node}”的字段“{field}”{issue}。",
    "NOT_A_FLOW_DOCUMENT.not-object": "这不是流程文档：应为一个 JSON 对象。",
    "NOT_A_FLOW_DOCUMENT.no-schema": "这不是流程文档：“schema”必须是“{expected}”。",
    "NOT_A_FLOW_DOCUMENT.version": "文档的 schema 是“{version}”，本版本无法读取（应为“{expected}”）。",
    "NOT_A_FLOW_DOCUMENT.document": "流程文档{issue}。",
    "NOT_A_FLOW_DOCUMENT.field": "字段“{field}”{issue}。",
    "NOT_A_FLOW_DOCUMENT.node": "节点“{node}”{issue}。",
    "NOT_A_FLOW_DOCUMENT.node-field": "节点“{node}”的字段“{field}”{issue}。",
    "NOT_A_FLOW_DOCUMENT.edge": "连线“{edge}”{issue}。",
    "NOT_A_FLOW_DOCUMENT.edge-field": "连线“{edge}”的字段“{field}”{issue}。",
    SUBFLOW_INVALID: "子流程“{node}”调用的流程“{flow}”有错误：请先修正并发布该流程。",
    UNKNOWN_SEGMENT: "开始节点“{node}”：分群“{segment}”不是本工作区的分群（已知：{known}）。",
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
  const template =
    table[`${diagnostic.code}.${diagnostic.severity}`] ??
    (params.in !== undefined ? table[`${diagnostic.code}.${params.in}`] : undefined) ??
    table[diagnostic.code];
  if (!template) return diagnostic.message;
  const expressionTable = expressionTexts[locale];
  const nested: Record<string, string | undefined> = {
    problem: expressionTable?.[`problem.${params.problem}` as keyof ExpressionTexts],
    detail: expressionTable?.[`syntax.${params.kind}` as keyof ExpressionTexts],
    issue: issueTexts[locale]?.[`issue.${params.issue}` as keyof IssueTexts],
  };
  if (params.problem !== undefined && nested.problem === undefined) return diagnostic.message;
  if (params.issue !== undefined && nested.issue === undefined) return diagnostic.message;
  const fill = (text: string): string =>
    fillPlaceholders(text, { ...params, problem: "", detail: "", issue: "" }, (name, value) => {
      if (name === "problem" || name === "detail" || name === "issue")
        return nested[name] !== undefined ? fill(nested[name]) : value;
      return name === "channel" || name === "fallback" ? label(value) : value;
    });
  return fill(template);
}

/** The finding codes worded in `locale` (for the test that keeps the list of codes without a text true). */
export function wordedDiagnosticCodes(locale: Locale): Set<string> {
  return new Set(Object.keys(texts[locale] ?? {}).map((key) => key.split(".")[0]!));
}
