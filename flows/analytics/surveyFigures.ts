// CSAT and NPS as CONTRACT §8 defines them.

export type NpsCounts = { promoters: number; passives: number; detractors: number };

/** 9–10 promoter, 7–8 passive, 0–6 detractor. */
export function npsClass(score: number): keyof NpsCounts {
  if (score >= 9) return "promoters";
  if (score >= 7) return "passives";
  return "detractors";
}

/** % promoters − % detractors, rounded to a whole number; null without answers. */
export function npsScore(counts: NpsCounts): number | null {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0) return null;
  return Math.round(((counts.promoters - counts.detractors) * 100) / n);
}

/** The mean score, to two decimals; null without answers. */
export function csatMean(n: number, sum: number): number | null {
  return n === 0 ? null : Math.round((sum / n) * 100) / 100;
}
