// Dwell times are kept as a histogram in the rollups: bucket b holds dwells in (1.1^(b-1), 1.1^b] ms
// (bucket 0: none, 0 ms). A percentile read back is its bucket's upper bound: at most 10% above the
// exact value, whatever the number of interactions.
const RATIO = 1.1;
const LOG_RATIO = Math.log(RATIO);

export function dwellBucket(ms: number): number {
  if (ms <= 0) return 0;
  // The ceiling of the log, with a small tolerance so an exact power does not slip to the next bucket.
  return Math.max(1, Math.ceil(Math.log(ms) / LOG_RATIO - 1e-9));
}

export function dwellBucketUpper(bucket: number): number {
  return bucket <= 0 ? 0 : Math.round(RATIO ** bucket);
}

/** The q-th percentile (0–1) of a histogram of bucket → count, as a bucket's upper bound. */
export function histogramPercentile(histogram: ReadonlyMap<number, number>, q: number): number | null {
  const buckets = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  // Nearest rank: the smallest value with at least q of the observations at or below it.
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bucket, n] of buckets) {
    seen += n;
    if (seen >= rank) return dwellBucketUpper(bucket);
  }
  return dwellBucketUpper(buckets.at(-1)?.[0] ?? 0);
}
