// Whether two variants' rates differ more than chance would make them: the two-proportion z-test
// (pooled), two-sided. No maintained JavaScript statistics package offers it with types for Node 20
// (jStat's last release is from 2022), so it is this small function, tested against textbook values.

/** The standard normal CDF, by the Abramowitz–Stegun 7.1.26 approximation of erf (|error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export type ProportionTest = { z: number; p: number; significant: boolean };

/** `a` successes of `n` against `b` of `m`; significant when p < alpha (default 0.05). */
export function twoProportionTest(a: number, n: number, b: number, m: number, alpha = 0.05): ProportionTest | null {
  if (n === 0 || m === 0) return null;
  const pooled = (a + b) / (n + m);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
  if (se === 0) return { z: 0, p: 1, significant: false };
  const z = (a / n - b / m) / se;
  const p = 2 * (1 - normalCdf(Math.abs(z)));
  return { z, p, significant: p < alpha };
}
