// Tags survey comments (VOC) with the drivers of a workspace's taxonomy: keyword rules per locale,
// matched as whole words. Chinese has no spaces, so words come from Intl.Segmenter (ICU's dictionary),
// not from substring search: "不等了" does not mention "等待", and "等待" inside "等待时间" is a word.

export type DriverRule = { driver: string; locale: string; label: string; keywords: readonly string[] };

/** The taxonomy a workspace starts with, until it defines its own. */
export const DEFAULT_DRIVERS: readonly DriverRule[] = [
  { driver: "waiting", locale: "zh", label: "等待", keywords: ["等待", "排队", "太久", "很慢", "等了"] },
  {
    driver: "waiting",
    locale: "en",
    label: "Waiting",
    keywords: ["wait", "waiting", "waited", "slow", "queue", "hold"],
  },
  { driver: "attitude", locale: "zh", label: "服务态度", keywords: ["态度", "不耐烦", "冷漠", "不礼貌"] },
  {
    driver: "attitude",
    locale: "en",
    label: "Staff attitude",
    keywords: ["rude", "attitude", "impolite", "unfriendly"],
  },
  { driver: "unresolved", locale: "zh", label: "未解决", keywords: ["没解决", "未解决", "没有解决", "还是不行"] },
  {
    driver: "unresolved",
    locale: "en",
    label: "Not resolved",
    keywords: ["not resolved", "unresolved", "still broken", "not fixed"],
  },
  { driver: "verification", locale: "zh", label: "身份验证", keywords: ["验证", "验证码", "密码", "令牌"] },
  {
    driver: "verification",
    locale: "en",
    label: "Verification",
    keywords: ["verification", "verify", "code", "password", "token"],
  },
  { driver: "fees", locale: "zh", label: "费用", keywords: ["手续费", "收费", "费用"] },
  { driver: "fees", locale: "en", label: "Fees", keywords: ["fee", "fees", "charge", "charged"] },
];

const segmenters = new Map<string, Intl.Segmenter>();

/** The words of `text` in `locale`, lower-cased (punctuation and spaces dropped). */
export function words(text: string, locale: string): string[] {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: "word" });
    segmenters.set(locale, segmenter);
  }
  return [...segmenter.segment(text.toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment);
}

/** `zh` when the text holds Han characters, else `en` (when the comment carries no locale). */
export function commentLocale(text: string, declared?: string | null): string {
  if (declared) return declared.slice(0, 2).toLowerCase();
  return /\p{Script=Han}/u.test(text) ? "zh" : "en";
}

/** Whether `needle` occurs in `haystack` as consecutive words. */
function containsWords(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((w, j) => haystack[i + j] === w)) return true;
  }
  return false;
}

/** The drivers a comment mentions, in the taxonomy's order, each once. */
export function tagComment(comment: string, rules: readonly DriverRule[], declaredLocale?: string | null): string[] {
  const locale = commentLocale(comment, declaredLocale);
  const tokens = words(comment, locale);
  const tagged: string[] = [];
  for (const rule of rules) {
    if (rule.locale.slice(0, 2).toLowerCase() !== locale || tagged.includes(rule.driver)) continue;
    if (rule.keywords.some((k) => containsWords(tokens, words(k, locale)))) tagged.push(rule.driver);
  }
  return tagged;
}

/** Drivers by how many comments mention them, most first, with the cumulative share (Pareto). */
export function pareto(tags: readonly (readonly string[])[]): { driver: string; count: number; cumulative: number }[] {
  const counts = new Map<string, number>();
  for (const list of tags) for (const d of list) counts.set(d, (counts.get(d) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  let running = 0;
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([driver, count]) => {
      running += count;
      return { driver, count, cumulative: total === 0 ? 0 : Math.round((running * 1000) / total) / 10 };
    });
}
