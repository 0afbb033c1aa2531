import type { ScriptDiagnostic, ScriptLintCode } from "../../flows/scripts/scriptDiagnostic";
import { fillPlaceholders, type Locale } from "./messages";

/**
 * The script lint's findings in other languages than its own English, by code (and, where one code
 * has two wordings, by code and variant): every code has a text, or this fails to compile.
 */
type LintTexts = Record<ScriptLintCode, string> & {
  "unknown-variable.defaulted": string;
  "unsafe-link.relative": string;
  "forbidden-phrase.replacement": string;
};

const texts: Partial<Record<Locale, LintTexts>> = {
  zh: {
    "liquid-syntax": "模板语法错误：{detail}",
    "render-error": "渲染失败：{detail}",
    "unknown-variable": "流程不提供“{path}”：它会显示为空（请给它一个默认值）",
    "unknown-variable.defaulted": "流程不提供“{path}”：总是显示它的默认值",
    "sms-too-long": "短信共 {segments} 条（{encoding}，{units} 个字符）；最多 {max} 条",
    "voice-too-long": "朗读约需 {seconds} 秒；最多 {max} 秒",
    "forbidden-phrase": "“{phrase}”是雷区用语",
    "forbidden-phrase.replacement": "“{phrase}”是雷区用语：建议改为“{replacement}”",
    "too-long": "共 {characters} 个字；此渠道最多 {max} 个字",
    "snippet-missing": "片段“{key}”不存在或没有已批准的版本",
    "snippet-not-snippet": "“{key}”是完整话术，不是片段",
    "snippet-cycle": "片段“{key}”引用了自身（{trail}）",
    "disclosure-missing": "{channel}消息必须包含 {words}",
    "unsafe-link": "链接“{href}”使用了不安全的协议：只发送 {allowed} 链接",
    "unsafe-link.relative": "链接“{href}”是相对地址：只发送 {allowed} 链接",
    "dynamic-link": "链接地址来自数据：只有是 {allowed} 时才会发送",
    "voice-link": "语音中链接只读出文字，不读地址",
    "email-subject-missing": "没有主题：将以话术名称“{name}”作为主题发送",
  },
};

/** The finding's text for `locale`; `label` shows a channel in that language. */
export function lintText(
  finding: ScriptDiagnostic,
  locale: Locale,
  label: (value: string) => string = (value) => value,
): string {
  const table = texts[locale];
  const params = finding.params;
  if (!table || !params) return finding.message;
  const variant =
    finding.code === "unknown-variable" && params.defaulted === "true"
      ? "unknown-variable.defaulted"
      : finding.code === "unsafe-link" && params.relative === "true"
        ? "unsafe-link.relative"
        : finding.code === "forbidden-phrase" && params.replacement !== undefined
          ? "forbidden-phrase.replacement"
          : finding.code;
  return fillPlaceholders(table[variant], params, (name, value) => (name === "channel" ? label(value) : value));
}
