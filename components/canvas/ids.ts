/** `e1`, `e2`, …: the first edge id not taken. */
export function freeEdgeId(taken: ReadonlySet<string>): string {
  for (let n = taken.size + 1; ; n++) if (!taken.has(`e${n}`)) return `e${n}`;
}

/** `base`, `base2`, `base3`, …: the first id not taken. */
export function freeId(base: string, taken: ReadonlySet<string>): string {
  const stem = base || "node";
  for (let n = 1; ; n++) {
    const id = n === 1 ? stem : `${stem}${n}`;
    if (!taken.has(id)) return id;
  }
}
